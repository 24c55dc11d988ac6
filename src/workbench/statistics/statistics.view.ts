import type { ChannelLine } from './statistics.ratings.ts';
import type { Label } from '../../shared/catalog/index.ts';
import type { UnitInfo } from '../supervision/supervision.repository.ts';
import type { CaseTally, LetterTally } from './statistics.repository.ts';

// The statistics of one unit, added up from the grouped tallies: per month over the window, per unit directly
// below (with everything under it) and per service. Pure, so the figures can be tested without a database.

export interface Figures {
  applications: number;
  zeroVisit: number;
  oneVisit: number;
  concluded: number;
  dated: number;
  onTime: number;
  cycleSeconds: number;
  letters: number;
  replied: number;
}

/** The rates and averages of a set of figures; null where there is nothing to divide by. */
export interface Rates {
  onTimeRate: number | null;
  avgCycleDays: number | null;
  zeroVisitRate: number | null;
  oneVisitRate: number | null;
  replyRate: number | null;
}

export interface Line extends Figures, Rates {
  key: string;
  label: Label;
}

export interface StatisticsView {
  unit: UnitInfo;
  months: string[];
  total: Line;
  byMonth: Line[];
  byUnit: (Line & { hasChildren: boolean })[];
  byService: Line[];
  /** 好差评 by channel, set-aside ratings apart (statistics.ratings.ts); added by the service. */
  ratings: ChannelLine[];
  /** When the figures were computed (the snapshot's time, statistics.snapshot.ts). */
  asOf: Date;
}

const zero = (): Figures => ({
  applications: 0,
  zeroVisit: 0,
  oneVisit: 0,
  concluded: 0,
  dated: 0,
  onTime: 0,
  cycleSeconds: 0,
  letters: 0,
  replied: 0,
});

/** A share in percent with one decimal. */
const percent = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

export function ratesOf(f: Figures): Rates {
  return {
    onTimeRate: percent(f.onTime, f.dated),
    avgCycleDays: f.concluded === 0 ? null : Math.round((f.cycleSeconds / f.concluded / 86_400) * 10) / 10,
    zeroVisitRate: percent(f.zeroVisit, f.applications),
    oneVisitRate: percent(f.oneVisit, f.applications),
    replyRate: percent(f.replied, f.letters),
  };
}

const withRates = <T extends Figures>(line: T): T & Rates => ({ ...line, ...ratesOf(line) });

/** The twelve Beijing months ending with today's, oldest first ("2026-01" … "2026-12"). */
export function lastMonths(today: string, count = 12): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const m = year * 12 + month - i;
    out.push(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

/** The instant the first of the months begins in Beijing, and the instant the month after the last begins. */
export function windowOf(months: readonly string[]): { from: Date; to: Date } {
  const first = months[0]!;
  const [ly, lm] = months[months.length - 1]!.split('-').map(Number) as [number, number];
  const next = lm === 12 ? `${ly + 1}-01` : `${ly}-${String(lm + 1).padStart(2, '0')}`;
  return { from: new Date(`${first}-01T00:00:00+08:00`), to: new Date(`${next}-01T00:00:00+08:00`) };
}

const unitLabel = (u: UnitInfo): Label => ({ zh: u.name, en: u.nameEn ?? u.name });

function addCase(into: Figures, row: CaseTally) {
  into.applications += row.submitted;
  into.zeroVisit += row.zeroVisit;
  into.oneVisit += row.oneVisit;
  into.concluded += row.concluded;
  into.dated += row.dated;
  into.onTime += row.onTime;
  into.cycleSeconds += row.cycleSeconds;
}

function addLetters(into: Figures, row: LetterTally) {
  into.letters += row.received;
  into.replied += row.replied;
}

export function statisticsView(
  unit: UnitInfo,
  subtree: readonly UnitInfo[],
  months: readonly string[],
  cases: readonly CaseTally[],
  letters: readonly LetterTally[],
): Omit<StatisticsView, 'ratings' | 'asOf'> {
  const pathOf = new Map(subtree.map((u) => [u.code, u.path]));
  const parents = new Set(subtree.map((u) => u.parentCode));
  const own: Line = { key: unit.code, label: unitLabel(unit), ...zero(), ...ratesOf(zero()) };
  const children = new Map(
    subtree
      .filter((u) => u.parentCode === unit.code)
      .map((u) => [
        u.code,
        { key: u.code, label: unitLabel(u), hasChildren: parents.has(u.code), ...zero() },
      ]),
  );
  const total = { key: 'total', label: { zh: '合计', en: 'Total' }, ...zero() };
  const byMonth = new Map(months.map((m) => [m, { key: m, label: { zh: m, en: m }, ...zero() }]));
  const services = new Map<string, Figures & { key: string; label: Label }>();
  // Rows of units that are not in reach, or of months outside the window, are not counted.
  const targetOf = (code: string): Figures | undefined => {
    const path = pathOf.get(code);
    if (path === undefined) return undefined;
    if (code === unit.code) return own;
    return children.get(path.slice(unit.path.length + 1).split('/')[0] ?? '');
  };
  for (const row of cases) {
    const month = byMonth.get(row.month);
    if (!month || !pathOf.has(row.unitCode)) continue;
    addCase(total, row);
    addCase(month, row);
    const target = targetOf(row.unitCode);
    if (target) addCase(target, row);
    let service = services.get(row.itemId);
    if (!service) services.set(row.itemId, (service = { key: row.itemId, label: row.itemName, ...zero() }));
    addCase(service, row);
  }
  for (const row of letters) {
    const month = byMonth.get(row.month);
    if (!month || !pathOf.has(row.unitCode)) continue;
    addLetters(total, row);
    addLetters(month, row);
    const target = targetOf(row.unitCode);
    if (target) addLetters(target, row);
  }
  return {
    unit,
    months: [...months],
    total: withRates(total),
    byMonth: [...byMonth.values()].map(withRates),
    byUnit: [
      { ...withRates(own), label: { zh: '本单位直接办理', en: 'This unit itself' }, hasChildren: false },
      ...[...children.values()].map(withRates),
    ],
    byService: [...services.values()]
      .map(withRates)
      .sort((a, b) => b.applications - a.applications || a.key.localeCompare(b.key)),
  };
}
