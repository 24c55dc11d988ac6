import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { citizens } from '../db/schema.ts';

/**
 * The slots an office released to the portal, and how many are taken: the portal's booking ledger (ADR 0007).
 * `booked` only moves by a conditional UPDATE (`booked < quota`), so a slot is never booked past its quota.
 */
export const appointmentSlots = pgTable(
  'appointment_slots',
  {
    // office/service/date/start (shared/appointments/booking-services.ts), the same key the workbench uses.
    slotKey: text('slot_key').primaryKey(),
    unitCode: text('unit_code').notNull(),
    unitName: text('unit_name').notNull(),
    itemId: text('item_id').notNull(),
    // The Beijing date and the HH:MM times as published; startsAt is the same start as an instant.
    date: text('date').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    quota: integer('quota').notNull(),
    booked: integer('booked').notNull().default(0),
    releasedAt: timestamp('released_at', { withTimezone: true }).notNull(),
    // When a release of its window stopped listing it (a day that became a holiday, a pattern removed); null
    // while offered. A withdrawn slot takes no new bookings, and a place its holder gives back is not offered
    // again. Bookings already in it stand (the office honours them) unless the day closed, below.
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    // When the holiday recount withdrew it because the office no longer opens that day (the release carried
    // `recountOf`): its holders are told once, get no day-before reminder, and see a notice on the booking.
    dayClosedAt: timestamp('day_closed_at', { withTimezone: true }),
  },
  (t) => [index('appointment_slots_item_date_idx').on(t.itemId, t.date)],
);

export type BookingStatus = 'booked' | 'cancelled' | 'attended' | 'no-show';

/** A person's booking of a slot; rescheduling moves it to another slot under the same code. */
export const appointmentBookings = pgTable(
  'appointment_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // What the person shows at the window (and its QR code encodes).
    code: text('code').notNull().unique(),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id),
    itemId: text('item_id').notNull(),
    slotKey: text('slot_key')
      .notNull()
      .references(() => appointmentSlots.slotKey),
    status: text('status').notNull().default('booked').$type<BookingStatus>(),
    // The service's answers (a detainee's name, a relationship, a licence number), sealed as JSON.
    detailsSealed: text('details_sealed').notNull(),
    // The pre-application this booking ends, if any.
    caseNumber: text('case_number'),
    // The places it holds in its slot: the number of visitors for a group visit (a museum's daily quota counts
    // people, not bookings), otherwise one.
    places: integer('places').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    // When the window recorded attendance or a no-show (the restriction counts no-shows by it).
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    // The booking confirmation's (预约凭证) verification code, 26 random base32 characters, given when the
    // confirmation is first printed; the booking code alone never opens the public page.
    verificationCode: text('verification_code').unique(),
  },
  (t) => [
    // One live booking per person and service, so nobody can hold a week's places; for a service booked for a
    // case (collecting an approved pre-application's result), one per case: two approved cases, two visits.
    uniqueIndex('appointment_bookings_one_live_per_case')
      .on(t.citizenId, t.itemId, sql`coalesce(${t.caseNumber}, '')`)
      .where(sql`${t.status} = 'booked'`),
    index('appointment_bookings_citizen_idx').on(t.citizenId, t.createdAt),
  ],
);
