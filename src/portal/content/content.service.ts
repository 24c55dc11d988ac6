import { and, desc, eq, isNull, or, sql, gte, type SQL } from 'drizzle-orm';
import type { contentPublished, contentPublishedV1, PayloadOf } from '../../exchange/contracts/index.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { findColumn, type Section } from '../../shared/content/content.columns.ts';
import { renderMarkup } from '../../shared/content/content.markup.ts';
import { blockingHits, checkPublication } from '../../shared/content/publication-check.ts';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { articleSearchText } from './content.search.ts';
import { publishedArticles as t, type PublishedArticleRow } from './content.tables.ts';

// The portal's side of articles: what arrives through the exchange is checked again and rendered here, with
// the portal's own escaping, and kept as the newest version only; the pages read live articles from here.

type Published = PayloadOf<typeof contentPublished>;

/** A version 1 message, sent before articles had English, read as a version 2 one without it. */
export const upgradePublished = (message: PayloadOf<typeof contentPublishedV1>): Published => ({
  ...message,
  english: null,
});

/**
 * Applies a publication: a version not newer than the one held is ignored, so redelivery or late delivery
 * changes nothing. The publication check runs again on what arrived: hits the approver did not override keep
 * the article off the site (`held`), so a message that somehow skipped the workbench's check never shows.
 */
export async function applyPublishedArticle(
  tx: Tx,
  message: Published,
): Promise<'applied' | 'held' | 'ignored'> {
  const column = findColumn(message.column);
  const [existing] = await tx
    .select({ version: t.version })
    .from(t)
    .where(eq(t.id, message.id))
    .for('update');
  if (existing && existing.version >= message.version) return 'ignored';
  const publishedAt = new Date(message.publishedAt);
  const parts: Record<string, string> = {
    title: message.title,
    summary: message.summary,
    body: message.body,
  };
  for (const [k, v] of Object.entries(message.fields)) parts[k] = v;
  const english = message.english;
  if (english)
    Object.assign(parts, { titleEn: english.title, summaryEn: english.summary, bodyEn: english.body });
  const held = column
    ? blockingHits(checkPublication(parts, todayInShanghai(publishedAt)), message.overrides)
    : [];
  const html = renderMarkup(message.body).html;
  const htmlEn = english ? renderMarkup(english.body).html : '';
  const titleEn = english?.title ?? '';
  const summaryEn = english?.summary ?? '';
  const searchText = articleSearchText({ ...message, titleEn, summaryEn, htmlEn });
  const values = {
    id: message.id,
    version: message.version,
    column: message.column,
    section: column?.section ?? '',
    title: message.title,
    summary: message.summary,
    body: message.body,
    html,
    titleEn,
    summaryEn,
    htmlEn,
    fields: message.fields,
    unitName: message.unitName,
    overrides: message.overrides,
    // An unknown column is held too: nothing would show it, and nothing should until it is known.
    held: held.length > 0 || !column ? held : null,
    expiresOn: message.expiresOn,
    searchText,
    searchVector: sql`public.zh_search_tsv(${searchText})`,
    publishedAt,
    withdrawnAt: null,
  };
  await tx
    .insert(t)
    .values(values)
    .onConflictDoUpdate({ target: t.id, set: { ...values, id: undefined } });
  return values.held ? 'held' : 'applied';
}

/** Takes a version off the site; a withdrawal that arrives first leaves a marker the late publication respects. */
export async function withdrawPublishedArticle(tx: Tx, id: number, version: number, at: Date): Promise<void> {
  await tx
    .insert(t)
    .values({ id, version, withdrawnAt: at, searchVector: sql`''::tsvector` })
    .onConflictDoUpdate({
      target: t.id,
      set: { withdrawnAt: at, searchVector: sql`''::tsvector` },
      setWhere: sql`${t.version} <= ${version}`,
    });
}

/** Shown now: published, not withdrawn, not held, and not past its expiry day (Beijing). */
export function live(today: string): SQL {
  return and(
    isNull(t.withdrawnAt),
    isNull(t.held),
    sql`${t.publishedAt} IS NOT NULL`,
    or(isNull(t.expiresOn), gte(t.expiresOn, today)),
  ) as SQL;
}

export type ArticleSummary = Pick<
  PublishedArticleRow,
  'id' | 'column' | 'title' | 'summary' | 'titleEn' | 'summaryEn' | 'publishedAt' | 'unitName' | 'expiresOn'
>;

const summaryColumns = {
  id: t.id,
  column: t.column,
  title: t.title,
  summary: t.summary,
  titleEn: t.titleEn,
  summaryEn: t.summaryEn,
  publishedAt: t.publishedAt,
  unitName: t.unitName,
  expiresOn: t.expiresOn,
};

export async function listColumn(
  db: Executor,
  column: string,
  options: { today: string; page: number; pageSize: number; englishOnly?: boolean },
): Promise<{ rows: ArticleSummary[]; total: number }> {
  // The English feed lists only articles with an English version: its readers asked for English.
  const where = and(
    eq(t.column, column),
    live(options.today),
    options.englishOnly ? sql`${t.titleEn} <> ''` : undefined,
  );
  const rows = await db
    .select({ ...summaryColumns, total: sql<number>`(count(*) OVER ())::int` })
    .from(t)
    .where(where)
    .orderBy(desc(t.publishedAt), desc(t.id))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  return { rows, total: rows[0]?.total ?? 0 };
}

/** The newest few of each column of a section, for the section's front page. */
export async function latestOfSection(db: Executor, section: Section, today: string, perColumn: number) {
  return db
    .select(summaryColumns)
    .from(t)
    .where(and(eq(t.section, section), live(today)))
    .orderBy(desc(t.publishedAt), desc(t.id))
    .limit(perColumn * 10);
}

export async function findLiveArticle(
  db: Executor,
  id: number,
  today: string,
): Promise<PublishedArticleRow | undefined> {
  const [row] = await db
    .select()
    .from(t)
    .where(and(eq(t.id, id), live(today)));
  return row;
}

/** Safety warnings in force today, newest first, for the home page. */
export async function currentWarnings(db: Executor, today: string, limit = 3): Promise<ArticleSummary[]> {
  return db
    .select(summaryColumns)
    .from(t)
    .where(and(eq(t.column, 'safety-warnings'), live(today)))
    .orderBy(desc(t.publishedAt), desc(t.id))
    .limit(limit);
}

/** Articles matching a parsed query (catalog.search.ts's tsquery), best first. */
export async function searchArticles(
  db: Executor,
  tsquery: string,
  options: { today: string; limit: number },
): Promise<ArticleSummary[]> {
  const q = sql`CAST(${tsquery} AS tsquery)`;
  return db
    .select(summaryColumns)
    .from(t)
    .where(and(live(options.today), sql`${t.searchVector} @@ ${q}`))
    .orderBy(sql`ts_rank(${t.searchVector}, ${q}) DESC`, desc(t.publishedAt))
    .limit(options.limit);
}
