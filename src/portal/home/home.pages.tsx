import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { CardGrid } from '../../shared/ui/components.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { ErrorView } from '../../shared/http/error-handler.ts';
import type { ArticleSummary } from '../content/content.service.ts';
import { SafetyWarnings } from '../content/content.warnings.tsx';

export function homePage(ctx: PageContext, warnings: readonly ArticleSummary[] = []): string {
  const title = inLang(ctx, '首页', 'Home');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <section class="hero">
        <h1>
          {inLang(ctx, '示范市公安局 网上公安局', 'Shifan City Public Security Bureau — Online Bureau')}
        </h1>
        <p class="lead">
          {inLang(
            ctx,
            '让数据多跑腿，让群众少跑路。办事、查询、预约、咨询，一网通办。',
            'Apply, pay, track, book and ask online — let data run the errands, not people.',
          )}
        </p>
        {ctx.user ? null : (
          <p>
            <a class="button button--primary" href="/register">
              {inLang(ctx, '注册个人账号', 'Register')}
            </a>{' '}
            <a class="button button--secondary" href="/login">
              {inLang(ctx, '登录', 'Log in')}
            </a>
          </p>
        )}
      </section>
      <SafetyWarnings ctx={ctx} items={warnings} />
      <CardGrid
        items={[
          {
            href: '/news',
            icon: 'news',
            title: inLang(ctx, '信息发布', 'News & notices'),
            description: inLang(
              ctx,
              '警方新闻、通知公告、安全防范提示',
              'Police news, notices and safety warnings',
            ),
          },
          {
            href: '/disclosure',
            icon: 'disclosure',
            title: inLang(ctx, '警务公开', 'Police affairs disclosure'),
            description: inLang(
              ctx,
              '法律法规、审批结果公示、办事统计',
              'Laws, published approval results and statistics',
            ),
          },
          {
            href: '/services',
            icon: 'services',
            title: inLang(ctx, '网上办事', 'Online services'),
            description: inLang(
              ctx,
              '户政、出入境、交管、治安等办事指南与在线申请',
              'Guides and online applications for household, exit-entry, traffic and more',
            ),
          },
          {
            href: '/interaction',
            icon: 'interaction',
            title: inLang(ctx, '警民互动', 'Police–public interaction'),
            description: inLang(
              ctx,
              '局长信箱、咨询、投诉、建议、举报',
              'Director’s mailbox, questions, complaints, suggestions and tips',
            ),
          },
        ]}
      />
    </Layout>,
  );
}

export function errorPage(ctx: PageContext, view: ErrorView): string {
  const title = `${view.status}`;
  return renderPage(
    <Layout ctx={ctx} title={view.message}>
      <h1>{view.message}</h1>
      <p>
        {inLang(ctx, '错误代码', 'Error code')} {title} · {inLang(ctx, '请求编号', 'Request id')}{' '}
        <code>{view.requestId}</code>
      </p>
      <p>
        <a href="/">{inLang(ctx, '返回首页', 'Back to the home page')}</a>
      </p>
    </Layout>,
  );
}
