// Calendar dates as 'YYYY-MM-DD' strings: answers are dates without a time of day, and `today` comes from the
// caller's clock (the Beijing date), so nothing here reads the machine's clock or time zone.

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const RELATIVE = /^today(?:([+-])(\d{1,4})([dmy]))?$/;

/** The date if `text` is a real calendar date in ISO form (2026-02-30 is not). */
export function isoDate(text: string): string | undefined {
  const match = ISO.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day) ? text : undefined;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A bound of a date question on a given day: 'today-18y' on 2026-03-02 is 2008-03-02. Months and years keep
 * the day of the month where it exists and otherwise take the month's last day (2024-02-29 minus 1y is
 * 2023-02-28), which is how people count "18 years ago" and "6 months ago".
 */
export function resolveDateBound(bound: string, today: string): string | undefined {
  const fixed = isoDate(bound);
  if (fixed) return fixed;
  const match = RELATIVE.exec(bound);
  const base = ISO.exec(today);
  if (!match || !base || !isoDate(today)) return undefined;
  const [year, month, day] = [Number(base[1]), Number(base[2]), Number(base[3])];
  if (!match[1]) return today;
  const amount = Number(match[2]) * (match[1] === '-' ? -1 : 1);
  if (match[3] === 'd') {
    const date = new Date(Date.UTC(year, month - 1, day + amount));
    return format(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }
  const months = year * 12 + (month - 1) + (match[3] === 'm' ? amount : amount * 12);
  const [toYear, toMonth] = [Math.floor(months / 12), (months % 12) + 1];
  const lastDay = new Date(Date.UTC(toYear, toMonth, 0)).getUTCDate();
  return format(toYear, toMonth, Math.min(day, lastDay));
}

export type DateInput = { ok: true; value: string } | { ok: false; code: 'format' | 'real' };

/**
 * What people type for a date: 2026-03-02, 2026/3/2, 2026.3.2 or 2026年3月2日, full-width digits included
 * (a Chinese input method types them).
 */
export function parseDateInput(input: string): DateInput {
  const text = input.normalize('NFKC').trim();
  const match = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/.exec(text);
  if (!match) return { ok: false, code: 'format' };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day)
    ? { ok: true, value: format(year, month, day) }
    : { ok: false, code: 'real' };
}

/** 2026年3月2日 / 2 March 2026. */
export function displayDate(iso: string, lang: 'zh' | 'en'): string {
  const match = ISO.exec(iso);
  if (!match) return iso;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (lang === 'zh') return `${year}年${month}月${day}日`;
  const months = 'January February March April May June July August September October November December';
  return `${day} ${months.split(' ')[month - 1]} ${year}`;
}
