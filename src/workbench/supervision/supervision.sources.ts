import { rows, type Executor } from '../../shared/db/database.ts';
import { caseSource } from './supervision.case-source.ts';
import { letterSource } from './supervision.letter-source.ts';
import type {
  ListFilter,
  SupervisedItem,
  SupervisedSource,
  TallyRow,
  UnitScope,
} from './supervision.source.ts';

export type { ListFilter, SupervisedItem, SupervisedSource, TallyRow, Tone } from './supervision.source.ts';
export { caseSource } from './supervision.case-source.ts';

/** Every source the supervision view counts, urges and escalates. */
export const supervisedSources: readonly SupervisedSource[] = [caseSource, letterSource];

export function sourceOf(id: string): SupervisedSource | undefined {
  return supervisedSources.find((s) => s.id === id);
}

export interface TallyColumns {
  unit_code: string;
  service: string;
  service_name: string;
  service_name_en: string;
  workflow_id: string;
  step: string;
  officer: string;
  open: number;
  amber: number;
  red: number;
}

export const tallyRow = (source: string, r: TallyColumns): TallyRow => ({
  source,
  unitCode: r.unit_code,
  service: r.service,
  serviceName: { zh: r.service_name, en: r.service_name_en },
  workflowId: r.workflow_id,
  step: r.step,
  officer: r.officer === '' ? null : r.officer,
  open: Number(r.open),
  amber: Number(r.amber),
  red: Number(r.red),
});

/** Every source's tally counted now from the items themselves (the precomputed tallies' reference). */
export async function liveTally(ex: Executor, units: UnitScope, today: string): Promise<TallyRow[]> {
  const all: TallyRow[] = [];
  for (const source of supervisedSources)
    all.push(
      ...rows<TallyColumns>(await ex.execute(source.tallyQuery(units, today))).map((r) =>
        tallyRow(source.id, r),
      ),
    );
  return all;
}

const dueOrder = (a: SupervisedItem, b: SupervisedItem) =>
  (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') ||
  a.source.localeCompare(b.source) ||
  a.ref.localeCompare(b.ref);

/** One page of every source's items the filter finds, earliest due first, as if they were one list. */
export async function listAll(
  ex: Executor,
  filter: ListFilter,
  today: string,
  page: { offset: number; limit: number },
): Promise<SupervisedItem[]> {
  const upTo = { offset: 0, limit: page.offset + page.limit };
  const found: SupervisedItem[] = [];
  for (const source of supervisedSources) found.push(...(await source.list(ex, filter, today, upTo)));
  return found.sort(dueOrder).slice(page.offset, page.offset + page.limit);
}

/** The item a reference names, in whichever source holds it. */
export async function findItem(ex: Executor, ref: string): Promise<SupervisedItem | undefined> {
  for (const source of supervisedSources) {
    const found = await source.find(ex, ref);
    if (found) return found;
  }
  return undefined;
}
