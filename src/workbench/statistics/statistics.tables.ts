import { jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The statistics, precomputed: the grouped tallies of every unit over the twelve Beijing months up to `as_of`
 * (cases by month, unit and service; letters by month and unit; ratings by month, unit and channel), each
 * group's numbers in `figures`. The pages add them up down the tree instead of scanning cases on every view.
 * One snapshot at a time: a new one replaces the whole table in one transaction.
 */
export const statisticsTallies = pgTable(
  'statistics_tallies',
  {
    kind: text('kind').notNull().$type<'case' | 'letter' | 'rating'>(),
    month: text('month').notNull(),
    unitCode: text('unit_code').notNull(),
    // The service (cases), the channel (ratings), or '' (letters).
    key: text('key').notNull(),
    figures: jsonb('figures').notNull().$type<Record<string, unknown>>(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.kind, t.month, t.key] })],
);

/** When the snapshot in statistics_tallies was taken, and the months it covers: one row, id 'latest'. */
export const statisticsRuns = pgTable('statistics_runs', {
  id: text('id').primaryKey(),
  asOf: timestamp('as_of', { withTimezone: true }).notNull(),
  months: jsonb('months').notNull().$type<string[]>(),
});
