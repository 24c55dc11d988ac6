import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { PgInsertValue, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Executor, Tx } from '../../shared/db/database.ts';
import type { Reach } from '../staff/staff.policy.ts';
import { kbEntries, kbVersions, type KbEntryRow, type KbVersionRow } from './kb.tables.ts';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Entries an officer reads: within his reach for kb.read, or owned by a unit above one of his units. */
function readable(reach: Reach, above: readonly string[]): SQL | undefined {
  if (reach.all) return undefined;
  const column = kbEntries.unitPath;
  const parts: SQL[] = [];
  if (reach.exact.length) parts.push(inArray(column, reach.exact));
  for (const path of reach.subtrees)
    parts.push(sql`(${column} = ${path} OR ${column} LIKE ${`${escapeLike(path)}/%`})`);
  if (above.length) parts.push(inArray(column, [...above]));
  return parts.length ? or(...parts) : sql`false`;
}

export async function findEntry(q: Executor, id: string): Promise<KbEntryRow | undefined> {
  const [row] = await q.select().from(kbEntries).where(eq(kbEntries.id, id));
  return row;
}

export async function versionsOf(q: Executor, entryId: string): Promise<KbVersionRow[]> {
  return q.select().from(kbVersions).where(eq(kbVersions.entryId, entryId)).orderBy(desc(kbVersions.version));
}

export async function findVersion(q: Executor, entryId: string, version: number) {
  const [row] = await q
    .select()
    .from(kbVersions)
    .where(and(eq(kbVersions.entryId, entryId), eq(kbVersions.version, version)));
  return row;
}

export async function insertEntry(tx: Tx, values: typeof kbEntries.$inferInsert): Promise<KbEntryRow> {
  const [row] = await tx.insert(kbEntries).values(values).returning();
  return row!;
}

export async function insertVersion(tx: Tx, values: PgInsertValue<typeof kbVersions>): Promise<void> {
  await tx.insert(kbVersions).values(values);
}

export async function updateVersion(
  tx: Tx,
  key: { entryId: string; version: number },
  values: PgUpdateSetSource<typeof kbVersions>,
): Promise<void> {
  await tx
    .update(kbVersions)
    .set(values)
    .where(and(eq(kbVersions.entryId, key.entryId), eq(kbVersions.version, key.version)));
}

export async function updateEntry(tx: Tx, id: string, values: Partial<typeof kbEntries.$inferInsert>) {
  await tx.update(kbEntries).set(values).where(eq(kbEntries.id, id));
}

/** Keeps the higher count: the portal sends totals, which may arrive twice or out of order. */
export async function raiseHelped(tx: Tx, id: string, count: number): Promise<void> {
  await tx
    .update(kbEntries)
    .set({ helpedCount: sql`greatest(${kbEntries.helpedCount}, ${count})` })
    .where(eq(kbEntries.id, id));
}

export interface KbLine {
  id: string;
  unitCode: string;
  version: number;
  state: string;
  question: string;
  answer: string;
  area: string;
  public: boolean;
  helpedCount: number;
  rank: number;
}

const LIST_LIMIT = 50;

/**
 * Entries the officer reads, each by its latest version, newest first; or, with a query, versions in use
 * ranked by how many of the question's pairs they share (question and keywords weigh more than the answer).
 */
export async function listEntries(
  q: Executor,
  options: { reach: Reach; above: readonly string[]; query?: string | undefined; state?: string | undefined },
): Promise<KbLine[]> {
  const where = readable(options.reach, options.above);
  const fields = {
    id: kbEntries.id,
    unitCode: kbEntries.unitCode,
    version: kbVersions.version,
    state: kbVersions.state,
    question: kbVersions.question,
    answer: kbVersions.answer,
    area: kbVersions.area,
    public: kbVersions.public,
    helpedCount: kbEntries.helpedCount,
  };
  if (options.query) {
    const tsq = sql`CAST(${options.query} AS tsquery)`;
    const rank = sql<number>`ts_rank(${kbVersions.searchVector}, ${tsq})`;
    return q
      .select({ ...fields, rank })
      .from(kbVersions)
      .innerJoin(kbEntries, eq(kbEntries.id, kbVersions.entryId))
      .where(and(where, eq(kbVersions.state, 'in-use'), sql`${kbVersions.searchVector} @@ ${tsq}`))
      .orderBy(desc(rank), desc(kbEntries.helpedCount), kbEntries.id)
      .limit(LIST_LIMIT);
  }
  return q
    .select({ ...fields, rank: sql<number>`0` })
    .from(kbEntries)
    .innerJoin(
      kbVersions,
      and(eq(kbVersions.entryId, kbEntries.id), eq(kbVersions.version, kbEntries.latestVersion)),
    )
    .where(
      and(where, options.state ? eq(kbVersions.state, options.state as KbVersionRow['state']) : undefined),
    )
    .orderBy(desc(kbEntries.updatedAt), kbEntries.id)
    .limit(LIST_LIMIT);
}
