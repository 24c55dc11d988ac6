import { raw } from 'hono/html';
import { renderMarkup } from '../../shared/content/content.markup.ts';
import { BackLink } from '../../shared/ui/components.tsx';
import type { PageContext } from '../../shared/ui/context.ts';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { DiffLine } from './content.diff.ts';
import { StateTag } from './content.pages.tsx';
import type { ArticleRecord } from './content.repository.ts';
import type { ArticleVersionRow } from './content.tables.ts';
import { langText } from './content.words.ts';

// One version of an article: what changed since the version before, in both languages, and its text.

export type VersionDiff = Record<
  'title' | 'summary' | 'body' | 'titleEn' | 'summaryEn' | 'bodyEn',
  DiffLine[]
>;

const Lines = ({ lines, lang }: { lines: DiffLine[]; lang: 'zh-CN' | 'en' }) => (
  <pre class="diff" lang={lang}>
    {lines.map((l) =>
      l.kind === 'added' ? (
        <ins>{`+ ${l.text}\n`}</ins>
      ) : l.kind === 'removed' ? (
        <del>{`- ${l.text}\n`}</del>
      ) : (
        `  ${l.text}\n`
      ),
    )}
  </pre>
);

const changed = (lines: DiffLine[]) => lines.some((l) => l.kind !== 'same' && l.text !== '');

export function versionPage(p: {
  ctx: PageContext;
  article: ArticleRecord;
  version: ArticleVersionRow;
  previous: ArticleVersionRow | undefined;
  diff: VersionDiff | undefined;
}): string {
  const lang = p.ctx.lang;
  const title = langText(
    lang,
    `${p.version.title}（第${p.version.version}版）`,
    `${p.version.title} (version ${p.version.version})`,
  );
  const d = p.diff;
  const englishChanged = d ? changed(d.titleEn) || changed(d.summaryEn) || changed(d.bodyEn) : false;
  return renderPage(
    <Layout ctx={p.ctx} title={title}>
      <BackLink href={`/content/${p.article.id}`}>{p.article.title}</BackLink>
      <h1>{title}</h1>
      <p>
        <StateTag state={p.version.state} lang={lang} />
      </p>
      {d && p.previous ? (
        <section aria-labelledby="diff-title">
          <h2 id="diff-title">
            {langText(lang, `与第${p.previous.version}版比较`, `Compared with version ${p.previous.version}`)}
          </h2>
          <p class="hint">
            {langText(lang, '“+”为新增的行，“-”为删去的行。', '"+" marks added lines, "-" removed ones.')}
          </p>
          <h3>{langText(lang, '标题', 'Title')}</h3>
          <Lines lines={d.title} lang="zh-CN" />
          <h3>{langText(lang, '摘要', 'Summary')}</h3>
          <Lines lines={d.summary} lang="zh-CN" />
          <h3>{langText(lang, '正文', 'Body')}</h3>
          <Lines lines={d.body} lang="zh-CN" />
          {englishChanged ? (
            <>
              <h3>{langText(lang, '英文标题', 'English title')}</h3>
              <Lines lines={d.titleEn} lang="en" />
              <h3>{langText(lang, '英文摘要', 'English summary')}</h3>
              <Lines lines={d.summaryEn} lang="en" />
              <h3>{langText(lang, '英文正文', 'English body')}</h3>
              <Lines lines={d.bodyEn} lang="en" />
            </>
          ) : (
            <p>{langText(lang, '英文内容没有变化。', 'The English is unchanged.')}</p>
          )}
        </section>
      ) : null}
      <section aria-labelledby="text-title">
        <h2 id="text-title">{langText(lang, '正文', 'Body')}</h2>
        <div class="article-body" lang="zh-CN">
          {raw(renderMarkup(p.version.body).html)}
        </div>
      </section>
      {p.version.titleEn ? (
        <section aria-labelledby="text-en-title">
          <h2 id="text-en-title">{langText(lang, '英文版', 'English version')}</h2>
          <h3 lang="en">{p.version.titleEn}</h3>
          {p.version.summaryEn ? <p lang="en">{p.version.summaryEn}</p> : null}
          <div class="article-body" lang="en">
            {raw(renderMarkup(p.version.bodyEn).html)}
          </div>
        </section>
      ) : (
        <p>{langText(lang, '本版没有英文内容。', 'This version has no English.')}</p>
      )}
    </Layout>,
  );
}
