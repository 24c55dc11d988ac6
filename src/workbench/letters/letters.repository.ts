import { and, asc, desc, eq, inArray, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../shared/db/database.ts';
import { units } from '../db/schema.ts';
import type { Reach } from '../staff/staff.policy.ts';
import {
  letterActions,
  letterPhotos,
  letters,
  type LetterActionRow,
  type LetterRow,
} from './letters.tables.ts';

type Q = Db | Tx;

export interface UnitLine {
  code: string;
  path: string;
  parentCode: string | null;
  name: string;
}

/** The unit tree, for routing and for matching the unit a writer names (a few hundred rows). */
export function allUnits(q: Q): Promise<UnitLine[]> {
  return q
    .select({ code: units.code, path: units.path, parentCode: units.parentCode, name: units.name })
    .from(units);
}

export async function unitOf(q: Q, code: string): Promise<UnitLine | undefined> {
  const [row] = await q
    .select({ code: units.code, path: units.path, parentCode: units.parentCode, name: units.name })
    .from(units)
    .where(eq(units.code, code));
  return row;
}

export async function findLetter(q: Q, letterNumber: string, options: { lock?: boolean } = {}) {
  const query = q.select().from(letters).where(eq(letters.letterNumber, letterNumber));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function insertLetter(tx: Tx, values: typeof letters.$inferInsert): Promise<boolean> {
  const stored = await tx
    .insert(letters)
    .values(values)
    .onConflictDoNothing()
    .returning({ letterNumber: letters.letterNumber });
  return stored.length === 1;
}

export async function updateLetter(
  tx: Tx,
  letterNumber: string,
  values: Partial<typeof letters.$inferInsert>,
): Promise<void> {
  await tx.update(letters).set(values).where(eq(letters.letterNumber, letterNumber));
}

/** The next step number the writer will be told of. */
export async function nextSeq(tx: Tx, letterNumber: string): Promise<number> {
  const [row] = await tx
    .update(letters)
    .set({ seq: sql`${letters.seq} + 1` })
    .where(eq(letters.letterNumber, letterNumber))
    .returning({ seq: letters.seq });
  if (!row) throw new Error(`no letter ${letterNumber}`);
  return row.seq;
}

/** Claims an unclaimed letter (or one the officer holds already); false when a colleague holds it. */
export async function claim(tx: Tx, letterNumber: string, badgeNo: string, now: Date): Promise<boolean> {
  const claimed = await tx
    .update(letters)
    .set({ claimedBy: badgeNo, updatedAt: now })
    .where(
      and(
        eq(letters.letterNumber, letterNumber),
        or(isNull(letters.claimedBy), eq(letters.claimedBy, badgeNo)),
      ),
    )
    .returning({ letterNumber: letters.letterNumber });
  return claimed.length === 1;
}

export async function recordAction(tx: Tx, values: typeof letterActions.$inferInsert): Promise<void> {
  await tx.insert(letterActions).values(values);
}

export function actionsOf(q: Q, letterNumber: string): Promise<LetterActionRow[]> {
  return q
    .select()
    .from(letterActions)
    .where(eq(letterActions.letterNumber, letterNumber))
    .orderBy(asc(letterActions.id));
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Letters of the units a reach covers; letters no rule could place only for a force-wide reach. */
function inReach(reach: Reach): SQL | undefined {
  if (reach.all) return undefined;
  const parts: SQL[] = [];
  if (reach.exact.length) parts.push(inArray(letters.unitPath, reach.exact));
  for (const path of reach.subtrees)
    parts.push(sql`(${letters.unitPath} = ${path} OR ${letters.unitPath} LIKE ${`${escapeLike(path)}/%`})`);
  return parts.length ? or(...parts) : sql`false`;
}

export type QueueView = 'open' | 'overdue' | 'closed';
const CLOSED = ['replied', 'transferred'];

/** The queue: open letters by due date, soonest first; overdue ones only; or the closed, newest first. */
export function queue(q: Q, reach: Reach, view: QueueView, today: string): Promise<LetterRow[]> {
  const where: (SQL | undefined)[] = [inReach(reach)];
  if (view === 'closed') where.push(inArray(letters.state, CLOSED));
  else where.push(notInArray(letters.state, CLOSED));
  if (view === 'overdue') where.push(sql`${letters.dueOn} < ${today}::date`);
  const order = view === 'closed' ? [desc(letters.updatedAt)] : [sql`${letters.dueOn} ASC NULLS FIRST`];
  return q
    .select()
    .from(letters)
    .where(and(...where))
    .orderBy(...order)
    .limit(200);
}

/** A photo's bytes as they crossed; a redelivery keeps the first copy. */
export async function storePhoto(tx: Tx, values: typeof letterPhotos.$inferInsert): Promise<void> {
  await tx.insert(letterPhotos).values(values).onConflictDoNothing();
}

export async function photoOf(q: Q, attachmentId: string) {
  const [row] = await q.select().from(letterPhotos).where(eq(letterPhotos.attachmentId, attachmentId));
  return row;
}

/** Which of the ids have arrived (their messages follow the letter's and may still be on their way). */
export async function arrivedPhotos(q: Q, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await q
    .select({ id: letterPhotos.attachmentId })
    .from(letterPhotos)
    .where(inArray(letterPhotos.attachmentId, [...ids]));
  return new Set(rows.map((r) => r.id));
}

/** The open letters of a reach: how many, how many nobody has taken yet, and how many are past their date. */
export async function countOpen(
  q: Q,
  reach: Reach,
  today: string,
): Promise<{ open: number; unclaimed: number; overdue: number }> {
  const [row] = await q
    .select({
      open: sql<number>`count(*)::int`,
      unclaimed: sql<number>`(count(*) FILTER (WHERE ${letters.claimedBy} IS NULL))::int`,
      overdue: sql<number>`(count(*) FILTER (WHERE ${letters.dueOn} < ${today}::date))::int`,
    })
    .from(letters)
    .where(and(inReach(reach), notInArray(letters.state, CLOSED)));
  return row ?? { open: 0, unclaimed: 0, overdue: 0 };
}
