import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Attempt counters for the sign-in doors of both zones (each zone's schema re-exports this table). A row is
 * keyed by what the attempt named (a keyed hash of a mobile number, a badge number) or where it came from, and
 * exists for identifiers that match no account too, so the counters cannot tell real accounts from unknown ones.
 */
export const authThrottle = pgTable(
  'auth_throttle',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull().default(0),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('auth_throttle_last_attempt_idx').on(t.lastAttemptAt)],
);
