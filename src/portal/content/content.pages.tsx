import { raw } from 'hono/html';
import {
  columnsOf,
  findColumn,
  sectionNames,
  type Column,
  type Section,
} from '../../shared/content/content.columns.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import { formatDate } from '../../shared/i18n/index.ts';
import { BackLink, Notice, Pagination, SummaryList } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { ArticleSummary } from './content.service.ts';
import type { PublishedArticleRow } from './content.tables.ts';

// The public pages of 信息发布 and 警务公开: a section's front page, a column with pages, one article, and the
// search across articles and service guides. On English pages an article with an English version shows it;
// one without shows its Chinese marked lang="zh-CN" (for screen readers to switch voice) and says so.

/** The title and summary a visitor reads: English on English pages where the article has it. */
export function shownText(
  ctx: PageContext,
  a: Pick<ArticleSummary, 'title' | 'summary' | 'titleEn' | 'summaryEn'>,
) {
  if (ctx.lang === 'en' && a.titleEn)
    return { title: a.titleEn, summary: a.summaryEn, lang: 'en' as const, chineseOnly: false };
  return { title: a.title, summary: a.summary, lang: 'zh-CN' as const, chineseOnly: ctx.lang === 'en' };
}

function ArticleList({ ctx, items }: { ctx: PageContext; items: readonly ArticleSummary[] }) {
  return (
    <ul class="article-list">
      {items.map((a) => {
        const shown = shownText(ctx, a);
        return (
          <li>
            <a href={`/articles/${a.id}`} lang={shown.lang}>
              {shown.title}
            </a>
            {shown.chineseOnly ? <span class="hint"> (in Chinese only)</span> : null}
            {a.publishedAt ? (
              <span class="article-date">
                {' '}
                <time datetime={a.publishedAt.toISOString()}>{formatDate(ctx.lang, a.publishedAt)}</time>
              </span>
            ) : null}
            {shown.summary ? (
              <p class="hint" lang={shown.lang}>
                {shown.summary}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function SearchForm({ ctx, q, errors }: { ctx: PageContext; q?: string; errors?: FieldError[] }) {
  return (
    <Form method="get" action="/search" class="search-form">
      <TextField
        name="q"
        type="search"
        label={inLang(ctx, '搜索文章和办事指南', 'Search articles and service guides')}
        value={q ?? ''}
        error={errors?.find((e) => e.field === 'q')?.message}
      />
      <Button>{inLang(ctx, '搜索', 'Search')}</Button>
    </Form>
  );
}

export function sectionPage(ctx: PageContext, section: Section, latest: readonly ArticleSummary[]): string {
  const title = sectionNames[section][ctx.lang];
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <SearchForm ctx={ctx} />
      {columnsOf(section).map((c) => {
        const items = latest.filter((a) => a.column === c.slug).slice(0, 3);
        return (
          <section aria-labelledby={`column-${c.slug}`}>
            <h2 id={`column-${c.slug}`}>
              <a href={`/${section}/${c.slug}`}>{c.name[ctx.lang]}</a>
            </h2>
            <p class="hint">{c.description[ctx.lang]}</p>
            {items.length > 0 ? (
              <ArticleList ctx={ctx} items={items} />
            ) : (
              <p>{inLang(ctx, '暂无内容。', 'Nothing published yet.')}</p>
            )}
          </section>
        );
      })}
    </Layout>,
  );
}

export function columnPage(
  ctx: PageContext,
  column: Column,
  list: { rows: readonly ArticleSummary[]; page: number; pageCount: number },
): string {
  const title = column.name[ctx.lang];
  const base = `/${column.section}/${column.slug}`;
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href={`/${column.section}`}>{sectionNames[column.section][ctx.lang]}</BackLink>
      <h1>{title}</h1>
      <p>{column.description[ctx.lang]}</p>
      {list.rows.length > 0 ? (
        <ArticleList ctx={ctx} items={list.rows} />
      ) : (
        <p>{inLang(ctx, '暂无内容。', 'Nothing published yet.')}</p>
      )}
      <Pagination
        page={list.page}
        pageCount={list.pageCount}
        href={(n) => (n === 1 ? base : `${base}?page=${n}`)}
      />
      <p>
        {inLang(ctx, '订阅本栏目：', 'Subscribe to this column: ')}
        <a href={`/feeds/${column.slug}/rss.xml`} type="application/rss+xml">
          RSS
        </a>{' '}
        <a href={`/feeds/${column.slug}/atom.xml`} type="application/atom+xml">
          Atom
        </a>
        {inLang(ctx, '；英文版：', '; in English: ')}
        <a href={`/feeds/${column.slug}/en/rss.xml`} type="application/rss+xml" hreflang="en">
          {inLang(ctx, '英文 RSS', 'RSS (English)')}
        </a>{' '}
        <a href={`/feeds/${column.slug}/en/atom.xml`} type="application/atom+xml" hreflang="en">
          {inLang(ctx, '英文 Atom', 'Atom (English)')}
        </a>
      </p>
    </Layout>,
  );
}

export function articlePage(ctx: PageContext, article: PublishedArticleRow): string {
  const column = findColumn(article.column);
  const fieldRows = (column?.fields ?? [])
    .filter((f) => article.fields[f.name])
    .map((f) => ({ key: f.label[ctx.lang], value: article.fields[f.name] ?? '' }));
  const shown = shownText(ctx, article);
  const html = shown.lang === 'en' ? article.htmlEn : article.html;
  return renderPage(
    <Layout ctx={ctx} title={shown.title}>
      {column ? (
        <BackLink href={`/${column.section}/${column.slug}`}>{column.name[ctx.lang]}</BackLink>
      ) : null}
      <article>
        <h1 lang={shown.lang}>{shown.title}</h1>
        {shown.chineseOnly ? (
          <Notice lang={ctx.lang}>
            This article has no English version. It is shown in Chinese as published; your browser may offer
            to translate it.
          </Notice>
        ) : null}
        <SummaryList
          rows={[
            ...(article.publishedAt
              ? [
                  {
                    key: inLang(ctx, '发布日期', 'Published'),
                    value: formatDate(ctx.lang, article.publishedAt),
                  },
                ]
              : []),
            ...(article.unitName
              ? [
                  {
                    key: inLang(ctx, '发布单位', 'Published by'),
                    // The unit's name travels in Chinese only.
                    value:
                      ctx.lang === 'en' ? <span lang="zh-CN">{article.unitName}</span> : article.unitName,
                  },
                ]
              : []),
            ...fieldRows,
          ]}
        />
        <div class="article-body" lang={shown.lang}>
          {raw(html)}
        </div>
      </article>
    </Layout>,
  );
}

export interface SearchView {
  q: string;
  articles: readonly ArticleSummary[];
  guides: readonly { id: string; name: string }[];
  errors?: FieldError[];
}

export function searchPage(ctx: PageContext, view: SearchView): string {
  const title = inLang(ctx, '站内搜索', 'Search');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={Boolean(view.errors?.length)}>
      <ErrorSummary errors={view.errors ?? []} />
      <h1>{title}</h1>
      <SearchForm ctx={ctx} q={view.q} errors={view.errors} />
      {view.q && !view.errors?.length ? (
        <>
          <section aria-labelledby="found-articles">
            <h2 id="found-articles">{inLang(ctx, '文章', 'Articles')}</h2>
            {view.articles.length > 0 ? (
              <ArticleList ctx={ctx} items={view.articles} />
            ) : (
              <p>{inLang(ctx, '没有找到相关文章。', 'No article matches.')}</p>
            )}
          </section>
          <section aria-labelledby="found-guides">
            <h2 id="found-guides">{inLang(ctx, '办事指南', 'Service guides')}</h2>
            {view.guides.length > 0 ? (
              <ul class="article-list">
                {view.guides.map((g) => (
                  <li>
                    <a href={`/services/items/${g.id}`}>{g.name}</a>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{inLang(ctx, '没有找到相关办事指南。', 'No service guide matches.')}</p>
            )}
          </section>
        </>
      ) : null}
    </Layout>,
  );
}
