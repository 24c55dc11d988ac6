import { sql, type SQL } from 'drizzle-orm';
import type { Label } from '../../shared/catalog/index.ts';
import { rows, type Executor } from '../../shared/db/database.ts';

// A supervised item is anything with a handling unit, a workflow state, a due date and an officer holding it:
// cases today, letters next. Each source answers the same two questions, the tally and the list, so the
// supervision view and the urgings work on any of them; a letter source is one more object here.

export type Tone = 'open' | 'amber' | 'red';

/** Open items of one unit, one service, one step and one officer, and how many of them are amber or red. */
export interface TallyRow {
  source: string;
  unitCode: string;
  service: string;
  serviceName: Label;
  workflowId: string;
  step: string;
  officer: string | null;
  open: number;
  amber: number;
  red: number;
}

export interface ListFilter {
  units: readonly string[];
  tone?: Tone | undefined;
  service?: string | undefined;
  step?: string | undefined;
  /** A badge number, or '' for items nobody holds. */
  officer?: string | undefined;
}

export interface SupervisedItem {
  source: string;
  ref: string;
  unitCode: string;
  unitPath: string;
  service: string;
  serviceName: Label;
  workflowId: string;
  workflowVersion: number;
  step: string;
  officer: string | null;
  since: string;
  dueOn: string | null;
  closed: boolean;
}

export interface SupervisedSource {
  id: string;
  /** Where an officer reads one item. */
  href(ref: string): string;
  tally(ex: Executor, units: readonly string[], today: string): Promise<TallyRow[]>;
  list(
    ex: Executor,
    filter: ListFilter,
    today: string,
    page: { offset: number; limit: number },
  ): Promise<SupervisedItem[]>;
  find(ex: Executor, ref: string): Promise<SupervisedItem | undefined>;
}

// Amber is the last third of the state's time (the queue's rule, cases.presenter.ts dueTone), red past it.
const toneSql = (tone: Tone | undefined, today: string): SQL => {
  if (tone === 'red') return sql`AND state_due_on < ${today}::date`;
  if (tone === 'amber')
    return sql`AND state_due_on >= ${today}::date
      AND (state_due_on - ${today}::date) * 3 <= (state_due_on - state_since)`;
  return sql``;
};

interface CaseItemRow {
  case_number: string;
  unit_code: string;
  unit_path: string;
  item_id: string;
  item_name: string;
  item_name_en: string;
  workflow_id: string;
  workflow_version: number;
  state: string;
  claimed_by: string | null;
  state_since: string;
  state_due_on: string | null;
  closed: boolean;
}

const caseColumns = sql`case_number, unit_code, unit_path, item_id, item_name, item_name_en, workflow_id,
  workflow_version, state, claimed_by, state_since::text AS state_since, state_due_on::text AS state_due_on, closed`;

const caseItem = (r: CaseItemRow): SupervisedItem => ({
  source: 'case',
  ref: r.case_number,
  unitCode: r.unit_code,
  unitPath: r.unit_path,
  service: r.item_id,
  serviceName: { zh: r.item_name, en: r.item_name_en },
  workflowId: r.workflow_id,
  workflowVersion: Number(r.workflow_version),
  step: r.state,
  officer: r.claimed_by,
  since: r.state_since,
  dueOn: r.state_due_on,
  closed: r.closed,
});

const inUnits = (units: readonly string[]) =>
  units.length
    ? sql`unit_code IN (${sql.join(
        units.map((u) => sql`${u}`),
        sql`, `,
      )})`
    : sql`false`;

export const caseSource: SupervisedSource = {
  id: 'case',
  href: (ref) => `/cases/${encodeURIComponent(ref)}`,

  async tally(ex, units, today) {
    const result = await ex.execute(sql`
      SELECT unit_code, item_id, min(item_name) AS item_name, min(item_name_en) AS item_name_en, workflow_id,
        state, claimed_by, count(*)::int AS open,
        count(*) FILTER (WHERE state_due_on >= ${today}::date
          AND (state_due_on - ${today}::date) * 3 <= (state_due_on - state_since))::int AS amber,
        count(*) FILTER (WHERE state_due_on < ${today}::date)::int AS red
      FROM cases WHERE NOT closed AND ${inUnits(units)}
      GROUP BY unit_code, item_id, workflow_id, state, claimed_by`);
    return rows<{
      unit_code: string;
      item_id: string;
      item_name: string;
      item_name_en: string;
      workflow_id: string;
      state: string;
      claimed_by: string | null;
      open: number;
      amber: number;
      red: number;
    }>(result).map((r) => ({
      source: 'case',
      unitCode: r.unit_code,
      service: r.item_id,
      serviceName: { zh: r.item_name, en: r.item_name_en },
      workflowId: r.workflow_id,
      step: r.state,
      officer: r.claimed_by,
      open: Number(r.open),
      amber: Number(r.amber),
      red: Number(r.red),
    }));
  },

  async list(ex, filter, today, page) {
    const result = await ex.execute(sql`
      SELECT ${caseColumns} FROM cases
      WHERE NOT closed AND ${inUnits(filter.units)} ${toneSql(filter.tone, today)}
        ${filter.service ? sql`AND item_id = ${filter.service}` : sql``}
        ${filter.step ? sql`AND state = ${filter.step}` : sql``}
        ${filter.officer === '' ? sql`AND claimed_by IS NULL` : filter.officer ? sql`AND claimed_by = ${filter.officer}` : sql``}
      ORDER BY state_due_on ASC NULLS LAST, case_number
      OFFSET ${page.offset} LIMIT ${page.limit}`);
    return rows<CaseItemRow>(result).map(caseItem);
  },

  async find(ex, ref) {
    const result = await ex.execute(sql`SELECT ${caseColumns} FROM cases WHERE case_number = ${ref}`);
    const [found] = rows<CaseItemRow>(result);
    return found && caseItem(found);
  },
};

/** Every source the supervision view counts. */
export const supervisedSources: readonly SupervisedSource[] = [caseSource];

export function sourceOf(id: string): SupervisedSource | undefined {
  return supervisedSources.find((s) => s.id === id);
}
