import { sql } from 'drizzle-orm';
import { check, customType, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Area, Audience, ItemType, LifeEvent, ServiceItem } from '../../shared/catalog/index.ts';
import { bytea } from '../../shared/db/columns.ts';

const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

/**
 * The portal's copies of the service items the workbench published through the exchange. One row per item:
 * only the newest version is kept, because the portal shows what is in force, and the workbench keeps the
 * history.
 *
 * A withdrawal that overtakes its item's publication on the way leaves a row with no item (a tombstone), so
 * the late publication of the same version cannot bring the item back. That is why the descriptive columns
 * may be null; the check below keeps them filled on every row that is live.
 */
export const publishedItems = pgTable(
  'published_items',
  {
    id: text('id').primaryKey(),
    version: integer('version').notNull(),
    area: text('area').$type<Area>(),
    audience: text('audience').$type<Audience>(),
    lifeEvents: text('life_events')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`)
      .$type<LifeEvent[]>(),
    itemType: text('item_type').$type<ItemType>(),
    nameZh: text('name_zh'),
    nameEn: text('name_en'),
    item: jsonb('item').$type<ServiceItem>(),
    // Sections for weights A (names, keywords), B (summary) and C (materials, FAQ), separated by U+001F; the
    // tokenizer is the SQL function public.zh_search_tsv (migration catalog-search), so it lives in one place.
    searchText: text('search_text').notNull().default(''),
    // Stored rather than an expression index: ts_rank must read the vector of every match, and recomputing
    // it per row costs about 1 ms (measured 400–800 ms for a two-character query over 5,000 items).
    searchVector: tsvector('search_vector').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    index('published_items_area_idx').on(t.area),
    index('published_items_life_events_idx').using('gin', t.lifeEvents),
    // Without fastupdate a publication writes straight into the index: otherwise fresh rows wait in a pending
    // list that every search scans, and the planner, seeing its cost, falls back to reading the whole table.
    index('published_items_search_idx').using('gin', t.searchVector).with({ fastupdate: false }),
    check(
      'published_items_live_has_item',
      sql`${t.withdrawnAt} IS NOT NULL OR (${t.item} IS NOT NULL AND ${t.area} IS NOT NULL AND ${t.audience} IS NOT NULL AND ${t.itemType} IS NOT NULL AND ${t.nameZh} IS NOT NULL AND ${t.nameEn} IS NOT NULL AND ${t.publishedAt} IS NOT NULL)`,
    ),
  ],
);

/** The blank forms and samples guides link to, as last received from the workbench, served to download. */
export const catalogDocuments = pgTable('catalog_documents', {
  path: text('path').primaryKey(),
  kind: text('kind').notNull().$type<'form' | 'sample'>(),
  title: text('title').notNull(),
  content: bytea('content').notNull(),
  sha256: text('sha256').notNull(),
  bytes: integer('bytes').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});
