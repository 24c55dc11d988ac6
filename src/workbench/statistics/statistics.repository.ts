import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../shared/db/database.ts';

// The statistics' queries: grouped counts over cases and letters of a window, by Beijing month, deciding unit
// and service. Each row is one such group; the view adds them up down the tree (statistics.view.ts).

/** Beijing has no daylight saving: its wall clock is UTC plus eight hours. */
export const beijingMonth = (column: SQL) =>
  sql`to_char((${column} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')`;
const beijingDate = (column: SQL) => sql`((${column} AT TIME ZONE 'UTC') + interval '8 hours')::date`;

/** Every unit (the snapshot of the whole force), or the units named. A row no unit was found for (a letter the
 * routing rules could not place) belongs to none, as it did when the units were listed one by one. */
export type Units = readonly string[] | 'all';

const inList = (column: SQL, values: Units) =>
  values === 'all'
    ? sql`${column} IS NOT NULL`
    : values.length
      ? sql`${column} IN (${sql.join(
          values.map((v) => sql`${v}`),
          sql`, `,
        )})`
      : sql`false`;

export interface CaseTally {
  month: string;
  unitCode: string;
  itemId: string;
  itemName: { zh: string; en: string };
  /** Applications received in the month. */
  submitted: number;
  /** Of those, the ones whose service asks for no visit at all (全程网办), or at most one. */
  zeroVisit: number;
  oneVisit: number;
  /** Cases concluded in the month (completed, refused or not accepted; withdrawals are not conclusions). */
  concluded: number;
  /** Of those, the ones that had a due date, and the ones concluded on or before it. */
  dated: number;
  onTime: number;
  /** Sum of the concluded cases' time from submission to conclusion, in seconds. */
  cycleSeconds: number;
}

export interface LetterTally {
  month: string;
  unitCode: string;
  received: number;
  replied: number;
}

// A case is the deciding unit's, also while a higher unit approves it (home_unit_code keeps the way back).
const decidingUnit = sql`coalesce(c.home_unit_code, c.unit_code)`;

/** The cases' figures of the deciding units named, for applications and conclusions since `from`. */
export async function caseTallies(ex: Executor, units: Units, from: Date, to: Date): Promise<CaseTally[]> {
  const result = await ex.execute(sql`
    WITH concluded AS (
      SELECT c.case_number, c.submitted_at, c.due_on, c.item_id, ${decidingUnit} AS unit_code,
        (SELECT min(a.at) FROM case_actions a
          WHERE a.case_number = c.case_number AND a.to_state = c.state
            AND a.from_state IS DISTINCT FROM a.to_state) AS closed_at
      FROM cases c
      -- A case concluded in the window was last changed in it or later: the index-friendly first cut.
      WHERE c.closed AND c.state <> 'withdrawn' AND c.updated_at >= ${from.toISOString()}::timestamptz
        AND ${inList(decidingUnit, units)}
    ),
    arrivals AS (
      SELECT ${beijingMonth(sql`c.submitted_at`)} AS month, ${decidingUnit} AS unit_code, c.item_id,
        count(*)::int AS submitted,
        count(*) FILTER (WHERE (v.content->'visits'->>'count')::int = 0)::int AS zero_visit,
        count(*) FILTER (WHERE (v.content->'visits'->>'count')::int <= 1)::int AS one_visit
      FROM cases c
      LEFT JOIN catalog_item_versions v ON v.item_id = c.item_id AND v.version = c.item_version
      WHERE c.submitted_at >= ${from.toISOString()}::timestamptz AND c.submitted_at < ${to.toISOString()}::timestamptz
        AND ${inList(decidingUnit, units)}
      GROUP BY 1, 2, 3
    ),
    conclusions AS (
      SELECT ${beijingMonth(sql`closed_at`)} AS month, unit_code, item_id,
        count(*)::int AS concluded,
        count(*) FILTER (WHERE due_on IS NOT NULL)::int AS dated,
        count(*) FILTER (WHERE due_on IS NOT NULL AND ${beijingDate(sql`closed_at`)} <= due_on)::int AS on_time,
        coalesce(sum(extract(epoch FROM closed_at - submitted_at)), 0)::float8 AS cycle_seconds
      FROM concluded
      WHERE closed_at >= ${from.toISOString()}::timestamptz AND closed_at < ${to.toISOString()}::timestamptz
      GROUP BY 1, 2, 3
    ),
    names AS (
      SELECT item_id, min(item_name) AS item_name, min(item_name_en) AS item_name_en
      FROM cases c WHERE ${inList(decidingUnit, units)} GROUP BY item_id
    )
    SELECT coalesce(a.month, k.month) AS month, coalesce(a.unit_code, k.unit_code) AS unit_code,
      coalesce(a.item_id, k.item_id) AS item_id, n.item_name, n.item_name_en,
      coalesce(a.submitted, 0) AS submitted, coalesce(a.zero_visit, 0) AS zero_visit,
      coalesce(a.one_visit, 0) AS one_visit, coalesce(k.concluded, 0) AS concluded,
      coalesce(k.dated, 0) AS dated, coalesce(k.on_time, 0) AS on_time, coalesce(k.cycle_seconds, 0) AS cycle_seconds
    FROM arrivals a
    FULL JOIN conclusions k ON k.month = a.month AND k.unit_code = a.unit_code AND k.item_id = a.item_id
    JOIN names n ON n.item_id = coalesce(a.item_id, k.item_id)`);
  return rows<{
    month: string;
    unit_code: string;
    item_id: string;
    item_name: string;
    item_name_en: string;
    submitted: number;
    zero_visit: number;
    one_visit: number;
    concluded: number;
    dated: number;
    on_time: number;
    cycle_seconds: number;
  }>(result).map((r) => ({
    month: r.month,
    unitCode: r.unit_code,
    itemId: r.item_id,
    itemName: { zh: r.item_name, en: r.item_name_en },
    submitted: Number(r.submitted),
    zeroVisit: Number(r.zero_visit),
    oneVisit: Number(r.one_visit),
    concluded: Number(r.concluded),
    dated: Number(r.dated),
    onTime: Number(r.on_time),
    cycleSeconds: Number(r.cycle_seconds),
  }));
}

/** Letters received since `from` by month and the unit they were routed to; replied counts those answered. */
export async function letterTallies(
  ex: Executor,
  units: Units,
  from: Date,
  to: Date,
): Promise<LetterTally[]> {
  const result = await ex.execute(sql`
    SELECT ${beijingMonth(sql`received_at`)} AS month, unit_code,
      count(*)::int AS received, count(*) FILTER (WHERE state = 'replied')::int AS replied
    FROM letters
    WHERE received_at >= ${from.toISOString()}::timestamptz AND received_at < ${to.toISOString()}::timestamptz
      AND ${inList(sql`unit_code`, units)}
    GROUP BY 1, 2`);
  return rows<{ month: string; unit_code: string; received: number; replied: number }>(result).map((r) => ({
    month: r.month,
    unitCode: r.unit_code,
    received: Number(r.received),
    replied: Number(r.replied),
  }));
}
