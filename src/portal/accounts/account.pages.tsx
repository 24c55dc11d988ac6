import type { JSX } from 'hono/jsx/jsx-runtime';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { Layout } from '../../shared/ui/layout.tsx';
import { InsetText, SummaryList, Tag } from '../../shared/ui/components.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { FlashBanner, NotificationBanner } from '../../shared/ui/notification-banner.tsx';

export interface ProfileView {
  displayName: string;
  mobileMasked: string;
  realName: string | null;
  idNumberMasked: string | null;
  realNameStatus: string;
  email: string | null;
  address: string | null;
}

const statusText: Record<string, { zh: string; en: string; tone: 'green' | 'amber' | 'red' | 'grey' }> = {
  none: { zh: '未实名认证', en: 'Not verified', tone: 'grey' },
  pending: { zh: '核验中', en: 'Verifying', tone: 'amber' },
  verified: { zh: '已实名认证', en: 'Verified', tone: 'green' },
  'not-matched': { zh: '信息不一致', en: 'Not matched', tone: 'red' },
  'id-taken': { zh: '已被其他账号认证', en: 'Verified on another account', tone: 'red' },
};

/** Most services need a checked name: the account page says so first, with the way to do it. */
function RealNameCall({ ctx }: { ctx: PageContext }) {
  return (
    <NotificationBanner tone="info" title={inLang(ctx, '请完成实名认证', 'Check your real name')}>
      {inLang(
        ctx,
        '完成实名认证后，才能在线申请办理事项、登记单位。只需填写姓名和身份证件号码，几秒钟即可完成核验。',
        'You need a checked real name to apply for services online and to register an organisation. Enter your name and ID number; the check takes a few seconds.',
      )}{' '}
      <a class="notification-banner__link" href="/account/profile#field-realName">
        {inLang(ctx, '现在去实名认证', 'Check your real name now')}
      </a>
    </NotificationBanner>
  );
}

export function accountPage({
  ctx,
  profile,
  flash,
  companiesPanel,
  casesPanel,
}: {
  ctx: PageContext;
  profile: ProfileView;
  flash?: string | undefined;
  /** The companies part, rendered by the companies feature. */
  companiesPanel?: JSX.Element | null;
  /** 我的办件 and the unread in-site messages, rendered by the cases feature. */
  casesPanel?: JSX.Element | null;
}): string {
  const title = inLang(ctx, '我的账号', 'My account');
  const status = statusText[profile.realNameStatus] ?? statusText.none!;
  const dash = '—';
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <FlashBanner text={flash} />
      <h1>{title}</h1>
      {profile.realNameStatus === 'none' ? <RealNameCall ctx={ctx} /> : null}
      {casesPanel}
      <p>
        <a href="/my/appointments">{inLang(ctx, '我的预约', 'My bookings')}</a>
      </p>
      <h2>{inLang(ctx, '个人信息', 'Personal details')}</h2>
      <SummaryList
        lang={ctx.lang}
        rows={[
          {
            key: inLang(ctx, '称呼', 'Display name'),
            value: profile.displayName,
            changeHref: '/account/profile',
          },
          { key: inLang(ctx, '手机号码', 'Mobile number'), value: profile.mobileMasked },
          {
            key: inLang(ctx, '姓名', 'Name'),
            value: profile.realName ?? dash,
            changeHref: '/account/profile',
          },
          {
            key: inLang(ctx, '身份证件号码', 'ID number'),
            value: profile.idNumberMasked ?? dash,
            changeHref: '/account/profile',
          },
          {
            key: inLang(ctx, '实名认证', 'Real-name check'),
            value: <Tag tone={status.tone}>{status[ctx.lang]}</Tag>,
          },
          {
            key: inLang(ctx, '电子邮箱', 'E-mail'),
            value: profile.email ?? dash,
            changeHref: '/account/profile',
          },
          {
            key: inLang(ctx, '联系地址', 'Address'),
            value: profile.address ?? dash,
            changeHref: '/account/profile',
          },
        ]}
      />
      {profile.realNameStatus === 'pending' ? (
        <InsetText>
          <span role="status">
            {inLang(
              ctx,
              '正在与公安机关人口信息核验，通常几秒内完成。',
              'Your name and ID number are being checked against the population registry; this usually takes a few seconds.',
            )}
          </span>{' '}
          <a href="/account">{inLang(ctx, '刷新查看结果', 'Refresh to see the result')}</a>
        </InsetText>
      ) : null}
      {profile.realNameStatus === 'not-matched' ? (
        <InsetText>
          {inLang(
            ctx,
            '姓名与身份证件号码未能通过核验。请核对后在“修改个人信息”中重新提交（每天最多5次）。',
            'The name and ID number did not match the registry. Check them and submit again under “Change your details” (up to 5 times a day).',
          )}
        </InsetText>
      ) : null}
      {profile.realNameStatus === 'id-taken' ? (
        <InsetText>
          {inLang(
            ctx,
            '姓名与身份证件号码核验一致，但该号码已在另一个账号完成实名认证，一个身份证件号码只能认证一个账号。请使用原账号登录；如那个账号不是您本人注册的，请携带身份证件到公安机关办事窗口处理。',
            'The name and ID number match the registry, but another account has already been verified with this number, and a number can verify only one account. Sign in with that account; if you did not open it, bring your ID card to a police service window.',
          )}
        </InsetText>
      ) : null}
      {companiesPanel}
    </Layout>,
  );
}
