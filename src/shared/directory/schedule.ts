import type { WorkingDayCalendar } from '../calendar/working-days.ts';

// A public counter's opening hours, machine-readable, so the directory can say whether it is open today.
// The workbench checks what an administrator types; the portal reads the copy it was sent. The words people
// read (`hours`) stay beside it as written: "24小时接警；户籍窗口 周一至周六 9:00—17:00" says more than a
// grammar should.
//
// Grammar: `24h`, or rules separated by `;`, each a weekday or a range of them (1 = Monday … 7 = Sunday) and
// one or more times, e.g. `1-5 09:00-12:00,13:30-17:30; 6 09:00-12:00`. On a public holiday the counter is
// shut (unless `24h`); on a weekend made a working day (调休上班) it keeps Monday's hours, as offices do.

export interface TimeRange {
  from: string;
  to: string;
}

export type Schedule = { always: true } | { always: false; days: ReadonlyMap<number, readonly TimeRange[]> };

export const SCHEDULE_MAX = 200;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseRange(text: string): TimeRange | undefined {
  const [from, to, extra] = text.split('-');
  if (extra !== undefined || !from || !to || !TIME.test(from) || !TIME.test(to) || from >= to)
    return undefined;
  return { from, to };
}

/** The schedule, or undefined when the text does not follow the grammar (an empty text is no schedule). */
export function parseSchedule(text: string): Schedule | undefined {
  const trimmed = text.trim();
  if (trimmed === '24h') return { always: true };
  if (!trimmed || trimmed.length > SCHEDULE_MAX) return undefined;
  const days = new Map<number, TimeRange[]>();
  for (const rule of trimmed.split(';')) {
    const m = /^\s*([1-7])(?:-([1-7]))?\s+(\S+)\s*$/.exec(rule);
    if (!m) return undefined;
    const first = Number(m[1]);
    const last = m[2] ? Number(m[2]) : first;
    if (last < first) return undefined;
    const ranges = m[3]!.split(',').map(parseRange);
    if (ranges.some((r) => r === undefined)) return undefined;
    for (let d = first; d <= last; d++) {
      if (days.has(d)) return undefined;
      days.set(d, ranges as TimeRange[]);
    }
  }
  return { always: false, days };
}

export type TodayStatus =
  | { kind: 'always' }
  | { kind: 'holiday' }
  | { kind: 'closed-today' }
  | { kind: 'hours'; ranges: readonly TimeRange[]; openNow: boolean };

const BEIJING = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The Beijing date, weekday (1 = Monday) and time of an instant. */
export function beijingMoment(at: Date): { date: string; weekday: number; time: string } {
  const parts = Object.fromEntries(BEIJING.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 1,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** Whether the counter opens today, on the official holiday calendar, and whether it is open at `at`. */
export function todayStatus(schedule: Schedule, at: Date, calendar: WorkingDayCalendar): TodayStatus {
  if (schedule.always) return { kind: 'always' };
  const { date, weekday, time } = beijingMoment(at);
  if (calendar.isHoliday(date)) return { kind: 'holiday' };
  const madeWorking = weekday >= 6 && calendar.isWorkingDay(date);
  const ranges = (madeWorking ? schedule.days.get(1) : undefined) ?? schedule.days.get(weekday);
  if (!ranges?.length) return { kind: 'closed-today' };
  return { kind: 'hours', ranges, openNow: ranges.some((r) => r.from <= time && time < r.to) };
}
