import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { Value } from 'typebox/value';
import {
  areaCodes,
  lifeEventCodes,
  ServiceItem,
  type Area,
  type LifeEvent,
} from '../../shared/catalog/index.ts';
import type { Executor } from '../../shared/db/database.ts';
import { AppError } from '../../shared/http/errors.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import { notifyCatalogChange } from './catalog.cache.ts';
import { documentsOf, type DocumentInfo } from './catalog.documents.ts';
import {
  buildSearchText,
  highlight,
  MAX_QUERY_CHARS,
  needlesOf,
  parseQuery,
  SECTION_SEPARATOR,
  snippet,
  snippetSources,
  type Segment,
} from './catalog.search.ts';
import { publishedItems as t } from './catalog.tables.ts';
import { words } from './catalog.words.ts';

// The portal's side of the service catalogue: it stores what the workbench publishes and answers browsing and
// search. The exchange's handler for the publication message calls applyPublishedItem / withdrawItem inside
// the transaction that marks the message processed; both are idempotent and safe in any order of delivery.

export const ITEM_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Who is browsing: 'person' also shows items for both kinds of applicant, and so does 'company'. */
export type AudienceFilter = 'person' | 'company';

export interface PublishedItem {
  item: ServiceItem;
  version: number;
  publishedAt: Date;
  // The blank forms and samples the guide names that the portal holds, by path.
  documents: Map<string, DocumentInfo>;
}

export type PublishOutcome = 'applied' | 'ignored';

const excluded = (column: string) => sql.raw(`excluded.${column}`);
const live = () => isNull(t.withdrawnAt);

/**
 * Stores a published item. Only a higher version replaces what is stored, so a duplicate or late delivery
 * changes nothing and reports 'ignored'. To bring back a withdrawn item, the workbench publishes a version
 * higher than the one it withdrew.
 */
export async function applyPublishedItem(
  tx: Executor,
  item: ServiceItem,
  publishedAt: Date,
): Promise<PublishOutcome> {
  // The exchange checks the message schema; this guards the table against any other caller.
  if (!Value.Check(ServiceItem, item)) {
    const first = Value.Errors(ServiceItem, item)[0];
    throw new TypeError(`not a service item: ${first?.instancePath ?? ''} ${first?.message ?? ''}`);
  }
  const searchText = buildSearchText(item);
  const rows = await tx
    .insert(t)
    .values({
      id: item.id,
      version: item.version,
      area: item.area,
      audience: item.audience,
      lifeEvents: item.lifeEvents,
      itemType: item.itemType,
      nameZh: item.name.zh,
      nameEn: item.name.en,
      item,
      searchText,
      searchVector: sql`public.zh_search_tsv(${searchText})`,
      publishedAt,
      withdrawnAt: null,
    })
    .onConflictDoUpdate({
      target: t.id,
      set: {
        version: excluded('version'),
        area: excluded('area'),
        audience: excluded('audience'),
        lifeEvents: excluded('life_events'),
        itemType: excluded('item_type'),
        nameZh: excluded('name_zh'),
        nameEn: excluded('name_en'),
        item: excluded('item'),
        searchText: excluded('search_text'),
        searchVector: excluded('search_vector'),
        publishedAt: excluded('published_at'),
        withdrawnAt: sql`NULL`,
      },
      setWhere: sql`${t.version} < excluded.version`,
    })
    .returning({ id: t.id });
  if (rows.length === 0) return 'ignored';
  notifyCatalogChange(item.id);
  return 'applied';
}

/**
 * Builds the search text again for every stored item whose text a release before this one built differently
 * (say, before the English materials and answers were searched), so a running install finds what a fresh one
 * does without waiting for each item to be published again. Returns how many items changed.
 */
export async function refreshSearchTexts(db: Executor): Promise<number> {
  const stored = await db.select({ id: t.id, item: t.item, searchText: t.searchText }).from(t);
  let changed = 0;
  for (const row of stored) {
    // A withdrawal that came before its publication leaves a row without an item.
    if (!row.item) continue;
    const searchText = buildSearchText(row.item);
    if (searchText === row.searchText) continue;
    await db
      .update(t)
      .set({ searchText, searchVector: sql`public.zh_search_tsv(${searchText})` })
      .where(eq(t.id, row.id));
    notifyCatalogChange(row.id);
    changed += 1;
  }
  return changed;
}

/**
 * Takes an item off the portal. The withdrawal names the version it withdraws: it hides that version and any
 * lower one, and is ignored when a higher version is already stored. A withdrawal that arrives before the
 * publication it withdraws leaves a tombstone, so the late publication stays hidden.
 */
export async function withdrawItem(
  tx: Executor,
  id: string,
  version: number,
  at: Date,
): Promise<'withdrawn' | 'ignored'> {
  if (!ITEM_ID.test(id) || !Number.isInteger(version) || version < 1) {
    throw new TypeError(`not a withdrawal: ${JSON.stringify({ id, version })}`);
  }
  const rows = await tx
    .insert(t)
    .values({ id, version, withdrawnAt: at, searchVector: sql`''::tsvector` })
    .onConflictDoUpdate({
      target: t.id,
      set: {
        version: excluded('version'),
        withdrawnAt: sql`coalesce(${t.withdrawnAt}, excluded.withdrawn_at)`,
      },
      setWhere: sql`${t.version} < excluded.version OR (${t.version} = excluded.version AND ${t.withdrawnAt} IS NULL)`,
    })
    .returning({ id: t.id });
  if (rows.length === 0) return 'ignored';
  notifyCatalogChange(id);
  return 'withdrawn';
}

/** A live item's version, or null; the guide page's cache asks this once per freshness period. */
export async function findVersion(db: Executor, id: string): Promise<number | null> {
  if (!ITEM_ID.test(id)) return null;
  const [row] = await db
    .select({ version: t.version })
    .from(t)
    .where(and(eq(t.id, id), live()));
  return row?.version ?? null;
}

export async function findItem(db: Executor, id: string): Promise<PublishedItem | undefined> {
  if (!ITEM_ID.test(id)) return undefined;
  const [row] = await db
    .select({ item: t.item, version: t.version, publishedAt: t.publishedAt })
    .from(t)
    .where(and(eq(t.id, id), live()));
  if (!row?.item || !row.publishedAt) return undefined;
  const documents = await documentsOf(db, row.item);
  return { item: row.item, version: row.version, publishedAt: row.publishedAt, documents };
}

/** What the portal still knows of an item it has taken off: enough to say what it was and where to go. */
export interface WithdrawnItem {
  id: string;
  name: { zh: string; en: string };
  area: Area;
  lifeEvents: LifeEvent[];
  withdrawnAt: Date;
}

/** A withdrawn item that was once published; a tombstone for an item never shown is not one. */
export async function findWithdrawn(db: Executor, id: string): Promise<WithdrawnItem | undefined> {
  if (!ITEM_ID.test(id)) return undefined;
  const [row] = await db
    .select({ item: t.item, withdrawnAt: t.withdrawnAt })
    .from(t)
    .where(and(eq(t.id, id), sql`${t.withdrawnAt} IS NOT NULL`));
  if (!row?.item || !row.withdrawnAt) return undefined;
  const { name, area, lifeEvents } = row.item;
  return { id, name, area, lifeEvents, withdrawnAt: row.withdrawnAt };
}

/** One answer for unknown and withdrawn items. */
export async function getItem(db: Executor, id: string): Promise<PublishedItem> {
  const found = await findItem(db, id);
  if (!found) throw new AppError('NOT_FOUND');
  return found;
}

/** The names of those of `ids` that are live, in the order asked: a withdrawn item is left out, not linked. */
export async function liveItemNames(
  db: Executor,
  ids: readonly string[],
): Promise<{ id: string; name: { zh: string; en: string } }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: t.id, zh: t.nameZh, en: t.nameEn })
    .from(t)
    .where(and(inArray(t.id, [...ids]), live()));
  const byId = new Map(rows.map((r) => [r.id, { id: r.id, name: { zh: r.zh ?? '', en: r.en ?? '' } }]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export interface ItemPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

function audienceIn(audience: AudienceFilter | undefined): SQL | undefined {
  return audience ? inArray(t.audience, [audience, 'both']) : undefined;
}

const pageOf = (page: number | undefined, pageCount: number) =>
  Math.min(Math.max(1, Math.trunc(Number.isFinite(page) ? (page as number) : 1)), Math.max(1, pageCount));

export async function listItems(
  db: Executor,
  filter: { area?: Area; audience?: AudienceFilter; lifeEvent?: LifeEvent; page?: number; pageSize?: number },
): Promise<ItemPage<ServiceItem>> {
  const where = and(
    live(),
    filter.area ? eq(t.area, filter.area) : undefined,
    audienceIn(filter.audience),
    filter.lifeEvent ? sql`${t.lifeEvents} @> ARRAY[${filter.lifeEvent}]::text[]` : undefined,
  );
  const pageSize = filter.pageSize ?? 20;
  const [counted] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(t)
    .where(where);
  const total = counted?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = pageOf(filter.page, pageCount);
  const rows = await db
    .select({ item: t.item })
    .from(t)
    .where(where)
    // The catalogue code orders items as the catalogue itself does: by item type, then sequence.
    .orderBy(sql`${t.item}->'code'->>'basic'`, asc(t.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: rows.flatMap((r) => (r.item ? [r.item] : [])), total, page, pageSize, pageCount };
}

export interface CatalogCounts {
  total: number;
  areas: Record<Area, number>;
  lifeEvents: Record<LifeEvent, number>;
}

export async function countItems(db: Executor, audience?: AudienceFilter): Promise<CatalogCounts> {
  const where = and(live(), audienceIn(audience));
  const byArea = await db
    .select({ area: t.area, n: sql<number>`count(*)::int` })
    .from(t)
    .where(where)
    .groupBy(t.area);
  const byEvent = await db
    .select({ event: sql<string>`e.event`, n: sql<number>`count(*)::int` })
    .from(t)
    .innerJoin(sql`unnest(${t.lifeEvents}) AS e(event)`, sql`true`)
    .where(where)
    .groupBy(sql`e.event`);
  const areas = Object.fromEntries(areaCodes.map((a) => [a, 0])) as Record<Area, number>;
  const lifeEvents = Object.fromEntries(lifeEventCodes.map((e) => [e, 0])) as Record<LifeEvent, number>;
  let total = 0;
  for (const r of byArea) {
    if (r.area && r.area in areas) areas[r.area] = r.n;
    total += r.n;
  }
  for (const r of byEvent) if (r.event in lifeEvents) lifeEvents[r.event as LifeEvent] = r.n;
  return { total, areas, lifeEvents };
}

export interface SearchHit {
  item: ServiceItem;
  score: number;
  name: Segment[];
  snippet: Segment[];
}

export interface SearchResult extends ItemPage<SearchHit> {
  query: string;
  /** 'any' when nothing matched every word and the results match only some of them. */
  mode: 'all' | 'any';
}

/** Refuses an empty or over-long query with a 422 naming the field `q`, in the visitor's language. */
export function queryError(problem: 'empty' | 'too-long', lang: Lang): AppError {
  const message =
    problem === 'empty'
      ? words(lang, 'search.empty')
      : words(lang, 'search.tooLong', { max: MAX_QUERY_CHARS });
  return new AppError('VALIDATION', { fields: [{ field: 'q', message }] });
}

const MAX_SEARCH_PAGE = 50;

export async function searchItems(
  db: Executor,
  raw: unknown,
  options: { page?: number; pageSize?: number; lang: Lang },
): Promise<SearchResult> {
  const query = parseQuery(raw);
  if (typeof query === 'string') throw queryError(query, options.lang);
  const pageSize = options.pageSize ?? 10;
  const wanted = Math.min(pageOf(options.page, MAX_SEARCH_PAGE), MAX_SEARCH_PAGE);

  const run = async (tsquery: string, page: number) => {
    const q = sql`CAST(${tsquery} AS tsquery)`;
    // A query that is a whole keyword ("办护照") or sits inside the name is what the visitor meant. Keywords
    // are read from the first section of search_text (space-separated, stored inline) rather than from the
    // item's JSON, which would be decompressed for every match.
    const keywordHas = (word: string) =>
      sql`strpos(' ' || split_part(${t.searchText}, ${SECTION_SEPARATOR}, 1) || ' ', ${` ${word} `}) > 0`;
    // A vocabulary meaning that is a whole keyword counts half: the visitor said it another way.
    const meant = query.meanings.length
      ? sql`+ CASE WHEN ${sql.join(query.meanings.map(keywordHas), sql` OR `)} THEN 0.5 ELSE 0 END`
      : sql``;
    const score = sql<number>`(ts_rank(${t.searchVector}, ${q})
      + CASE WHEN ${keywordHas(query.compact)} THEN 1 ELSE 0 END ${meant}
      + CASE WHEN strpos(lower(${t.nameZh} || ' ' || ${t.nameEn}), ${query.compact}) > 0 THEN 0.5 ELSE 0 END)::float8`;
    return (
      db
        .select({ item: t.item, score, total: sql<number>`(count(*) OVER ())::int` })
        .from(t)
        .where(and(live(), sql`${t.searchVector} @@ ${q}`))
        // By position: drizzle does not alias computed columns.
        .orderBy(sql`2 DESC`, sql`char_length(${t.nameZh})`, asc(t.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize)
    );
  };

  let mode: 'all' | 'any' = 'all';
  let page = wanted;
  let rows = await run(query.all, page);
  if (rows.length === 0 && page > 1) rows = await run(query.all, (page = 1));
  if (rows.length === 0 && query.any !== query.all) {
    mode = 'any';
    rows = await run(query.any, page);
  }
  const total = rows[0]?.total ?? 0;
  const needles = needlesOf(query);
  const items = rows.flatMap((r) =>
    r.item
      ? [
          {
            item: r.item,
            score: Number(r.score),
            name: highlight(r.item.name[options.lang], needles),
            snippet: snippet(snippetSources(r.item, options.lang), needles),
          },
        ]
      : [],
  );
  const pageCount = Math.min(MAX_SEARCH_PAGE, Math.max(1, Math.ceil(total / pageSize)));
  return { query: query.text, mode, items, total, page, pageSize, pageCount };
}
