import type { Label } from '../../shared/catalog/index.ts';
import type { UnitInfo } from './supervision.repository.ts';
import { sourceOf, type TallyRow } from './supervision.sources.ts';

// The supervision view of one unit, rolled up from the sources' tallies: its own work and each unit directly
// below it (with everything below that), then the same work by service, by step and by officer. Pure, so the
// figures can be tested without a database.

export interface Figures {
  open: number;
  amber: number;
  red: number;
}

export interface Line extends Figures {
  key: string;
  label: Label;
}

export interface UnitView {
  unit: UnitInfo;
  total: Figures;
  own: Figures;
  children: (Line & { hasChildren: boolean })[];
  byService: Line[];
  byStep: Line[];
  byOfficer: Line[];
  /** The officers past the first OFFICERS_SHOWN, summed: a city's hundreds of officers are read unit by unit. */
  otherOfficers: (Figures & { officers: number }) | null;
}

export const OFFICERS_SHOWN = 20;

const zero = (): Figures => ({ open: 0, amber: 0, red: 0 });
const add = (into: Figures, row: Figures) => {
  into.open += row.open;
  into.amber += row.amber;
  into.red += row.red;
};

const sum = (lines: readonly Figures[]): Figures => {
  const into = zero();
  for (const line of lines) add(into, line);
  return into;
};

const unitLabel = (u: UnitInfo): Label => ({ zh: u.name, en: u.nameEn ?? u.name });

/** Most overdue first, then most due soon, then most in hand; ties by key for a stable order. */
const byUrgency = (a: Line, b: Line) =>
  b.red - a.red || b.amber - a.amber || b.open - a.open || a.key.localeCompare(b.key);

export function unitView(unit: UnitInfo, subtree: readonly UnitInfo[], tally: readonly TallyRow[]): UnitView {
  const pathOf = new Map(subtree.map((u) => [u.code, u.path]));
  const children = subtree.filter((u) => u.parentCode === unit.code);
  const parents = new Set(subtree.map((u) => u.parentCode));
  const childLines = new Map(
    children.map((c) => [
      c.code,
      { key: c.code, label: unitLabel(c), hasChildren: parents.has(c.code), ...zero() },
    ]),
  );
  const total = zero();
  const own = zero();
  const services = new Map<string, Line>();
  const steps = new Map<string, Line>();
  const officers = new Map<string, Line>();
  // The label is asked for only when a line is first met: a step's name is looked up across every workflow.
  const line = (map: Map<string, Line>, key: string, label: () => Label) => {
    let found = map.get(key);
    if (!found) map.set(key, (found = { key, label: label(), ...zero() }));
    return found;
  };
  for (const row of tally) {
    const path = pathOf.get(row.unitCode);
    if (!path) continue;
    add(total, row);
    if (row.unitCode === unit.code) add(own, row);
    else {
      const child = path.slice(unit.path.length + 1).split('/')[0] ?? '';
      const target = childLines.get(child);
      if (target) add(target, row);
    }
    add(
      line(services, row.service, () => row.serviceName),
      row,
    );
    add(
      line(
        steps,
        row.step,
        () => sourceOf(row.source)?.stepLabel(row.step) ?? { zh: row.step, en: row.step },
      ),
      row,
    );
    add(
      line(officers, row.officer ?? '', () =>
        row.officer ? { zh: row.officer, en: row.officer } : { zh: '未认领', en: 'Unclaimed' },
      ),
      row,
    );
  }
  const officerLines = [...officers.values()].sort(byUrgency);
  const rest = officerLines.slice(OFFICERS_SHOWN);
  return {
    unit,
    total,
    own,
    children: [...childLines.values()].sort(byUrgency),
    byService: [...services.values()].sort(byUrgency),
    byStep: [...steps.values()].sort(byUrgency),
    byOfficer: officerLines.slice(0, OFFICERS_SHOWN),
    otherOfficers: rest.length ? { officers: rest.length, ...sum(rest) } : null,
  };
}
