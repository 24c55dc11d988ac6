import type { JSX } from 'hono/jsx/jsx-runtime';
import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, PasswordField, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { InsetText, Notice, SummaryList, Tag } from '../../shared/ui/components.tsx';
import { t } from '../../shared/i18n/index.ts';
import { renderPage } from '../../shared/ui/render.ts';

type Values = Record<string, string>;
interface FormPage {
  ctx: PageContext;
  values?: Values;
  errors?: FieldError[];
}

export function loginPage({
  ctx,
  values = {},
  errors = [],
  next,
  expired = false,
}: FormPage & { next: string; expired?: boolean }): string {
  const title = inLang(ctx, '登录', 'Log in');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        {expired && errors.length === 0 ? <Notice>{t(ctx.lang, 'session.timedOut')}</Notice> : null}
        <h1>{title}</h1>
        <Form action={`/login?next=${encodeURIComponent(next)}`} csrfToken={ctx.csrfToken ?? ''}>
          <TextField
            name="mobile"
            label={inLang(ctx, '手机号码', 'Mobile number')}
            type="tel"
            inputmode="tel"
            autocomplete="username"
            width={20}
            value={values.mobile}
            error={errorFor(errors, 'mobile')}
          />
          <PasswordField
            name="password"
            label={inLang(ctx, '密码', 'Password')}
            autocomplete="current-password"
            width={20}
            error={errorFor(errors, 'password')}
          />
          <Button>{title}</Button>
        </Form>
        <p>
          <a href="/reset-password">{inLang(ctx, '忘记密码？', 'Forgot your password?')}</a>
        </p>
        <p>
          {inLang(ctx, '还没有账号？', 'No account yet?')}{' '}
          <a href="/register">{inLang(ctx, '注册个人账号', 'Register')}</a>
        </p>
      </div>
    </Layout>,
  );
}

/** Step one of registration and of password reset: the mobile number that will receive the code. */
export function mobileStepPage({
  ctx,
  values = {},
  errors = [],
  purpose,
}: FormPage & { purpose: 'register' | 'reset' }): string {
  const title =
    purpose === 'register'
      ? inLang(ctx, '注册个人账号', 'Register an account')
      : inLang(ctx, '找回密码', 'Reset your password');
  const action = purpose === 'register' ? '/register' : '/reset-password';
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <p>
          {inLang(
            ctx,
            '我们会向这个号码发送一条短信验证码。',
            'We will send a one-time code to this number by SMS.',
          )}
        </p>
        <Form action={action} csrfToken={ctx.csrfToken ?? ''}>
          <TextField
            name="mobile"
            label={inLang(ctx, '手机号码', 'Mobile number')}
            hint={inLang(ctx, '中国大陆11位手机号码', 'An 11-digit mainland China mobile number')}
            type="tel"
            inputmode="tel"
            autocomplete="tel"
            width={20}
            value={values.mobile}
            error={errorFor(errors, 'mobile')}
          />
          <Button>{inLang(ctx, '获取验证码', 'Send code')}</Button>
        </Form>
      </div>
    </Layout>,
  );
}

/** Step two: the code, and the new password (and, on registration, a display name). */
export function codeStepPage({
  ctx,
  values = {},
  errors = [],
  purpose,
  mobileMasked,
}: FormPage & { purpose: 'register' | 'reset'; mobileMasked: string }): string {
  const title =
    purpose === 'register'
      ? inLang(ctx, '设置账号信息', 'Set up your account')
      : inLang(ctx, '设置新密码', 'Choose a new password');
  const action = purpose === 'register' ? '/register/details' : '/reset-password/new';
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <InsetText>
          {inLang(
            ctx,
            `验证码已发送至 ${mobileMasked}，5分钟内有效。`,
            `A code was sent to ${mobileMasked}; it is valid for 5 minutes.`,
          )}{' '}
          <a href={purpose === 'register' ? '/register' : '/reset-password'}>
            {inLang(ctx, '换个号码或重新获取', 'Use another number or get a new code')}
          </a>
        </InsetText>
        <Form action={action} csrfToken={ctx.csrfToken ?? ''}>
          <TextField
            name="code"
            label={inLang(ctx, '短信验证码', 'Code from the SMS')}
            inputmode="numeric"
            autocomplete="one-time-code"
            width={10}
            value={values.code}
            error={errorFor(errors, 'code')}
          />
          {purpose === 'register' ? (
            <TextField
              name="displayName"
              label={inLang(ctx, '称呼', 'Display name')}
              hint={inLang(
                ctx,
                '办事时怎样称呼您，可以不是真实姓名',
                'How we address you; need not be your legal name',
              )}
              autocomplete="nickname"
              width={20}
              value={values.displayName}
              error={errorFor(errors, 'displayName')}
            />
          ) : null}
          <PasswordField
            name="password"
            label={inLang(ctx, '密码', 'Password')}
            hint={inLang(
              ctx,
              '至少10位，不能是常见密码，不能包含手机号；几个不相关的词加数字最好记',
              'At least 10 characters, not a common password, without your mobile number; several unrelated words and digits are easiest to remember',
            )}
            autocomplete="new-password"
            width={20}
            error={errorFor(errors, 'password')}
          />
          <PasswordField
            name="confirm"
            label={inLang(ctx, '再次输入密码', 'Password again')}
            autocomplete="new-password"
            width={20}
            error={errorFor(errors, 'confirm')}
          />
          <Button>
            {purpose === 'register'
              ? inLang(ctx, '注册', 'Register')
              : inLang(ctx, '保存新密码', 'Save new password')}
          </Button>
        </Form>
      </div>
    </Layout>,
  );
}

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

export function accountPage({
  ctx,
  profile,
  flash,
  companiesPanel,
}: {
  ctx: PageContext;
  profile: ProfileView;
  flash?: string | undefined;
  /** The companies part, rendered by the companies feature. */
  companiesPanel?: JSX.Element | null;
}): string {
  const title = inLang(ctx, '我的账号', 'My account');
  const status = statusText[profile.realNameStatus] ?? statusText.none!;
  const dash = '—';
  return renderPage(
    <Layout ctx={ctx} title={title}>
      {flash ? (
        <div class="notification-banner" role="status">
          {flash}
        </div>
      ) : null}
      <h1>{title}</h1>
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

export function profileFormPage({ ctx, values = {}, errors = [] }: FormPage): string {
  const title = inLang(ctx, '修改个人信息', 'Change your details');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <Form action="/account/profile" csrfToken={ctx.csrfToken ?? ''}>
          <TextField
            name="displayName"
            label={inLang(ctx, '称呼', 'Display name')}
            autocomplete="nickname"
            width={20}
            value={values.displayName}
            error={errorFor(errors, 'displayName')}
          />
          <TextField
            name="realName"
            optional
            label={inLang(ctx, '姓名', 'Name')}
            hint={inLang(ctx, '与身份证件上的姓名一致', 'As on your ID document')}
            autocomplete="name"
            width={20}
            value={values.realName}
            error={errorFor(errors, 'realName')}
          />
          <TextField
            name="idNumber"
            optional
            label={inLang(ctx, '身份证件号码', 'ID number')}
            hint={inLang(
              ctx,
              '18位居民身份证号码、港澳台居民居住证或外国人永久居留身份证号码；已保存的号码不再显示，如需更改请重新填写',
              '18 characters; a saved number is not shown again — fill it in only to change it',
            )}
            autocomplete="off"
            spellcheck={false}
            width={20}
            value={values.idNumber}
            error={errorFor(errors, 'idNumber')}
          />
          <TextField
            name="email"
            optional
            type="email"
            label={inLang(ctx, '电子邮箱', 'E-mail')}
            autocomplete="email"
            value={values.email}
            error={errorFor(errors, 'email')}
          />
          <TextField
            name="address"
            optional
            label={inLang(ctx, '联系地址', 'Address')}
            autocomplete="street-address"
            value={values.address}
            error={errorFor(errors, 'address')}
          />
          <Button>{inLang(ctx, '保存', 'Save')}</Button>
        </Form>
        <p>
          <a href="/account">{inLang(ctx, '返回我的账号', 'Back to my account')}</a>
        </p>
      </div>
    </Layout>,
  );
}
