import { sql, type SQL } from 'drizzle-orm';
import type { Label } from '../../shared/catalog/index.ts';
import type { Executor, Tx } from '../../shared/db/database.ts';

// A supervised item is anything with a handling unit, a workflow state, a due date and an officer holding it:
// cases and letters. Each source answers the same questions (its tally, its list, one item, a line in the
// item's history), so the supervision view, the urgings and their escalation work on any of them.

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

/** A line in an item's history that is not a step of its workflow: an urging, its answer, its escalation. */
export interface ItemNote {
  actor: string;
  unitCode: string | null;
  action: 'urge' | 'urge-answer' | 'urge-escalate';
  reason: string | null;
  data: Record<string, unknown>;
  at: Date;
}

export type UnitScope = readonly string[] | 'all';

export interface SupervisedSource {
  id: 'case' | 'letter';
  /** Where an officer reads one item. */
  href(ref: string): string;
  stepLabel(step: string): Label;
  /**
   * The tally as one SELECT of unit_code, service, service_name, service_name_en, workflow_id, step, officer
   * ('' for none), open, amber, red: read live, or copied whole into the precomputed tallies.
   */
  tallyQuery(units: UnitScope, today: string): SQL;
  list(
    ex: Executor,
    filter: ListFilter,
    today: string,
    page: { offset: number; limit: number },
  ): Promise<SupervisedItem[]>;
  find(ex: Executor, ref: string): Promise<SupervisedItem | undefined>;
  note(tx: Tx, ref: string, note: ItemNote): Promise<void>;
}

/**
 * Amber is the last third of the state's time (the queue's rule, cases.presenter.ts dueTone), red past it.
 * `due` and `since` are the source's date expressions.
 */
export const toneFilter = (tone: Tone | undefined, today: string, due: SQL, since: SQL): SQL => {
  if (tone === 'red') return sql`AND ${due} < ${today}::date`;
  if (tone === 'amber')
    return sql`AND ${due} >= ${today}::date AND (${due} - ${today}::date) * 3 <= (${due} - ${since})`;
  return sql``;
};

/** The amber and red counts of a tally, by the same rule as toneFilter. */
export const toneCounts = (today: string, due: SQL, since: SQL): SQL =>
  sql`count(*) FILTER (WHERE ${due} >= ${today}::date
      AND (${due} - ${today}::date) * 3 <= (${due} - ${since}))::int AS amber,
    count(*) FILTER (WHERE ${due} < ${today}::date)::int AS red`;

export const inUnits = (units: UnitScope): SQL =>
  units === 'all'
    ? sql`unit_code IS NOT NULL`
    : units.length
      ? sql`unit_code IN (${sql.join(
          units.map((u) => sql`${u}`),
          sql`, `,
        )})`
      : sql`false`;

export const officerFilter = (officer: string | undefined): SQL =>
  officer === '' ? sql`AND claimed_by IS NULL` : officer ? sql`AND claimed_by = ${officer}` : sql``;
