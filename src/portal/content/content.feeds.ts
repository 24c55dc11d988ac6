import type { Column } from '../../shared/content/content.columns.ts';
import { escapeHtml } from '../../shared/content/content.markup.ts';
import type { ArticleSummary } from './content.service.ts';

// RSS 2.0 and Atom 1.0 for one column: titles, summaries and links only, so a reader goes to the article page
// (which says when it was withdrawn by no longer answering) rather than keeping a full copy.

const xml = escapeHtml;

export function rssFeed(base: string, column: Column, items: readonly ArticleSummary[], now: Date): string {
  const entries = items
    .map((a) => {
      const link = `${base}/articles/${a.id}`;
      return `<item><title>${xml(a.title)}</title><link>${xml(link)}</link><guid isPermaLink="true">${xml(link)}</guid>${
        a.publishedAt ? `<pubDate>${a.publishedAt.toUTCString()}</pubDate>` : ''
      }<description>${xml(a.summary)}</description></item>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${xml(
    `示范市公安局 · ${column.name.zh}`,
  )}</title><link>${xml(`${base}/${column.section}/${column.slug}`)}</link><description>${xml(
    column.description.zh,
  )}</description><language>zh-cn</language><lastBuildDate>${now.toUTCString()}</lastBuildDate>${entries}</channel></rss>\n`;
}

export function atomFeed(base: string, column: Column, items: readonly ArticleSummary[], now: Date): string {
  const self = `${base}/feeds/${column.slug}/atom.xml`;
  const updated = (items[0]?.publishedAt ?? now).toISOString();
  const entries = items
    .map((a) => {
      const link = `${base}/articles/${a.id}`;
      const at = (a.publishedAt ?? now).toISOString();
      return `<entry><title>${xml(a.title)}</title><link href="${xml(link)}"/><id>${xml(link)}</id><updated>${at}</updated><published>${at}</published><summary>${xml(
        a.summary,
      )}</summary><author><name>${xml(a.unitName || '示范市公安局')}</name></author></entry>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><title>${xml(
    `示范市公安局 · ${column.name.zh}`,
  )}</title><link rel="self" href="${xml(self)}"/><link href="${xml(`${base}/${column.section}/${column.slug}`)}"/><id>${xml(
    self,
  )}</id><updated>${updated}</updated>${entries}</feed>\n`;
}
