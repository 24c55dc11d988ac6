import { sql } from 'drizzle-orm';
import { rows } from '../../shared/db/database.ts';
import { recordAction } from '../letters/letters.repository.ts';
import { kindWords, stateWords } from '../letters/letters.messages.ts';
import {
  inUnits,
  officerFilter,
  toneCounts,
  toneFilter,
  type SupervisedItem,
  type SupervisedSource,
} from './supervision.source.ts';

// Letters as a supervised source: open while routed to a unit and neither answered nor handed off, coloured
// like cases over the time from the letter's arrival (Beijing day) to its due date. A letter's "service" is
// its kind, prefixed so that it never meets a case's service id in one filter.

const PREFIX = 'letter-';
const FINAL_STATES = sql`('replied', 'transferred')`;

interface LetterItemRow {
  letter_number: string;
  unit_code: string;
  unit_path: string;
  kind: string;
  workflow_id: string;
  workflow_version: number;
  state: string;
  claimed_by: string | null;
  since: string;
  due_on: string | null;
  closed: boolean;
}

const since = sql`(received_at AT TIME ZONE 'Asia/Shanghai')::date`;
const due = sql`due_on`;
const open = sql`unit_path IS NOT NULL AND state NOT IN ${FINAL_STATES}`;

const letterColumns = sql`letter_number, unit_code, unit_path, kind, workflow_id, workflow_version, state,
  claimed_by, ${since}::text AS since, due_on::text AS due_on, state IN ${FINAL_STATES} AS closed`;

const kindLabel = (kind: string) => kindWords[kind] ?? { zh: kind, en: kind };

const letterItem = (r: LetterItemRow): SupervisedItem => ({
  source: 'letter',
  ref: r.letter_number,
  unitCode: r.unit_code,
  unitPath: r.unit_path,
  service: `${PREFIX}${r.kind}`,
  serviceName: kindLabel(r.kind),
  workflowId: r.workflow_id,
  workflowVersion: Number(r.workflow_version),
  step: r.state,
  officer: r.claimed_by,
  since: r.since,
  dueOn: r.due_on,
  closed: r.closed,
});

/** The kind's words in SQL, so the tally carries them like a case's service name. */
const kindName = (lang: 'zh' | 'en') =>
  sql`CASE kind ${sql.join(
    Object.entries(kindWords).map(([kind, words]) => sql`WHEN ${kind} THEN ${words[lang]}`),
    sql` `,
  )} ELSE kind END`;

export const letterSource: SupervisedSource = {
  id: 'letter',
  href: (ref) => `/letters/${encodeURIComponent(ref)}`,
  stepLabel: (step) => stateWords[step] ?? { zh: step, en: step },

  tallyQuery: (units, today) => sql`
    SELECT unit_code, ${PREFIX} || kind AS service, min(${kindName('zh')}) AS service_name,
      min(${kindName('en')}) AS service_name_en, workflow_id, state AS step, coalesce(claimed_by, '') AS officer,
      count(*)::int AS open, ${toneCounts(today, due, since)}
    FROM letters WHERE ${open} AND ${inUnits(units)}
    GROUP BY unit_code, kind, workflow_id, state, coalesce(claimed_by, '')`,

  async list(ex, filter, today, page) {
    if (filter.service && !filter.service.startsWith(PREFIX)) return [];
    const result = await ex.execute(sql`
      SELECT ${letterColumns} FROM letters
      WHERE ${open} AND ${inUnits(filter.units)} ${toneFilter(filter.tone, today, due, since)}
        ${filter.service ? sql`AND kind = ${filter.service.slice(PREFIX.length)}` : sql``}
        ${filter.step ? sql`AND state = ${filter.step}` : sql``}
        ${officerFilter(filter.officer)}
      ORDER BY due_on ASC NULLS LAST, letter_number
      OFFSET ${page.offset} LIMIT ${page.limit}`);
    return rows<LetterItemRow>(result).map(letterItem);
  },

  async find(ex, ref) {
    const result = await ex.execute(
      sql`SELECT ${letterColumns} FROM letters WHERE letter_number = ${ref} AND unit_path IS NOT NULL`,
    );
    const [found] = rows<LetterItemRow>(result);
    return found && letterItem(found);
  },

  async note(tx, ref, note) {
    const toUnit = typeof note.data.toUnitName === 'string' ? note.data.toUnitName : null;
    await recordAction(tx, {
      letterNumber: ref,
      action: note.action,
      actor: note.actor,
      unitCode: note.unitCode,
      text: note.reason ?? toUnit,
      at: note.at,
    });
  },
};
