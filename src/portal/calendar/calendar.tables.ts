import { boolean, date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The holiday schedules the workbench approved, as published across the exchange (calendar.schedule.published):
 * the portal's working-day calendar loads them at start, so its counter hours, booking days and case deadlines
 * agree with the workbench. A newer schedule for a year replaces the year's rows.
 */
export const calendarOverrides = pgTable(
  'calendar_overrides',
  {
    year: integer('year').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    work: boolean('work').notNull(),
    name: text('name').notNull(),
    scheduleId: uuid('schedule_id').notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.date] })],
);

export type CalendarOverrideRow = typeof calendarOverrides.$inferSelect;
