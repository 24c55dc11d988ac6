import { and, asc, desc, eq, gt, gte, inArray, isNull, lte, notInArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { rows } from '../../shared/db/database.ts';
import { slotKey, slotStartsAt } from '../../shared/appointments/booking-services.ts';
import { citizens } from '../db/schema.ts';
import { appointmentBookings, appointmentSlots, type BookingStatus } from './appointments.tables.ts';

export interface Release {
  unitCode: string;
  unitName: string;
  itemId: string;
  from: string;
  to: string;
  slots: readonly { date: string; start: string; end: string; quota: number }[];
  /** Set when the holiday recount sent it: what it closes is a day the office no longer opens. */
  recountOf?: string | undefined;
}

/**
 * Takes an office's release: listed slots get the quota published (places already booked stay booked, so a
 * lowered quota only stops new bookings) and are offered again if they had been withdrawn; slots of the window
 * it no longer lists are withdrawn (closed to new bookings, their bookings honoured). Returns the slots a recount
 * release closed that were not closed already, for their holders to be told; a routine release tells nobody.
 */
export async function applyRelease(tx: Tx, release: Release, releasedAt: Date): Promise<string[]> {
  const keys = release.slots.map((s) => slotKey(release.unitCode, release.itemId, s.date, s.start));
  for (const [i, slot] of release.slots.entries()) {
    await tx
      .insert(appointmentSlots)
      .values({
        slotKey: keys[i]!,
        unitCode: release.unitCode,
        unitName: release.unitName,
        itemId: release.itemId,
        date: slot.date,
        startTime: slot.start,
        endTime: slot.end,
        startsAt: slotStartsAt(slot.date, slot.start),
        quota: slot.quota,
        releasedAt,
      })
      .onConflictDoUpdate({
        target: appointmentSlots.slotKey,
        set: {
          quota: slot.quota,
          unitName: release.unitName,
          endTime: slot.end,
          releasedAt,
          withdrawnAt: null,
          dayClosedAt: null,
        },
      });
  }
  const window = and(
    eq(appointmentSlots.unitCode, release.unitCode),
    eq(appointmentSlots.itemId, release.itemId),
    gte(appointmentSlots.date, release.from),
    lte(appointmentSlots.date, release.to),
  );
  const closing = keys.length ? and(window, notInArray(appointmentSlots.slotKey, keys)) : window;
  const at = sql`${releasedAt.toISOString()}::timestamptz`;
  const closed = await tx
    .update(appointmentSlots)
    .set({
      quota: sql`${appointmentSlots.booked}`,
      releasedAt,
      withdrawnAt: sql`coalesce(${appointmentSlots.withdrawnAt}, ${at})`,
      ...(release.recountOf ? { dayClosedAt: sql`coalesce(${appointmentSlots.dayClosedAt}, ${at})` } : {}),
    })
    .where(closing)
    // Every row just set has day_closed_at = this release's moment only if this release closed the day; one
    // closed before keeps its older moment, and its holders were told then.
    .returning({ slotKey: appointmentSlots.slotKey, dayClosedAt: appointmentSlots.dayClosedAt });
  return closed.filter((r) => r.dayClosedAt?.getTime() === releasedAt.getTime()).map((r) => r.slotKey);
}

/** The bookings still standing in these slots, with where and when, to tell their holders. */
export async function liveBookingsIn(tx: Tx, slotKeys: readonly string[]) {
  if (slotKeys.length === 0) return [];
  return tx
    .select(bookingColumns)
    .from(appointmentBookings)
    .innerJoin(appointmentSlots, eq(appointmentSlots.slotKey, appointmentBookings.slotKey))
    .where(
      and(inArray(appointmentBookings.slotKey, [...slotKeys]), eq(appointmentBookings.status, 'booked')),
    );
}

/**
 * Takes places of a slot (one, or a group's visitors), or nothing: the single conditional UPDATE is what keeps a
 * slot from ever being booked past its quota, whatever the number of people booking its last places at once.
 */
export async function takePlaces(tx: Tx, key: string, itemId: string, startsAfter: Date, places: number) {
  const result = await tx.execute(sql`
    UPDATE appointment_slots SET booked = booked + ${places}
    WHERE slot_key = ${key} AND item_id = ${itemId} AND booked + ${places} <= quota AND starts_at > ${startsAfter}
      AND withdrawn_at IS NULL
    RETURNING slot_key`);
  return rows<{ slot_key: string }>(result).length === 1;
}

/**
 * Gives places back to a slot (a cancelled or moved booking). A withdrawn slot's quota goes down with them: it
 * is closed, and the place must not become bookable again.
 */
export async function givePlaces(tx: Tx, key: string, places: number): Promise<void> {
  await tx.execute(sql`
    UPDATE appointment_slots
    SET booked = greatest(booked - ${places}, 0),
      quota = CASE WHEN withdrawn_at IS NULL THEN quota ELSE greatest(quota - ${places}, 0) END
    WHERE slot_key = ${key} AND booked > 0`);
}

export async function findSlot(db: Executor, key: string) {
  const [row] = await db.select().from(appointmentSlots).where(eq(appointmentSlots.slotKey, key));
  return row;
}

export type SlotRow = typeof appointmentSlots.$inferSelect;

/** The days of a service with places still free after a moment, with how many. */
export async function openDays(db: Executor, itemId: string, startsAfter: Date) {
  const free = sql<number>`sum(${appointmentSlots.quota} - ${appointmentSlots.booked})`;
  const found = await db
    .select({ date: appointmentSlots.date, free })
    .from(appointmentSlots)
    .where(
      and(
        eq(appointmentSlots.itemId, itemId),
        gt(appointmentSlots.startsAt, startsAfter),
        isNull(appointmentSlots.withdrawnAt),
      ),
    )
    .groupBy(appointmentSlots.date)
    .orderBy(asc(appointmentSlots.date));
  return found.map((d) => ({ date: d.date, free: Number(d.free) }));
}

/** A day's slots of a service that start after a moment, at every office, full ones included, withdrawn ones not. */
export async function slotsOn(db: Executor, itemId: string, date: string, startsAfter: Date) {
  return db
    .select()
    .from(appointmentSlots)
    .where(
      and(
        eq(appointmentSlots.itemId, itemId),
        eq(appointmentSlots.date, date),
        gt(appointmentSlots.startsAt, startsAfter),
        isNull(appointmentSlots.withdrawnAt),
      ),
    )
    .orderBy(asc(appointmentSlots.startsAt), asc(appointmentSlots.unitCode));
}

export async function identityOf(db: Executor, citizenId: string) {
  const [row] = await db
    .select({
      realName: citizens.realName,
      realNameStatus: citizens.realNameStatus,
      idNumberMasked: citizens.idNumberMasked,
      mobile: citizens.mobile,
    })
    .from(citizens)
    .where(eq(citizens.id, citizenId));
  return row;
}

export async function insertBooking(tx: Tx, booking: typeof appointmentBookings.$inferInsert) {
  await tx.insert(appointmentBookings).values(booking);
}

const bookingColumns = {
  id: appointmentBookings.id,
  code: appointmentBookings.code,
  citizenId: appointmentBookings.citizenId,
  itemId: appointmentBookings.itemId,
  status: appointmentBookings.status,
  detailsSealed: appointmentBookings.detailsSealed,
  caseNumber: appointmentBookings.caseNumber,
  places: appointmentBookings.places,
  createdAt: appointmentBookings.createdAt,
  slotKey: appointmentBookings.slotKey,
  unitName: appointmentSlots.unitName,
  unitCode: appointmentSlots.unitCode,
  date: appointmentSlots.date,
  startTime: appointmentSlots.startTime,
  endTime: appointmentSlots.endTime,
  startsAt: appointmentSlots.startsAt,
  dayClosedAt: appointmentSlots.dayClosedAt,
};

export type BookingRow = Awaited<ReturnType<typeof findBooking>> & {};

export async function findBooking(db: Executor, code: string) {
  const [row] = await db
    .select(bookingColumns)
    .from(appointmentBookings)
    .innerJoin(appointmentSlots, eq(appointmentSlots.slotKey, appointmentBookings.slotKey))
    .where(eq(appointmentBookings.code, code));
  return row;
}

/** The booking under a row lock, so a cancel and a reschedule of it cannot both go through. */
export async function lockBooking(tx: Tx, code: string) {
  const result = await tx.execute(sql`SELECT code FROM appointment_bookings WHERE code = ${code} FOR UPDATE`);
  if (rows(result).length === 0) return undefined;
  return findBooking(tx, code);
}

export async function bookingsOf(db: Executor, citizenId: string) {
  return db
    .select(bookingColumns)
    .from(appointmentBookings)
    .innerJoin(appointmentSlots, eq(appointmentSlots.slotKey, appointmentBookings.slotKey))
    .where(eq(appointmentBookings.citizenId, citizenId))
    .orderBy(desc(appointmentSlots.startsAt))
    .limit(100);
}

/** The person's live booking of the service, for the case when the service is booked for one. */
export async function liveBookingFor(
  db: Executor,
  citizenId: string,
  itemId: string,
  caseNumber: string | null,
) {
  const [row] = await db
    .select({ code: appointmentBookings.code })
    .from(appointmentBookings)
    .where(
      and(
        eq(appointmentBookings.citizenId, citizenId),
        eq(appointmentBookings.itemId, itemId),
        caseNumber === null
          ? isNull(appointmentBookings.caseNumber)
          : eq(appointmentBookings.caseNumber, caseNumber),
        eq(appointmentBookings.status, 'booked'),
      ),
    );
  return row;
}

export async function updateBooking(
  tx: Tx,
  code: string,
  change: { status?: BookingStatus; slotKey?: string; updatedAt: Date; outcomeAt?: Date },
): Promise<void> {
  await tx.update(appointmentBookings).set(change).where(eq(appointmentBookings.code, code));
}

/** Records the window's outcome of a booking still open; anything else (a cancelled one) stays as it is. */
export async function recordOutcome(tx: Tx, code: string, outcome: 'attended' | 'no-show', at: Date) {
  await tx
    .update(appointmentBookings)
    .set({ status: outcome, outcomeAt: at, updatedAt: at })
    .where(and(eq(appointmentBookings.code, code), eq(appointmentBookings.status, 'booked')));
}

/** The moments of a person's no-shows since a moment, newest first. */
export async function noShowsSince(db: Executor, citizenId: string, since: Date): Promise<Date[]> {
  const found = await db
    .select({ at: appointmentBookings.outcomeAt })
    .from(appointmentBookings)
    .where(
      and(
        eq(appointmentBookings.citizenId, citizenId),
        eq(appointmentBookings.status, 'no-show'),
        gt(appointmentBookings.outcomeAt, since),
      ),
    )
    .orderBy(desc(appointmentBookings.outcomeAt));
  return found.flatMap((r) => (r.at ? [r.at] : []));
}

export async function mobileOf(db: Executor, citizenId: string): Promise<string | undefined> {
  const [row] = await db.select({ mobile: citizens.mobile }).from(citizens).where(eq(citizens.id, citizenId));
  return row?.mobile;
}
