import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { letters } from '../letters/letters.tables.ts';

/**
 * The Open311 API keys the workbench issued, as the portal knows them: only the SHA-256 of each key (keys are
 * 256 random bits, so an unkeyed hash is enough), the label and hint for logs, and when it was revoked.
 */
export const open311ApiKeys = pgTable('open311_api_keys', {
  id: uuid('id').primaryKey(),
  keyHash: text('key_hash').notNull().unique(),
  label: text('label').notNull(),
  hint: text('hint').notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/**
 * A tip that came in through the Open311 API: which service the client chose, the key it used, and for a
 * batch service the token the client polls until the police side has routed the tip. The tip itself is an
 * ordinary anonymous letter.
 */
export const open311Requests = pgTable(
  'open311_requests',
  {
    letterId: uuid('letter_id')
      .primaryKey()
      .references(() => letters.id),
    serviceCode: text('service_code').notNull(),
    token: text('token').unique(),
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => open311ApiKeys.id),
    jurisdictionId: text('jurisdiction_id'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('open311_requests_requested_idx').on(t.requestedAt)],
);

export type Open311ApiKeyRow = typeof open311ApiKeys.$inferSelect;
export type Open311RequestRow = typeof open311Requests.$inferSelect;
