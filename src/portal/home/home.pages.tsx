import { lifeEventLabel, type LifeEvent } from '../../shared/catalog/index.ts';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { CardGrid } from '../../shared/ui/components.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { ErrorView } from '../../shared/http/error-handler.ts';
import type { ArticleSummary } from '../content/content.service.ts';
import { SafetyWarnings } from '../content/content.warnings.tsx';
import { Stylesheet, SearchForm, itemHref } from '../catalog/catalog.view.tsx';
import { lifeEventHint, popularSearches } from '../catalog/catalog.words.ts';

/** What the home page shows besides fixed text: read from the catalogue, so nothing withdrawn is linked. */
export interface HomeView {
  popular: { id: string; name: { zh: string; en: string } }[];
  lifeEvents: LifeEvent[];
  /** Safety warnings still current today (content/). */
  warnings: readonly ArticleSummary[];
}

function UserCentre({ ctx }: { ctx: PageContext }) {
  const links = [
    {
      href: '/my/cases',
      zh: '我的办件',
      en: 'My applications',
      hintZh: '查看办理进度、补正材料、撤回申请',
      hintEn: 'Progress, missing documents, withdrawals',
    },
    {
      href: '/my/messages',
      zh: '消息',
      en: 'Messages',
      hintZh: '办理结果和办件提醒',
      hintEn: 'Decisions and reminders about your applications',
    },
    {
      href: '/account',
      zh: '我的账户',
      en: 'My account',
      hintZh: '实名认证、个人信息、单位账号',
      hintEn: 'Real-name check, your details, organisations',
    },
  ];
  return (
    <section class="home-section" aria-labelledby="home-user-title">
      <h2 id="home-user-title">{inLang(ctx, '个人中心', 'Your account')}</h2>
      <CardGrid
        headingLevel={3}
        items={links.map((l) => ({
          href: l.href,
          title: inLang(ctx, l.zh, l.en),
          description: inLang(ctx, l.hintZh, l.hintEn),
        }))}
      />
    </section>
  );
}

export function homePage(ctx: PageContext, view: HomeView): string {
  const { lang } = ctx;
  const title = inLang(ctx, '首页', 'Home');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <Stylesheet />
      <section class="hero home-hero">
        <h1 class="keep-words">
          {inLang(ctx, '示范市公安局 网上公安局', 'Shifan City Public Security Bureau — Online Bureau')}
        </h1>
        <p class="lead">
          {inLang(
            ctx,
            '让数据多跑腿，让群众少跑路。办事、查询、预约、咨询，一网通办。',
            'Apply, pay, track, book and ask online — let data run the errands, not people.',
          )}
        </p>
        <div class="home-search">
          <SearchForm lang={lang} />
        </div>
        <p class="home-popular-searches">
          <span>{inLang(ctx, '大家常搜：', 'Popular searches:')}</span>{' '}
          {popularSearches.map((q) => (
            <>
              <a lang="zh-CN" href={`/services/search?q=${encodeURIComponent(q)}`}>
                {q}
              </a>{' '}
            </>
          ))}
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
      <SafetyWarnings ctx={ctx} items={view.warnings} />
      {ctx.user ? <UserCentre ctx={ctx} /> : null}
      {view.popular.length ? (
        <section class="home-section" aria-labelledby="home-popular-title">
          <h2 id="home-popular-title">{inLang(ctx, '热门服务', 'Popular services')}</h2>
          <ul class="home-link-grid">
            {view.popular.map((item) => (
              <li>
                <a href={itemHref(item.id)}>{item.name[lang]}</a>
              </li>
            ))}
          </ul>
          <p>
            <a href="/services">{inLang(ctx, '查看全部办事事项', 'See all services')}</a>
          </p>
        </section>
      ) : null}
      {view.lifeEvents.length ? (
        <section class="home-section" aria-labelledby="home-events-title">
          <h2 id="home-events-title">{inLang(ctx, '按生活场景办事', 'Services by life event')}</h2>
          <CardGrid
            headingLevel={3}
            items={view.lifeEvents.map((event) => ({
              href: `/services/life-events/${event}`,
              title: lifeEventLabel[event][lang],
              description: lifeEventHint[event][lang],
            }))}
          />
        </section>
      ) : null}
      <section class="home-section" aria-labelledby="home-columns-title">
        <h2 id="home-columns-title">{inLang(ctx, '网站栏目', 'Sections of this site')}</h2>
        <CardGrid
          headingLevel={3}
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
            {
              href: '/directory',
              icon: 'globe',
              title: inLang(ctx, '机构名录', 'Police directory'),
              description: inLang(
                ctx,
                '派出所、出入境和交管服务点的地址、电话和办公时间',
                'Addresses, phones and hours of stations and service points',
              ),
            },
            {
              href: '/museum',
              icon: 'disclosure',
              title: inLang(ctx, '网上警史馆', 'Online police museum'),
              description: inLang(
                ctx,
                '示范市人民公安的历史展品，预约到馆参观',
                'Exhibits from the history of the city’s police; book a visit',
              ),
            },
          ]}
        />
      </section>
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
