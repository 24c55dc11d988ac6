import { bigserial, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Insert-only, hash-chained record of every staff action and every read of personal data. */
export const auditLog = pgTable('audit_log', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  actor: text('actor').notNull(),
  actorUnit: text('actor_unit'),
  action: text('action').notNull(),
  target: text('target'),
  sourceIp: text('source_ip'),
  detail: jsonb('detail').notNull().$type<Record<string, unknown>>(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});
