import { todayInShanghai } from '../../shared/calendar/working-days.ts';

// The 12-point cycle (记分周期): a year from the day the licence was first issued, starting again on that day
// each year. Points of an ended cycle under 12 are cleared; 12 or more (满分) stay until the driver has
// retaken the course, which is done at the counter and outside this platform, so they are kept as they are.

export const FULL_POINTS = 12;

function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  // 29 February in a common year falls on 28 February.
  const day = m === 2 && d === 29 && !isLeap(y + years) ? 28 : d;
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The licence's cycle on a Beijing day, and its points: cleared when the stored cycle has ended under 12. */
export function currentCycle(
  licence: { cycleStart: string; pointsDeducted: number },
  now: Date,
): { cycleStart: string; cycleEnd: string; pointsDeducted: number } {
  const today = todayInShanghai(now);
  let start = licence.cycleStart;
  let points = licence.pointsDeducted;
  while (addYears(start, 1) <= today) {
    start = addYears(start, 1);
    if (points < FULL_POINTS) points = 0;
  }
  const nextStart = addYears(start, 1);
  // The cycle's last day is the day before the next one starts.
  const end = new Date(`${nextStart}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  return { cycleStart: start, cycleEnd: end.toISOString().slice(0, 10), pointsDeducted: points };
}
