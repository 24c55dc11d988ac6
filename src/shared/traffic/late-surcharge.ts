import { todayInShanghai } from '../calendar/working-days.ts';

// 加处罚款 under the Administrative Penalty Law (行政处罚法 arts. 67 and 72): a fine is paid within 15 days of
// the decision; from the 16th day, 3% of the fine is added for each day overdue, and the additions never exceed
// the fine itself. Days are Beijing calendar days, the decision's day not counted. Both zones compute it the same
// way: the portal to charge it, the police zone to record what was charged.

export const PAYMENT_PERIOD_DAYS = 15;
/** Per day overdue, in basis points of the fine (3%). */
export const DAILY_SURCHARGE_BP = 300;

export interface LateSurcharge {
  /** The last day the fine may be paid without a surcharge (Beijing date, YYYY-MM-DD). */
  dueOn: string;
  overdueDays: number;
  surchargeFen: number;
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** What is added to a fine decided at `decidedAt` if it is paid at `at`; whole fen, rounded half up. */
export function lateSurcharge(fineFen: number, decidedAt: Date, at: Date): LateSurcharge {
  if (!Number.isSafeInteger(fineFen) || fineFen < 0) throw new RangeError('fine must be whole fen');
  const decidedOn = dayNumber(todayInShanghai(decidedAt));
  const paidOn = dayNumber(todayInShanghai(at));
  const overdueDays = Math.max(0, paidOn - decidedOn - PAYMENT_PERIOD_DAYS);
  const exact = Math.floor((fineFen * DAILY_SURCHARGE_BP * overdueDays + 5_000) / 10_000);
  return {
    dueOn: dateOf(decidedOn + PAYMENT_PERIOD_DAYS),
    overdueDays,
    surchargeFen: Math.min(fineFen, exact),
  };
}
