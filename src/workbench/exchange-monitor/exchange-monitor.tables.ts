import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AlarmRule, AlarmSeverity } from '../../exchange/facade.ts';

/** One row per alarm episode: raised when its condition starts, cleared when it ends. */
export const exchangeAlarms = pgTable(
  'exchange_alarms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rule: text('rule').notNull().$type<AlarmRule>(),
    flow: text('flow').notNull(),
    severity: text('severity').notNull().$type<AlarmSeverity>(),
    detail: text('detail').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
  },
  (t) => [
    // At most one open episode per rule and flow, so a lasting condition alarms (and notifies) once.
    uniqueIndex('exchange_alarms_open_uq')
      .on(t.rule, t.flow)
      .where(sql`cleared_at IS NULL`),
    index('exchange_alarms_raised_idx').on(t.raisedAt),
  ],
);
