import { eq, isNull, sql } from 'drizzle-orm';
import { plainText } from '../../shared/content/content.markup.ts';
import type { Executor } from '../../shared/db/database.ts';
import { SECTION_SEPARATOR } from '../catalog/catalog.search.ts';
import { publishedArticles as t, type PublishedArticleRow } from './content.tables.ts';

// What an article is found by: its title (weight A), summary (B) and body (C), each in Chinese with the English
// version beside it, so one index answers a search in either language, as the guides' does. The English body is
// read back from the HTML the portal rendered, which every stored row has; the Chinese from the body as written.

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** The words of rendered article HTML: tags dropped, the renderer's escapes undone, alternative text kept. */
export function htmlText(html: string): string {
  return html
    .replace(/<img [^>]*alt="([^"]*)"[^>]*>/g, ' $1 ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim();
}

type Searchable = Pick<
  PublishedArticleRow,
  'title' | 'summary' | 'body' | 'titleEn' | 'summaryEn' | 'htmlEn'
>;

export function articleSearchText(a: Searchable): string {
  // A control character in the text must not move words into another section.
  const section = (...parts: string[]) =>
    parts
      .filter(Boolean)
      .join(' ')
      .replace(/[\u0000-\u001f]/g, ' ');
  return [
    section(a.title, a.titleEn),
    section(a.summary, a.summaryEn),
    section(plainText(a.body), htmlText(a.htmlEn)),
  ].join(SECTION_SEPARATOR);
}

/**
 * Rebuilds the search text of articles stored before the way it is built last changed (English versions were
 * once left out), when the portal opens; a row already up to date is not written.
 */
export async function refreshArticleSearchTexts(db: Executor): Promise<number> {
  const rows = await db
    .select({
      id: t.id,
      title: t.title,
      summary: t.summary,
      body: t.body,
      titleEn: t.titleEn,
      summaryEn: t.summaryEn,
      htmlEn: t.htmlEn,
      searchText: t.searchText,
    })
    .from(t)
    .where(isNull(t.withdrawnAt));
  let changed = 0;
  for (const row of rows) {
    const searchText = articleSearchText(row);
    if (searchText === row.searchText) continue;
    await db
      .update(t)
      .set({ searchText, searchVector: sql`public.zh_search_tsv(${searchText})` })
      .where(eq(t.id, row.id));
    changed += 1;
  }
  return changed;
}
