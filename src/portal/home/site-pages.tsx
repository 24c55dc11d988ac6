import { catalogAreas, areaLabel } from '../../shared/catalog/index.ts';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { SitePageText } from './site-pages.content.ts';

/** A fixed text page (privacy notice, terms, accessibility statement), in the visitor's language. */
export function textPage(ctx: PageContext, page: SitePageText): string {
  const { lang } = ctx;
  return renderPage(
    <Layout ctx={ctx} title={page.title[lang]}>
      <article class="prose">
        <h1>{page.title[lang]}</h1>
        <p class="lead">{page.lead[lang]}</p>
        {page.sections.map((section) => (
          <section>
            <h2>{section.heading[lang]}</h2>
            {(section.paragraphs ?? []).map((p) => (
              <p>{p[lang]}</p>
            ))}
            {section.list ? (
              <ul>
                {section.list.map((item) => (
                  <li>{item[lang]}</li>
                ))}
              </ul>
            ) : null}
          </section>
        ))}
        <p class="muted">
          {inLang(ctx, '更新日期：', 'Last updated: ')}
          <time datetime={page.updated}>{page.updated}</time>
        </p>
      </article>
    </Layout>,
  );
}

interface MapEntry {
  href: string;
  zh: string;
  en: string;
}

/** Only addresses that answer: the site map is checked link by link in the tests. */
export const siteMapGroups: { zh: string; en: string; links: MapEntry[] }[] = [
  {
    zh: '网站栏目',
    en: 'Sections',
    links: [
      { href: '/', zh: '首页', en: 'Home' },
      { href: '/news', zh: '信息发布', en: 'News & notices' },
      { href: '/disclosure', zh: '警务公开', en: 'Police affairs disclosure' },
      { href: '/services', zh: '网上办事', en: 'Online services' },
      { href: '/interaction', zh: '警民互动', en: 'Police–public interaction' },
      { href: '/directory', zh: '机构名录', en: 'Police directory' },
      { href: '/museum', zh: '网上警史馆', en: 'Online police museum' },
    ],
  },
  {
    zh: '网上办事',
    en: 'Online services',
    links: [
      { href: '/services/search', zh: '搜索办事事项', en: 'Search for a service' },
      { href: '/services?audience=company', zh: '法人办事', en: 'For organisations' },
    ],
  },
  {
    zh: '个人中心',
    en: 'Your account',
    links: [
      { href: '/login', zh: '登录', en: 'Log in' },
      { href: '/register', zh: '注册', en: 'Register' },
      { href: '/my/cases', zh: '我的办件', en: 'My applications' },
      { href: '/my/messages', zh: '消息', en: 'Messages' },
      { href: '/account', zh: '我的账户', en: 'My account' },
    ],
  },
  {
    zh: '关于本站',
    en: 'About this site',
    links: [
      { href: '/privacy', zh: '隐私声明', en: 'Privacy notice' },
      { href: '/terms', zh: '使用条款', en: 'Terms of use' },
      { href: '/accessibility', zh: '无障碍声明', en: 'Accessibility statement' },
      { href: '/transparency', zh: '数据公开', en: 'Transparency' },
    ],
  },
];

export function siteMapPage(ctx: PageContext): string {
  const { lang } = ctx;
  const title = inLang(ctx, '网站地图', 'Site map');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <div class="site-map">
        {siteMapGroups.map((group, i) => (
          <section>
            <h2>{group[lang]}</h2>
            <ul>
              {group.links.map((link) => (
                <li>
                  <a href={link.href}>{link[lang]}</a>
                </li>
              ))}
              {i === 1
                ? catalogAreas.map((area) => (
                    <li>
                      <a href={`/services/areas/${area}`}>{areaLabel[area][lang]}</a>
                    </li>
                  ))
                : null}
            </ul>
          </section>
        ))}
      </div>
    </Layout>,
  );
}
