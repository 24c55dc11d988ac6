import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
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
import {
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

// Finding published items: the list by area, audience and life event, the counts beside it, and the search.

/** Who is browsing: 'person' also shows items for both kinds of applicant, and so does 'company'. */
export type AudienceFilter = 'person' | 'company';

/** Items in use: not withdrawn. */
export const live = () => isNull(t.withdrawnAt);

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
