import { asc, eq } from 'drizzle-orm';
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
