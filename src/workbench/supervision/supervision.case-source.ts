import { sql } from 'drizzle-orm';
import { rows } from '../../shared/db/database.ts';
import { stateLabel } from '../cases/cases.presenter.ts';
import { noteOnCase } from './supervision.repository.ts';
import {
  inUnits,
  officerFilter,
  toneCounts,
  toneFilter,
  type SupervisedItem,
  type SupervisedSource,
} from './supervision.source.ts';

// Cases as a supervised source: open while not closed, coloured by their state's own due date.

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

const due = sql`state_due_on`;
const since = sql`state_since`;

export const caseSource: SupervisedSource = {
  id: 'case',
  href: (ref) => `/cases/${encodeURIComponent(ref)}`,
  stepLabel: stateLabel,

  tallyQuery: (units, today) => sql`
    SELECT unit_code, item_id AS service, min(item_name) AS service_name, min(item_name_en) AS service_name_en,
      workflow_id, state AS step, coalesce(claimed_by, '') AS officer, count(*)::int AS open,
      ${toneCounts(today, due, since)}
    FROM cases WHERE NOT closed AND ${inUnits(units)}
    GROUP BY unit_code, item_id, workflow_id, state, coalesce(claimed_by, '')`,

  async list(ex, filter, today, page) {
    const result = await ex.execute(sql`
      SELECT ${caseColumns} FROM cases
      WHERE NOT closed AND ${inUnits(filter.units)} ${toneFilter(filter.tone, today, due, since)}
        ${filter.service ? sql`AND item_id = ${filter.service}` : sql``}
        ${filter.step ? sql`AND state = ${filter.step}` : sql``}
        ${officerFilter(filter.officer)}
      ORDER BY state_due_on ASC NULLS LAST, case_number
      OFFSET ${page.offset} LIMIT ${page.limit}`);
    return rows<CaseItemRow>(result).map(caseItem);
  },

  async find(ex, ref) {
    const result = await ex.execute(sql`SELECT ${caseColumns} FROM cases WHERE case_number = ${ref}`);
    const [found] = rows<CaseItemRow>(result);
    return found && caseItem(found);
  },

  note: noteOnCase,
};
