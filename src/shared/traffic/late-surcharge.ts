import { todayInShanghai, type WorkingDayCalendar } from '../calendar/working-days.ts';

// 加处罚款 under the Administrative Penalty Law (行政处罚法 arts. 67 and 72): a fine is paid within 15 days of
// the decision; from the day after the period ends, 3% of the fine is added for each day overdue, and the
// additions never exceed the fine itself.
//
// The 15 days are calendar days: art. 85 makes only its 2-, 3-, 5- and 7-day periods working days. They are
// Beijing dates, the decision's day not counted (期间开始之日不计算在内). A period whose last day falls on a day
// off (a weekend or a public holiday, 节假日) ends on the first working day after it, as the public security
// rules on administrative cases (公安机关办理行政案件程序规定) and the Civil Code (art. 203) count periods: a
// Saturday made a working day (调休) is not a day off. Both zones compute it the same way: the portal to charge
// it, the police zone to record what was charged.

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

/** The last day to pay a fine decided at `decidedAt` without a surcharge, moved past any days off. */
export function paymentDueOn(decidedAt: Date, calendar: WorkingDayCalendar): string {
  const lastDay = dateOf(dayNumber(todayInShanghai(decidedAt)) + PAYMENT_PERIOD_DAYS);
  return calendar.addWorkingDays(lastDay, 0);
}

/** What is added to a fine decided at `decidedAt` if it is paid at `at`; whole fen, rounded half up. */
export function lateSurcharge(
  fineFen: number,
  decidedAt: Date,
  at: Date,
  calendar: WorkingDayCalendar,
): LateSurcharge {
  if (!Number.isSafeInteger(fineFen) || fineFen < 0) throw new RangeError('fine must be whole fen');
  const dueOn = paymentDueOn(decidedAt, calendar);
  const paidOn = dayNumber(todayInShanghai(at));
  const overdueDays = Math.max(0, paidOn - dayNumber(dueOn));
  const exact = Math.floor((fineFen * DAILY_SURCHARGE_BP * overdueDays + 5_000) / 10_000);
  return { dueOn, overdueDays, surchargeFen: Math.min(fineFen, exact) };
}
