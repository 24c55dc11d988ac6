import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { citizens } from '../db/schema.ts';

/**
 * One row per real-name check asked for, kept by the portal itself: the daily limit is counted here, not in the
 * exchange outbox, whose payloads are emptied after the retention period.
 */
export const realnameChecks = pgTable(
  'realname_checks',
  {
    requestId: uuid('request_id').primaryKey(),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('realname_checks_citizen_idx').on(t.citizenId, t.requestedAt)],
);
