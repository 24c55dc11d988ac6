// A year's State Council holiday schedule as an administrator types it, one day a line:
//
//   2027-01-01 休 元旦
//   2027-02-07 班 春节调休
//
// 休 (rest) makes a day a day off, 班 (work) a make-up working day. Each line is checked on its own, so the page
// can name every bad line by its number; nothing is taken unless every line passes.

export interface HolidayDay {
  /** YYYY-MM-DD */
  date: string;
  work: boolean;
  /** 元旦, 春节, 春节调休 … */
  name: string;
}

export type ScheduleProblemCode =
  | 'year'
  | 'empty'
  | 'tooMany'
  | 'format'
  | 'date'
  | 'otherYear'
  | 'kind'
  | 'name'
  | 'duplicate'
  | 'weekdayWork';

export interface ScheduleProblem {
  /** 1-based line number in what was typed; 0 for the whole entry. */
  line: number;
  code: ScheduleProblemCode;
}

export type ParsedSchedule = { ok: true; days: HolidayDay[] } | { ok: false; problems: ScheduleProblem[] };

export const MAX_SCHEDULE_DAYS = 120;
export const MAX_DAY_NAME = 20;
export const FIRST_SCHEDULE_YEAR = 2000;
export const LAST_SCHEDULE_YEAR = 2100;

const REST = new Set(['休', 'rest', 'off']);
const WORK = new Set(['班', 'work']);

function realDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === text;
}

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The year's days, sorted, or every problem found, each with its line. Blank lines and `#` notes are skipped. */
export function parseHolidaySchedule(year: number, text: string): ParsedSchedule {
  if (!Number.isInteger(year) || year < FIRST_SCHEDULE_YEAR || year > LAST_SCHEDULE_YEAR)
    return { ok: false, problems: [{ line: 0, code: 'year' }] };
  const problems: ScheduleProblem[] = [];
  const days: HolidayDay[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (!content || content.startsWith('#')) return;
    const [date, kind, ...rest] = content.split(/[\s\u3000]+/);
    const name = rest.join(' ');
    if (!date || !kind) return void problems.push({ line, code: 'format' });
    if (!realDate(date)) return void problems.push({ line, code: 'date' });
    if (Number(date.slice(0, 4)) !== year) return void problems.push({ line, code: 'otherYear' });
    const lowered = kind.toLowerCase();
    if (!REST.has(lowered) && !WORK.has(lowered)) return void problems.push({ line, code: 'kind' });
    if (!name || name.length > MAX_DAY_NAME) return void problems.push({ line, code: 'name' });
    if (seen.has(date)) return void problems.push({ line, code: 'duplicate' });
    const work = WORK.has(lowered);
    // A make-up working day is a Saturday or Sunday worked; on a weekday it would change nothing.
    const weekday = weekdayOf(date);
    if (work && weekday >= 1 && weekday <= 5) return void problems.push({ line, code: 'weekdayWork' });
    seen.add(date);
    days.push({ date, work, name });
  });
  if (!problems.length && !days.length) problems.push({ line: 0, code: 'empty' });
  if (days.length > MAX_SCHEDULE_DAYS) problems.push({ line: 0, code: 'tooMany' });
  if (problems.length) return { ok: false, problems };
  return { ok: true, days: days.sort((a, b) => a.date.localeCompare(b.date)) };
}

/** The days written back as lines the parser reads, for showing a stored schedule. */
export function formatHolidaySchedule(days: readonly HolidayDay[]): string {
  return days.map((d) => `${d.date} ${d.work ? '班' : '休'} ${d.name}`).join('\n');
}

/**
 * From 1 October an administrator is told when next year has neither package data nor an approved schedule:
 * the State Council usually publishes in late October or November, and deadlines start reaching into it.
 */
export function yearNeedingSchedule(today: string, covered: (year: number) => boolean): number | undefined {
  const year = Number(today.slice(0, 4));
  const next = year + 1;
  if (today.slice(5) >= '10-01' && !covered(next)) return next;
  return covered(year) ? undefined : year;
}
