import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * An office's weekly pattern for one service: on this weekday (1 Monday … 5 Friday), this slot, this many
 * places. Publishing turns the pattern into the dated slots of the next days, on working days only.
 */
export const appointmentPatterns = pgTable(
  'appointment_patterns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitCode: text('unit_code').notNull(),
    itemId: text('item_id').notNull(),
    weekday: integer('weekday').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    quota: integer('quota').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('appointment_patterns_slot').on(t.unitCode, t.itemId, t.weekday, t.startTime)],
);

/** Each release of slots to the portal: which days, how many slots, by whom. */
export const appointmentReleases = pgTable(
  'appointment_releases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitCode: text('unit_code').notNull(),
    itemId: text('item_id').notNull(),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    slotCount: integer('slot_count').notNull(),
    // The officer who released it; null for a release the holiday recount made again on a new calendar.
    releasedBy: uuid('released_by'),
    // The approved holiday schedule whose recount made this release (so a second run does not make it again).
    recountOf: uuid('recount_of'),
    releasedAt: timestamp('released_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('appointment_releases_unit_idx').on(t.unitCode, t.itemId, t.releasedAt)],
);

export type VisitStatus = 'booked' | 'cancelled' | 'attended' | 'no-show';

/**
 * The bookings as the portal reported them (appointment.booked / cancelled), for the window: the officer pulls
 * one up by its code and records whether the person came.
 */
export const appointmentVisits = pgTable(
  'appointment_visits',
  {
    code: text('code').primaryKey(),
    unitCode: text('unit_code').notNull(),
    itemId: text('item_id').notNull(),
    date: text('date').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    name: text('name').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    details: jsonb('details').notNull().$type<Record<string, string>>(),
    caseNumber: text('case_number'),
    status: text('status').notNull().$type<VisitStatus>(),
    bookedAt: timestamp('booked_at', { withTimezone: true }).notNull(),
    markedBy: uuid('marked_by'),
    markedAt: timestamp('marked_at', { withTimezone: true }),
    // When an approved holiday schedule closed the office on this booking's day: the window sees it flagged and
    // the person is told in the portal. Cleared when the booking moves to another slot.
    dayClosedAt: timestamp('day_closed_at', { withTimezone: true }),
  },
  (t) => [index('appointment_visits_unit_date_idx').on(t.unitCode, t.date)],
);
