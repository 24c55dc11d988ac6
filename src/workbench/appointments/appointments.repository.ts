import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { units } from '../db/schema.ts';
import {
  appointmentPatterns,
  appointmentReleases,
  appointmentVisits,
  type VisitStatus,
} from './appointments.tables.ts';

export type PatternRow = typeof appointmentPatterns.$inferSelect;
export type VisitRow = typeof appointmentVisits.$inferSelect;

export async function unitsByCode(db: Executor, codes: readonly string[]) {
  if (!codes.length) return [];
  return db
    .select({ code: units.code, name: units.name, nameEn: units.nameEn, path: units.path })
    .from(units)
    .where(inArray(units.code, [...codes]))
    .orderBy(asc(units.code));
}

export async function unitOf(db: Executor, code: string) {
  const [row] = await unitsByCode(db, [code]);
  return row;
}

export async function patternsOf(db: Executor, unitCodes: readonly string[]) {
  if (!unitCodes.length) return [];
  return db
    .select()
    .from(appointmentPatterns)
    .where(inArray(appointmentPatterns.unitCode, [...unitCodes]))
    .orderBy(
      asc(appointmentPatterns.unitCode),
      asc(appointmentPatterns.itemId),
      asc(appointmentPatterns.weekday),
      asc(appointmentPatterns.startTime),
    );
}

export async function patternsFor(db: Executor, unitCode: string, itemId: string) {
  return db
    .select()
    .from(appointmentPatterns)
    .where(and(eq(appointmentPatterns.unitCode, unitCode), eq(appointmentPatterns.itemId, itemId)));
}

export async function findPattern(db: Executor, id: string) {
  const [row] = await db.select().from(appointmentPatterns).where(eq(appointmentPatterns.id, id));
  return row;
}

export async function insertPattern(tx: Tx, row: typeof appointmentPatterns.$inferInsert) {
  await tx.insert(appointmentPatterns).values(row);
}

export async function deletePattern(tx: Tx, id: string) {
  await tx.delete(appointmentPatterns).where(eq(appointmentPatterns.id, id));
}

export async function insertRelease(tx: Tx, row: typeof appointmentReleases.$inferInsert) {
  await tx.insert(appointmentReleases).values(row);
}

export async function lastReleases(db: Executor, unitCodes: readonly string[]) {
  if (!unitCodes.length) return [];
  return db
    .select()
    .from(appointmentReleases)
    .where(inArray(appointmentReleases.unitCode, [...unitCodes]))
    .orderBy(desc(appointmentReleases.releasedAt))
    .limit(20);
}

/** A booking as the portal last reported it: a later report of the same code replaces the slot. */
export async function upsertVisit(tx: Tx, row: typeof appointmentVisits.$inferInsert) {
  await tx
    .insert(appointmentVisits)
    .values(row)
    .onConflictDoUpdate({
      target: appointmentVisits.code,
      set: {
        unitCode: row.unitCode,
        date: row.date,
        startTime: row.startTime,
        endTime: row.endTime,
        details: row.details,
        caseNumber: row.caseNumber ?? null,
        bookedAt: row.bookedAt,
        // A rescheduled booking is on another day: a holiday that closed the old one says nothing of it.
        dayClosedAt: sql`CASE WHEN ${appointmentVisits.date} = excluded.date THEN ${appointmentVisits.dayClosedAt} END`,
      },
    });
}

export async function findVisit(db: Executor, code: string) {
  const [row] = await db.select().from(appointmentVisits).where(eq(appointmentVisits.code, code));
  return row;
}

/** Moves a visit from booked to an outcome; false when it was no longer booked (cancelled, or marked). */
export async function markVisit(
  tx: Tx,
  code: string,
  to: VisitStatus,
  by: { markedBy?: string; markedAt: Date },
): Promise<boolean> {
  const moved = await tx
    .update(appointmentVisits)
    .set({ status: to, ...by })
    .where(
      and(
        eq(appointmentVisits.code, code),
        eq(appointmentVisits.status, 'booked'),
        // A no-show never on a day that closed, even one the holiday recount flagged since the page was read.
        to === 'no-show' ? isNull(appointmentVisits.dayClosedAt) : undefined,
      ),
    )
    .returning({ code: appointmentVisits.code });
  return moved.length === 1;
}
