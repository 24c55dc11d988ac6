import type { Column } from '../../shared/content/content.columns.ts';
import { escapeHtml } from '../../shared/content/content.markup.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import type { ArticleSummary } from './content.service.ts';

// RSS 2.0 and Atom 1.0 for one column, one feed per language: titles, summaries and links only, so a reader
// goes to the article page (which says when it was withdrawn by no longer answering) rather than keeping a
// full copy. The English feed carries the articles that have an English version, in English, linking to the
// English page.

const xml = escapeHtml;

interface FeedText {
  lang: Lang;
  channel: string;
  description: string;
  language: string;
  self: (kind: 'rss' | 'atom') => string;
  link: (id: number) => string;
  title: (a: ArticleSummary) => string;
  summary: (a: ArticleSummary) => string;
  author: (a: ArticleSummary) => string;
}

function textOf(base: string, column: Column, lang: Lang): FeedText {
  const en = lang === 'en';
  return {
    lang,
    channel: en ? `Demo City Public Security Bureau · ${column.name.en}` : `示范市公安局 · ${column.name.zh}`,
    description: column.description[lang],
    language: en ? 'en' : 'zh-cn',
    self: (kind) => `${base}/feeds/${column.slug}/${en ? 'en/' : ''}${kind}.xml`,
    link: (id) => `${base}/articles/${id}${en ? '?lang=en' : ''}`,
    title: (a) => (en && a.titleEn ? a.titleEn : a.title),
    summary: (a) => (en && a.titleEn ? a.summaryEn : a.summary),
    author: (a) => (en ? 'Demo City Public Security Bureau' : a.unitName || '示范市公安局'),
  };
}

export function rssFeed(
  base: string,
  column: Column,
  items: readonly ArticleSummary[],
  now: Date,
  lang: Lang = 'zh',
): string {
  const f = textOf(base, column, lang);
  const entries = items
    .map((a) => {
      const link = f.link(a.id);
      return `<item><title>${xml(f.title(a))}</title><link>${xml(link)}</link><guid isPermaLink="true">${xml(link)}</guid>${
        a.publishedAt ? `<pubDate>${a.publishedAt.toUTCString()}</pubDate>` : ''
      }<description>${xml(f.summary(a))}</description></item>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${xml(
    f.channel,
  )}</title><link>${xml(`${base}/${column.section}/${column.slug}${lang === 'en' ? '?lang=en' : ''}`)}</link><description>${xml(
    f.description,
  )}</description><language>${f.language}</language><lastBuildDate>${now.toUTCString()}</lastBuildDate>${entries}</channel></rss>\n`;
}

export function atomFeed(
  base: string,
  column: Column,
  items: readonly ArticleSummary[],
  now: Date,
  lang: Lang = 'zh',
): string {
  const f = textOf(base, column, lang);
  const self = f.self('atom');
  const updated = (items[0]?.publishedAt ?? now).toISOString();
  const entries = items
    .map((a) => {
      const link = f.link(a.id);
      const at = (a.publishedAt ?? now).toISOString();
      return `<entry><title>${xml(f.title(a))}</title><link href="${xml(link)}"/><id>${xml(link)}</id><updated>${at}</updated><published>${at}</published><summary>${xml(
        f.summary(a),
      )}</summary><author><name>${xml(f.author(a))}</name></author></entry>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${
    lang === 'en' ? 'en' : 'zh-CN'
  }"><title>${xml(f.channel)}</title><link rel="self" href="${xml(self)}"/><link href="${xml(
    `${base}/${column.section}/${column.slug}`,
  )}"/><id>${xml(self)}</id><updated>${updated}</updated>${entries}</feed>\n`;
}
