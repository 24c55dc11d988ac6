import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * A year's holiday schedule (节假日安排) as an administrator entered it from the State Council's notice. It
 * takes effect only when a second administrator approves it (four eyes); a later approved schedule for the
 * same year supersedes the earlier one, so a correction is a new schedule, and the old stays on record.
 */
export const holidaySchedules = pgTable(
  'holiday_schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    workflowId: text('workflow_id').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    state: text('state').notNull(),
    /** Where the dates come from, e.g. 国办发明电〔…〕号; for the approver to check against. */
    source: text('source').notNull(),
    enteredBy: text('entered_by').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('holiday_schedules_pending')
      .on(t.year)
      .where(sql`${t.state} = 'pending'`),
    uniqueIndex('holiday_schedules_approved')
      .on(t.year)
      .where(sql`${t.state} = 'approved'`),
    index('holiday_schedules_year_idx').on(t.year, t.enteredAt),
  ],
);

/** The dated entries of a schedule: a day off (休) or a make-up working day (班), with its holiday's name. */
export const holidayScheduleDays = pgTable(
  'holiday_schedule_days',
  {
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => holidaySchedules.id),
    year: integer('year').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    work: boolean('work').notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scheduleId, t.date] })],
);

export type HolidayScheduleRow = typeof holidaySchedules.$inferSelect;
export type HolidayScheduleDayRow = typeof holidayScheduleDays.$inferSelect;
