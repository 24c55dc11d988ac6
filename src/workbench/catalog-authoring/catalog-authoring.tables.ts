import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { Area } from '../../shared/catalog/index.ts';
import { bytea } from '../../shared/db/columns.ts';

/**
 * The life of one version of a guide. A version can be changed only while it is a draft; once submitted it is
 * a record (what was returned and why, what went live and when), so fixing a returned or published version
 * makes the next one.
 */
export type VersionState = 'draft' | 'in-review' | 'returned' | 'published' | 'superseded' | 'withdrawn';
export const versionStates: readonly VersionState[] = [
  'draft',
  'in-review',
  'returned',
  'published',
  'superseded',
  'withdrawn',
];

/** What the editor form held when a draft was last saved, exactly as typed (checkbox groups as arrays). */
export type EditorInput = Record<string, string | string[]>;

/**
 * One row per service item: where its versions stand. The name and unit are those of the newest version, so
 * the list can be searched and filtered by jurisdiction without opening any content.
 */
export const catalogItems = pgTable(
  'catalog_items',
  {
    id: text('id').primaryKey(),
    area: text('area').notNull().$type<Area>(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    // The implementing unit's code as written in the guide; it may name a unit outside the org tree.
    unitCode: text('unit_code').notNull(),
    currentVersion: integer('current_version').notNull(),
    // The version live on the portal, if any; it stays live while a newer draft is written and reviewed.
    publishedVersion: integer('published_version'),
    // The state of the current version.
    status: text('status').notNull().$type<VersionState>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('catalog_items_status_idx').on(t.status), index('catalog_items_area_idx').on(t.area)],
);

export const catalogItemVersions = pgTable(
  'catalog_item_versions',
  {
    itemId: text('item_id')
      .notNull()
      .references(() => catalogItems.id),
    version: integer('version').notNull(),
    // A ServiceItem once submitted; a draft may still break the schema, so it is typed as unknown here and
    // checked wherever it is read.
    content: jsonb('content').notNull().$type<unknown>(),
    input: jsonb('input').$type<EditorInput>(),
    state: text('state').notNull().$type<VersionState>(),
    // The workflow definition (catalog-authoring.workflow.ts) the version runs under, kept so a later change
    // of the process never reinterprets versions already on their way.
    workflowId: text('workflow_id').notNull().default('catalog-version'),
    workflowVersion: integer('workflow_version').notNull().default(1),
    authorBadge: text('author_badge').notNull(),
    // Everyone who saved content into this version: none of them may approve it (four eyes).
    editors: text('editors')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: text('submitted_by'),
    reviewerBadge: text('reviewer_badge'),
    reviewComment: text('review_comment'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: text('withdrawn_by'),
    withdrawReason: text('withdraw_reason'),
  },
  (t) => [
    primaryKey({ name: 'catalog_item_versions_pk', columns: [t.itemId, t.version] }),
    index('catalog_item_versions_state_idx').on(t.state),
  ],
);

export type CatalogItemRow = typeof catalogItems.$inferSelect;
export type CatalogVersionRow = typeof catalogItemVersions.$inferSelect;

/**
 * The blank forms and samples guides link to, one row per path (`forms/….pdf`, `samples/….pdf`). A guide names
 * a document by path; publishing the guide sends along every document it names whose content the portal has
 * not yet received, so a replaced form reaches the portal only through a reviewed publication.
 */
export const catalogDocuments = pgTable('catalog_documents', {
  path: text('path').primaryKey(),
  kind: text('kind').notNull().$type<'form' | 'sample'>(),
  title: text('title').notNull(),
  content: bytea('content').notNull(),
  sha256: text('sha256').notNull(),
  bytes: integer('bytes').notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  // The content last queued for the portal; null until a publication first sends it.
  sentSha256: text('sent_sha256'),
});

export type CatalogDocumentRow = typeof catalogDocuments.$inferSelect;
