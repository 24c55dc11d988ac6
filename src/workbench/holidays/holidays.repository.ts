import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { CalendarOverride } from '../../shared/calendar/working-days.ts';
import type { HolidayDay } from '../../shared/calendar/holiday-schedule.ts';
import type { Db, Tx } from '../../shared/db/database.ts';
import { holidayScheduleDays, holidaySchedules, type HolidayScheduleRow } from './holidays.tables.ts';

type Q = Db | Tx;

/** Every day of every approved schedule: what the workbench's calendar runs on. */
export function approvedOverrides(q: Q): Promise<CalendarOverride[]> {
  return q
    .select({
      date: holidayScheduleDays.date,
      work: holidayScheduleDays.work,
      name: holidayScheduleDays.name,
    })
    .from(holidayScheduleDays)
    .innerJoin(holidaySchedules, eq(holidaySchedules.id, holidayScheduleDays.scheduleId))
    .where(eq(holidaySchedules.state, 'approved'))
    .orderBy(asc(holidayScheduleDays.date));
}

/**
 * Which schedules are approved, as one string: a schedule's days never change once entered, so the calendar
 * needs reloading exactly when this does (a cheap check an instance makes each minute).
 */
export async function approvedVersion(q: Q): Promise<string> {
  const [row] = await q
    .select({
      ids: sql<string | null>`string_agg(${holidaySchedules.id}::text, ',' ORDER BY ${holidaySchedules.id})`,
    })
    .from(holidaySchedules)
    .where(eq(holidaySchedules.state, 'approved'));
  return row?.ids ?? '';
}

export function listSchedules(q: Q): Promise<HolidayScheduleRow[]> {
  return q
    .select()
    .from(holidaySchedules)
    .orderBy(desc(holidaySchedules.year), desc(holidaySchedules.enteredAt))
    .limit(200);
}

export async function findSchedule(q: Q, id: string): Promise<HolidayScheduleRow | undefined> {
  const [row] = await q.select().from(holidaySchedules).where(eq(holidaySchedules.id, id));
  return row;
}

export async function findApproved(q: Q, year: number): Promise<HolidayScheduleRow | undefined> {
  const [row] = await q
    .select()
    .from(holidaySchedules)
    .where(and(eq(holidaySchedules.year, year), eq(holidaySchedules.state, 'approved')));
  return row;
}

export function daysOf(q: Q, scheduleId: string): Promise<HolidayDay[]> {
  return q
    .select({
      date: holidayScheduleDays.date,
      work: holidayScheduleDays.work,
      name: holidayScheduleDays.name,
    })
    .from(holidayScheduleDays)
    .where(eq(holidayScheduleDays.scheduleId, scheduleId))
    .orderBy(asc(holidayScheduleDays.date));
}

export async function countDays(q: Q, ids: readonly string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const found = await q
    .select({ id: holidayScheduleDays.scheduleId, date: holidayScheduleDays.date })
    .from(holidayScheduleDays)
    .where(inArray(holidayScheduleDays.scheduleId, [...ids]));
  const counts = new Map<string, number>();
  for (const r of found) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
  return counts;
}

export async function insertSchedule(
  tx: Tx,
  values: typeof holidaySchedules.$inferInsert,
  days: readonly HolidayDay[],
): Promise<HolidayScheduleRow> {
  const [row] = await tx.insert(holidaySchedules).values(values).returning();
  if (!row) throw new Error('the schedule was not stored');
  await tx
    .insert(holidayScheduleDays)
    .values(
      days.map((d) => ({ scheduleId: row.id, year: row.year, date: d.date, work: d.work, name: d.name })),
    );
  return row;
}

export async function recordDecision(
  tx: Tx,
  id: string,
  decision: { by: string; at: Date; note: string },
): Promise<void> {
  await tx
    .update(holidaySchedules)
    .set({ decidedBy: decision.by, decidedAt: decision.at, decisionNote: decision.note })
    .where(eq(holidaySchedules.id, id));
}
