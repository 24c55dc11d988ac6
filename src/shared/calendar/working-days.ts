// Working-day arithmetic for statutory deadlines (办理时限), on the State Council holiday schedule.
//
// Holiday data comes from chinese-days (2004–2026 in 1.5.7). Later schedules are published each autumn, so
// an administrator enters them as overrides, which win over the package. A day in a year with neither
// package data nor overrides falls back to Monday–Friday; isCovered() says when that happened, so a
// deadline computed on a guess can be flagged.
//
// The package's published JSON is read instead of its functions: those rebuild the table at import with
// local-time date maths, and west of Greenwich (TZ=America/Los_Angeles) every holiday loses its last day.
import packageData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export interface CalendarOverride {
  /** YYYY-MM-DD */
  date: string;
  work: boolean;
  /** For the people maintaining the table, e.g. 元旦; the calendar itself ignores it. */
  name?: string;
}

const holidays: Record<string, string> = packageData.holidays;
const makeUpDays: Record<string, string> = packageData.workdays;
const packageYears = Object.keys(holidays).map((d) => Number(d.slice(0, 4)));
const PACKAGE_FIRST_YEAR = Math.min(...packageYears);
const PACKAGE_LAST_YEAR = Math.max(...packageYears);
const DAY_MS = 86_400_000;

const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Beijing, whatever time zone the server runs in. */
export function todayInShanghai(now: Date = new Date()): string {
  return SHANGHAI_DATE.format(now);
}

function toUtc(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  }
  return t;
}

const fromUtc = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** Whether chinese-days carries the State Council schedule of this year. */
export function packageCoversYear(year: number): boolean {
  return year >= PACKAGE_FIRST_YEAR && year <= PACKAGE_LAST_YEAR;
}

export type YearCoverage = 'package' | 'overrides' | 'none';

/**
 * One zone's calendar: the package's data and the overrides its database holds. The zone keeps one instance
 * for its life and replaces the overrides when an approved schedule arrives, so every holder of the instance
 * sees the change at once.
 */
export class WorkingDayCalendar {
  #overrides = new Map<string, boolean>();
  #overrideYears = new Set<number>();

  constructor(overrides: readonly CalendarOverride[] = []) {
    this.replaceOverrides(overrides);
  }

  /** Swaps in a whole new set of overrides; a bad date throws and leaves the old set in place. */
  replaceOverrides(overrides: readonly CalendarOverride[]): void {
    const next = new Map<string, boolean>();
    const years = new Set<number>();
    for (const o of overrides) {
      toUtc(o.date);
      next.set(o.date, o.work);
      years.add(Number(o.date.slice(0, 4)));
    }
    this.#overrides = next;
    this.#overrideYears = years;
  }

  /** Where the answers for a year come from; overrides win over the package when both exist. */
  coverageOf(year: number): YearCoverage {
    if (this.#overrideYears.has(year)) return 'overrides';
    return packageCoversYear(year) ? 'package' : 'none';
  }

  isWorkingDay(date: string): boolean {
    const t = toUtc(date);
    const override = this.#overrides.get(date);
    if (override !== undefined) return override;
    if (Object.hasOwn(makeUpDays, date)) return true;
    const weekday = new Date(t).getUTCDay();
    return weekday >= 1 && weekday <= 5 && !Object.hasOwn(holidays, date);
  }

  /**
   * A public holiday (法定节假日, with the days off around it), as opposed to an ordinary weekend: the day a
   * counter that also opens on Saturdays stays shut. An override that makes the day a working day wins.
   */
  isHoliday(date: string): boolean {
    toUtc(date);
    const override = this.#overrides.get(date);
    if (override !== undefined) return !override;
    return Object.hasOwn(holidays, date);
  }

  /** True when the answer for this date rests on published data, not the Monday–Friday fallback. */
  isCovered(date: string): boolean {
    toUtc(date);
    return this.coverageOf(Number(date.slice(0, 4))) !== 'none';
  }

  /**
   * The date n working days after `date` (before it when n < 0). n = 0 gives `date` itself if it is a
   * working day, otherwise the next one: a deadline that starts on a holiday starts on the next working day.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`n must be an integer: ${n}`);
    let t = toUtc(date);
    if (n === 0) {
      while (!this.isWorkingDay(fromUtc(t))) t += DAY_MS;
      return fromUtc(t);
    }
    const step = n > 0 ? DAY_MS : -DAY_MS;
    for (let left = Math.abs(n); left > 0;) {
      t += step;
      if (this.isWorkingDay(fromUtc(t))) left--;
    }
    return fromUtc(t);
  }

  /**
   * Working days after `from` up to and including `to`. If `to` is earlier the result is negative: minus the
   * working days after `to` up to and including `from`, so addWorkingDays and this stay inverses both ways.
   */
  workingDaysBetween(from: string, to: string): number {
    const start = toUtc(from);
    const end = toUtc(to);
    if (end < start) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let t = start + DAY_MS; t <= end; t += DAY_MS) {
      if (this.isWorkingDay(fromUtc(t))) count++;
    }
    return count;
  }
}
