import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from '../../shared/db/columns.ts';
import type { Override } from '../../shared/content/publication-check.ts';
import type { ArticleInput } from './content.check.ts';

/**
 * The life of one version of an article. A version can be changed only while it is a draft; once submitted
 * it is a record, so editing a returned, published or withdrawn article makes its next version. An approved
 * version with a publication time still ahead waits as `scheduled` until the time comes.
 */
export type ArticleState =
  'draft' | 'in-review' | 'returned' | 'scheduled' | 'published' | 'superseded' | 'withdrawn';
export const articleStates: readonly ArticleState[] = [
  'draft',
  'in-review',
  'returned',
  'scheduled',
  'published',
  'superseded',
  'withdrawn',
];

/** One row per article: its column, its unit (for jurisdiction) and where its versions stand. */
export const contentArticles = pgTable(
  'content_articles',
  {
    id: serial('id').primaryKey(),
    column: text('column').notNull(),
    unitCode: text('unit_code').notNull(),
    title: text('title').notNull(),
    currentVersion: integer('current_version').notNull(),
    // The version live on the portal, if any; it stays live while a newer draft is written and reviewed.
    publishedVersion: integer('published_version'),
    status: text('status').notNull().$type<ArticleState>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('content_articles_status_idx').on(t.status)],
);

export const contentVersions = pgTable(
  'content_versions',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => contentArticles.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull().default(''),
    // The English beside the Chinese, all empty when the article has none (the portal then says so).
    titleEn: text('title_en').notNull().default(''),
    summaryEn: text('summary_en').notNull().default(''),
    bodyEn: text('body_en').notNull().default(''),
    fields: jsonb('fields').notNull().$type<Record<string, string>>(),
    state: text('state').notNull().$type<ArticleState>(),
    workflowId: text('workflow_id').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    authorBadge: text('author_badge').notNull(),
    // Everyone who saved text into this version: none of them may approve it (four eyes).
    editors: text('editors')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    submittedBy: text('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewerBadge: text('reviewer_badge'),
    reviewComment: text('review_comment'),
    // Hits of the publication check the approver let through, each with his reason (also in the audit log).
    overrides: jsonb('overrides')
      .notNull()
      .$type<Override[]>()
      .default(sql`'[]'::jsonb`),
    // When an approved version goes live (now, or later when scheduled) and when it comes off on its own.
    publishAt: timestamp('publish_at', { withTimezone: true }),
    withdrawAt: timestamp('withdraw_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'content_versions_pk', columns: [t.articleId, t.version] }),
    index('content_versions_state_idx').on(t.state),
  ],
);

export type ArticleRow = typeof contentArticles.$inferSelect;
export type ArticleVersionRow = typeof contentVersions.$inferSelect;

/**
 * Pictures uploaded for articles and exhibits, re-encoded (so without metadata) and named by their content's
 * hash. One picture may serve several articles; the article it was uploaded to is kept for its editor's list.
 */
export const contentImages = pgTable(
  'content_images',
  {
    name: text('name').primaryKey(),
    articleId: integer('article_id')
      .notNull()
      .references(() => contentArticles.id),
    mediaType: text('media_type').notNull().$type<'image/png' | 'image/jpeg'>(),
    content: bytea('content').notNull(),
    sha256: text('sha256').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    // The alternative text given at upload, offered in the line the editor copies into the body.
    alt: text('alt').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('content_images_article_idx').on(t.articleId)],
);

export type ContentImageRow = typeof contentImages.$inferSelect;

/**
 * The editor's form as it was when a picture was uploaded or inserted without scripts: kept for the officer who
 * typed it, so the upload can answer with a redirect (a reload repeats nothing) and the editor page that follows
 * shows everything typed. Not a version: nothing is saved to the article until the editor saves. Each is read
 * only by its officer, for its article, until it expires (a day, like an unused picture).
 */
export const contentEditorDrafts = pgTable(
  'content_editor_drafts',
  {
    id: text('id').primaryKey(),
    articleId: integer('article_id')
      .notNull()
      .references(() => contentArticles.id),
    badgeNo: text('badge_no').notNull(),
    // The version the form was opened on: saving the restored form still finds a change made meanwhile.
    baseVersion: integer('base_version').notNull(),
    form: jsonb('form').notNull().$type<{ input: ArticleInput; values: Record<string, string> }>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('content_editor_drafts_owner_idx').on(t.articleId, t.badgeNo),
    index('content_editor_drafts_expiry_idx').on(t.expiresAt),
  ],
);

export type ContentEditorDraftRow = typeof contentEditorDrafts.$inferSelect;
