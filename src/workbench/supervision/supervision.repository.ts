import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { rows, type Executor, type Tx } from '../../shared/db/database.ts';
import { caseActions, cases } from '../cases/cases.tables.ts';
import { units } from '../db/schema.ts';
import type { Reach } from '../staff/staff.policy.ts';
import {
  urgingEscalations,
  urgings,
  type UrgingEscalationRow,
  type UrgingRow,
} from './supervision.tables.ts';
import type { ItemNote } from './supervision.source.ts';

export interface UnitInfo {
  code: string;
  parentCode: string | null;
  path: string;
  name: string;
  nameEn: string | null;
}

const unitColumns = {
  code: units.code,
  parentCode: units.parentCode,
  path: units.path,
  name: units.name,
  nameEn: units.nameEn,
};

export async function unitInfo(ex: Executor, code: string): Promise<UnitInfo | undefined> {
  const [found] = await ex.select(unitColumns).from(units).where(eq(units.code, code));
  return found;
}

/** A unit and every unit below it, in the directory's order. */
export async function subtreeOf(ex: Executor, path: string): Promise<UnitInfo[]> {
  return ex
    .select(unitColumns)
    .from(units)
    .where(sql`${units.path} = ${path} OR ${units.path} LIKE ${`${path}/%`}`)
    .orderBy(asc(units.sortOrder), asc(units.code));
}

/**
 * A unit and every unit below it, in the directory's order, in one round trip (the pages that walk the tree
 * read both on every view); undefined when there is no such unit.
 */
export async function unitWithSubtree(
  ex: Executor,
  code: string,
): Promise<{ unit: UnitInfo; subtree: UnitInfo[] } | undefined> {
  const top = sql`(SELECT ${units.path} FROM ${units} WHERE ${units.code} = ${code})`;
  const subtree = await ex
    .select(unitColumns)
    .from(units)
    .where(sql`${units.path} = ${top} OR ${units.path} LIKE ${top} || '/%'`)
    .orderBy(asc(units.sortOrder), asc(units.code));
  const unit = subtree.find((u) => u.code === code);
  return unit && { unit, subtree };
}

export async function unitsByCode(ex: Executor, codes: readonly string[]): Promise<UnitInfo[]> {
  if (codes.length === 0) return [];
  return ex
    .select(unitColumns)
    .from(units)
    .where(inArray(units.code, [...codes]));
}

/** The root of the tree (the city bureau). */
export async function rootUnit(ex: Executor): Promise<UnitInfo | undefined> {
  const [found] = await ex
    .select(unitColumns)
    .from(units)
    .where(sql`${units.parentCode} IS NULL`)
    .orderBy(asc(units.code))
    .limit(1);
  return found;
}

/**
 * The code of the highest unit a reach covers: the root for a force-wide reach, otherwise the shortest path it
 * names (where the supervision and statistics pages open).
 */
export async function topUnitCode(ex: Executor, reach: Reach): Promise<string | undefined> {
  if (reach.all) return (await rootUnit(ex))?.code;
  const top = [...reach.subtrees, ...reach.exact].sort((a, b) => a.length - b.length)[0];
  return top?.split('/').at(-1);
}

export async function insertUrging(ex: Executor, row: typeof urgings.$inferInsert): Promise<UrgingRow> {
  const [inserted] = await ex.insert(urgings).values(row).returning();
  if (!inserted) throw new Error('the urging was not stored');
  return inserted;
}

export async function findUrging(
  ex: Executor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<UrgingRow | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return undefined;
  const query = ex.select().from(urgings).where(eq(urgings.id, id));
  const [found] = options.lock ? await query.for('update') : await query;
  return found;
}

export async function urgingCount(ex: Executor, source: 'case' | 'letter', itemRef: string): Promise<number> {
  const [found] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(urgings)
    .where(and(eq(urgings.source, source), eq(urgings.itemRef, itemRef)));
  return Number(found?.n ?? 0);
}

export async function recordAnswer(
  ex: Executor,
  id: string,
  answer: { reason: string; promisedOn: string; by: string; at: Date },
): Promise<void> {
  await ex
    .update(urgings)
    .set({
      answerReason: answer.reason,
      promisedOn: answer.promisedOn,
      answeredBy: answer.by,
      answeredAt: answer.at,
      replyDueOn: null,
    })
    .where(eq(urgings.id, id));
}

export async function insertEscalation(
  ex: Executor,
  row: typeof urgingEscalations.$inferInsert,
): Promise<void> {
  await ex.insert(urgingEscalations).values(row);
}

export async function escalationsOf(ex: Executor, urgingId: string): Promise<UrgingEscalationRow[]> {
  return ex
    .select()
    .from(urgingEscalations)
    .where(eq(urgingEscalations.urgingId, urgingId))
    .orderBy(asc(urgingEscalations.at), asc(urgingEscalations.toRole));
}

/** Urgings still awaiting an answer whose reply date has passed, oldest first: the sweep decides the rest. */
export async function unansweredPast(
  ex: Executor,
  states: readonly string[],
  today: string,
  limit: number,
): Promise<UrgingRow[]> {
  return ex
    .select()
    .from(urgings)
    .where(and(inArray(urgings.state, [...states]), sql`${urgings.replyDueOn} < ${today}::date`))
    .orderBy(asc(urgings.replyDueOn), asc(urgings.id))
    .limit(limit);
}

const pathIn = (
  column: typeof urgings.unitPath | typeof urgingEscalations.toUnitPath,
  paths: { exact: string[]; subtrees: string[] } | 'all',
) => {
  if (paths === 'all') return sql`true`;
  const parts = [
    ...paths.exact.map((p) => sql`${column} = ${p}`),
    ...paths.subtrees.map((p) => sql`(${column} = ${p} OR ${column} LIKE ${`${p}/%`})`),
  ];
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`;
};

export type PathReach = { exact: string[]; subtrees: string[] } | 'all';

/** Urgings sent to units within reach, awaiting an answer first, then the latest. */
export async function urgingsTo(ex: Executor, reach: PathReach, limit: number): Promise<UrgingRow[]> {
  return ex
    .select()
    .from(urgings)
    .where(pathIn(urgings.unitPath, reach))
    .orderBy(sql`${urgings.state} = 'answered'`, asc(urgings.replyDueOn), desc(urgings.sentAt))
    .limit(limit);
}

export interface EscalatedUrging {
  escalation: UrgingEscalationRow;
  urging: UrgingRow;
}

/** Escalations to a role at units within reach, latest first. */
export async function escalationsTo(
  ex: Executor,
  role: string,
  reach: PathReach,
  limit: number,
): Promise<EscalatedUrging[]> {
  const found = await ex
    .select({ escalation: urgingEscalations, urging: urgings })
    .from(urgingEscalations)
    .innerJoin(urgings, eq(urgings.id, urgingEscalations.urgingId))
    .where(and(eq(urgingEscalations.toRole, role), pathIn(urgingEscalations.toUnitPath, reach)))
    .orderBy(desc(urgingEscalations.at))
    .limit(limit);
  return found;
}

/** Items urged more than once in units within reach, most urged first. */
export async function repeatedlyUrged(
  ex: Executor,
  reach: PathReach,
  limit: number,
): Promise<{ source: string; itemRef: string; unitCode: string; urgings: number; lastSentAt: Date }[]> {
  const result = await ex.execute(sql`
    SELECT source, item_ref, min(unit_code) AS unit_code, count(*)::int AS n, max(sent_at) AS last_sent_at
    FROM urgings WHERE ${pathIn(urgings.unitPath, reach)}
    GROUP BY source, item_ref HAVING count(*) > 1
    ORDER BY count(*) DESC, max(sent_at) DESC LIMIT ${limit}`);
  return rows<{
    source: string;
    item_ref: string;
    unit_code: string;
    n: number;
    last_sent_at: string | Date;
  }>(result).map((r) => ({
    source: r.source,
    itemRef: r.item_ref,
    unitCode: r.unit_code,
    urgings: Number(r.n),
    lastSentAt: new Date(r.last_sent_at),
  }));
}

/**
 * A line in the case's history that is not a step of its workflow (an urging, its answer, its escalation):
 * the state stays as it is, the history keeps its order.
 */
export async function noteOnCase(tx: Tx, caseNumber: string, note: ItemNote): Promise<void> {
  const [updated] = await tx
    .update(cases)
    .set({ actionSeq: sql`${cases.actionSeq} + 1` })
    .where(eq(cases.caseNumber, caseNumber))
    .returning({ seq: cases.actionSeq, state: cases.state });
  if (!updated) throw new Error('the case vanished while being noted');
  await tx.insert(caseActions).values({
    caseNumber,
    seq: updated.seq,
    actor: note.actor,
    unitCode: note.unitCode,
    action: note.action,
    fromState: updated.state,
    toState: updated.state,
    reason: note.reason,
    data: note.data,
    at: note.at,
  });
}

/** Urgings not yet answered at units within reach. */
export async function countUrgingsAwaiting(ex: Executor, reach: PathReach): Promise<number> {
  const [found] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(urgings)
    .where(and(sql`${urgings.state} <> 'answered'`, pathIn(urgings.unitPath, reach)));
  return Number(found?.n ?? 0);
}

/** Escalations to a role at units within reach whose urging is still unanswered. */
export async function countEscalatedTo(ex: Executor, role: string, reach: PathReach): Promise<number> {
  const [found] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(urgingEscalations)
    .innerJoin(urgings, eq(urgings.id, urgingEscalations.urgingId))
    .where(
      and(
        eq(urgingEscalations.toRole, role),
        sql`${urgings.state} <> 'answered'`,
        pathIn(urgingEscalations.toUnitPath, reach),
      ),
    );
  return Number(found?.n ?? 0);
}
