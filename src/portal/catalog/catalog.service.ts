import { and, eq, inArray, sql } from 'drizzle-orm';
import { Value } from 'typebox/value';
import { ServiceItem, type Area, type LifeEvent } from '../../shared/catalog/index.ts';
import type { Db, Executor } from '../../shared/db/database.ts';
import { AppError } from '../../shared/http/errors.ts';
import { HtmlCache } from '../../shared/http/html-cache.ts';
import { notifyCatalogChange, onCatalogChange } from './catalog.cache.ts';
import { documentsOf, type DocumentInfo } from './catalog.documents.ts';
import { buildSearchText } from './catalog.search.ts';
import { publishedItems as t } from './catalog.tables.ts';
import { live } from './catalog.browse.ts';

// The portal's side of the service catalogue: it stores what the workbench publishes and answers browsing and
// search. The exchange's handler for the publication message calls applyPublishedItem / withdrawItem inside
// the transaction that marks the message processed; both are idempotent and safe in any order of delivery.

export const ITEM_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface PublishedItem {
  item: ServiceItem;
  version: number;
  publishedAt: Date;
  // The blank forms and samples the guide names that the portal holds, by path.
  documents: Map<string, DocumentInfo>;
}

export type PublishOutcome = 'applied' | 'ignored';

const excluded = (column: string) => sql.raw(`excluded.${column}`);

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

// Items as findItem reads them, per database (tests run several portals in one process), trusted for
// FRESH_MS like the guide pages' versions (catalog.cache.ts): a change published in this process drops the
// item at once, another instance sees it within FRESH_MS. A read while a change is settling is not kept.
const FRESH_MS = 5_000;
const QUIET_MS = 2_000;
const liveItems = new WeakMap<Db, HtmlCache<{ found: PublishedItem | undefined }>>();

/**
 * findItem from memory while fresh: for the hot paths (an application's pages and its submission) that need
 * the item's name, unit and form but not a read inside their own transaction. The result is shared: read it,
 * never change it.
 */
export async function liveItem(db: Db, id: string): Promise<PublishedItem | undefined> {
  let cache = liveItems.get(db);
  if (!cache) {
    const fresh = new HtmlCache<{ found: PublishedItem | undefined }>({
      max: 2_000,
      quietMs: QUIET_MS,
      now: Date.now,
    });
    onCatalogChange((changed) => fresh.changed(changed === undefined ? '' : `${changed}|`));
    liveItems.set(db, (cache = fresh));
  }
  const key = `${id}|`;
  const held = cache.get(key);
  if (held) return held.found;
  const found = await findItem(db, id);
  cache.set(key, { found }, FRESH_MS);
  return found;
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

// Moved beside this file; importers of this module still find them here.
export {
  type AudienceFilter,
  type CatalogCounts,
  type ItemPage,
  type SearchHit,
  type SearchResult,
  countItems,
  listItems,
  queryError,
  searchItems,
} from './catalog.browse.ts';
