import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The Open311 API keys the administrators issued. Only the key's SHA-256 is kept (and sent to the portal); the
 * key itself is shown once, on the page that issued it. The hint (its first characters) lets an administrator
 * tell which key a client holds.
 */
export const open311Keys = pgTable('open311_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  label: text('label').notNull(),
  hint: text('hint').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  issuedBy: text('issued_by').notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  revokedBy: text('revoked_by'),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export type Open311KeyRow = typeof open311Keys.$inferSelect;
