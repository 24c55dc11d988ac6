import { beijingDate } from './codes.ts';
import type { IsoDate } from './document.types.ts';

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function hanziNumber(n: number): string {
  // 1–31 for months and days: 十, 十一, 二十, 二十一, 三十一.
  if (n < 10) return DIGITS[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

export function dateParts(date: Date | IsoDate): { year: number; month: number; day: number } {
  if (date instanceof Date) return beijingDate(date);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError('not a YYYY-MM-DD date');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw new RangeError('no such date');
  return { year, month, day };
}

/**
 * A date as Chinese documents print it, on the Beijing calendar: `2026年12月6日` (Arabic numerals, as GB/T
 * 9704-2012 sets for official documents), or `二〇二六年十二月六日` in the older style some legal instruments keep.
 */
export function chineseDate(date: Date | IsoDate, style: 'arabic' | 'hanzi' = 'arabic'): string {
  const { year, month, day } = dateParts(date);
  if (style === 'arabic') return `${year}年${month}月${day}日`;
  const yearText = [...String(year)].map((d) => DIGITS[Number(d)]).join('');
  return `${yearText}年${hanziNumber(month)}月${hanziNumber(day)}日`;
}
