import { dateParts } from './chinese-date.ts';
import type { IsoDate } from './document.types.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A date as an English document prints it, on the Beijing calendar: `6 December 2026`. */
export function englishDate(date: Date | IsoDate): string {
  const { year, month, day } = dateParts(date);
  return `${day} ${MONTHS[month - 1] ?? ''} ${year}`;
}
