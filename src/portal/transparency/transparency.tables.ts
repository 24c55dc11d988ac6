import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Static } from 'typebox';
import type { statisticsPublished } from '../../exchange/contracts/index.ts';

export type PublishedStatistics = Static<typeof statisticsPublished.schema>;

/**
 * The latest figures the workbench published for the transparency page (one row per scope; the bureau's
 * today), with the count of registered accounts the portal itself took when they arrived, so the page
 * changes once a day and all its numbers are of the same day.
 */
export const transparencyFigures = pgTable('transparency_figures', {
  scope: text('scope').primaryKey(),
  asOf: text('as_of').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  figures: jsonb('figures').notNull().$type<PublishedStatistics>(),
  registeredUsers: integer('registered_users').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
});

export type TransparencyRow = typeof transparencyFigures.$inferSelect;
