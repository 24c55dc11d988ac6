import { asc, eq, sql } from 'drizzle-orm';
import type { CalendarOverride } from '../../shared/calendar/working-days.ts';
import type { Db, Tx } from '../../shared/db/database.ts';
import { calendarOverrides } from './calendar.tables.ts';

type Q = Db | Tx;

export function storedOverrides(q: Q): Promise<CalendarOverride[]> {
  return q
    .select({ date: calendarOverrides.date, work: calendarOverrides.work, name: calendarOverrides.name })
    .from(calendarOverrides)
    .orderBy(asc(calendarOverrides.date));
}

/**
 * Which schedules the table holds, as one string: a crossed schedule replaces its year's rows whole and its days
 * never change, so the calendar needs reloading exactly when this does.
 */
export async function storedVersion(q: Q): Promise<string> {
  const [row] = await q
    .select({
      ids: sql<string | null>`string_agg(DISTINCT ${calendarOverrides.scheduleId}::text, ',')`,
    })
    .from(calendarOverrides);
  return row?.ids ?? '';
}

/** The year's days become exactly the schedule's: a corrected schedule may drop a day the last one had. */
export async function replaceYear(
  tx: Tx,
  schedule: { scheduleId: string; year: number; approvedAt: Date },
  days: readonly { date: string; work: boolean; name: string }[],
): Promise<void> {
  await tx.delete(calendarOverrides).where(eq(calendarOverrides.year, schedule.year));
  if (!days.length) return;
  await tx.insert(calendarOverrides).values(
    days.map((d) => ({
      year: schedule.year,
      date: d.date,
      work: d.work,
      name: d.name,
      scheduleId: schedule.scheduleId,
      approvedAt: schedule.approvedAt,
    })),
  );
}
