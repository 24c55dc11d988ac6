import { customType, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Hit, Override } from '../../shared/content/publication-check.ts';
import { bytea } from '../../shared/db/columns.ts';

const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

/**
 * The portal's copies of the articles the workbench published through the exchange, newest version only (the
 * workbench keeps the history). A withdrawal that overtakes its publication leaves a row marked withdrawn, so
 * the late publication of the same version cannot bring the article back. An article whose text fails the
 * portal's own publication check is kept with the hits in `held` and never shown.
 */
export const publishedArticles = pgTable(
  'published_articles',
  {
    id: integer('id').primaryKey(),
    version: integer('version').notNull(),
    column: text('column').notNull().default(''),
    section: text('section').notNull().default(''),
    title: text('title').notNull().default(''),
    summary: text('summary').notNull().default(''),
    // The body as the editor wrote it, and the HTML the portal rendered from it with its own escaping.
    body: text('body').notNull().default(''),
    html: text('html').notNull().default(''),
    // The English version, all empty when the article has none; the pages then say so and show the Chinese.
    titleEn: text('title_en').notNull().default(''),
    summaryEn: text('summary_en').notNull().default(''),
    htmlEn: text('html_en').notNull().default(''),
    fields: jsonb('fields').notNull().$type<Record<string, string>>().default({}),
    unitName: text('unit_name').notNull().default(''),
    overrides: jsonb('overrides').notNull().$type<Override[]>().default([]),
    held: jsonb('held').$type<Hit[]>(),
    // YYYY-MM-DD (Beijing): the article is no longer shown from the day after.
    expiresOn: text('expires_on'),
    // Title (A), summary (B) and body text (C) separated by U+001F, for public.zh_search_tsv (catalog-search).
    searchText: text('search_text').notNull().default(''),
    searchVector: tsvector('search_vector').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    index('published_articles_column_idx').on(t.column, t.publishedAt),
    index('published_articles_search_idx').using('gin', t.searchVector).with({ fastupdate: false }),
  ],
);

export type PublishedArticleRow = typeof publishedArticles.$inferSelect;

/** The pictures articles and exhibits show, as the workbench sent them ahead of the articles, by name. */
export const publishedImages = pgTable('published_images', {
  name: text('name').primaryKey(),
  mediaType: text('media_type').notNull().$type<'image/png' | 'image/jpeg'>(),
  content: bytea('content').notNull(),
  sha256: text('sha256').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
});
