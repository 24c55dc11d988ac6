import type { Line, StatisticsView } from './statistics.view.ts';

// The statistics as JSON: the unit, the months, when they were computed, and each line's counts and rates
// (never database rows).

const line = (l: Line) => ({
  key: l.key,
  label: l.label,
  applications: l.applications,
  concluded: l.concluded,
  onTimeRate: l.onTimeRate,
  avgCycleDays: l.avgCycleDays,
  zeroVisitRate: l.zeroVisitRate,
  oneVisitRate: l.oneVisitRate,
  letters: l.letters,
  replied: l.replied,
  replyRate: l.replyRate,
});

export function presentStatistics(view: StatisticsView) {
  return {
    unit: { code: view.unit.code, name: view.unit.name, nameEn: view.unit.nameEn },
    months: view.months,
    asOf: view.asOf.toISOString(),
    total: line(view.total),
    byMonth: view.byMonth.map(line),
    byUnit: view.byUnit.map(line),
    byService: view.byService.map(line),
  };
}
