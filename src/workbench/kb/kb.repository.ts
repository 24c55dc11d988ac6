import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { PgInsertValue, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Executor, Tx } from '../../shared/db/database.ts';
import type { Reach } from '../staff/staff.policy.ts';
import { ANSWER_WEIGHT, type WeightedTerm } from '../../shared/search/shortlist.ts';
import { kbEntries, kbTermDocs, kbVersions, type KbEntryRow, type KbVersionRow } from './kb.tables.ts';

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

export const LIST_LIMIT = 50;

const lineFields = {
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

/** Entries the officer reads, each by its latest version, newest first. */
export async function listEntries(
  q: Executor,
  options: { reach: Reach; above: readonly string[]; state?: string | undefined },
): Promise<KbLine[]> {
  return q
    .select({ ...lineFields, rank: sql<number>`0` })
    .from(kbEntries)
    .innerJoin(
      kbVersions,
      and(eq(kbVersions.entryId, kbEntries.id), eq(kbVersions.version, kbEntries.latestVersion)),
    )
    .where(
      and(
        readable(options.reach, options.above),
        options.state ? eq(kbVersions.state, options.state as KbVersionRow['state']) : undefined,
      ),
    )
    .orderBy(desc(kbEntries.updatedAt), kbEntries.id)
    .limit(LIST_LIMIT);
}

/** How many versions in use hold each of the lexemes; the empty lexeme is the number in use. */
export async function termDocs(q: Executor, lexemes: readonly string[]): Promise<Map<string, number>> {
  const found = await q
    .select()
    .from(kbTermDocs)
    .where(inArray(kbTermDocs.term, ['', ...lexemes]));
  return new Map(found.map((r) => [r.term, r.docs]));
}

/**
 * The best LIST_LIMIT versions in use the officer reads among at most `candidates` matching the shortlist
 * tsquery, ranked by the share of the question's weight they hold: each lexeme weighs its idf, whole in the
 * question or keywords, ANSWER_WEIGHT of it in the answer only.
 */
export async function searchShortlist(
  q: Executor,
  options: {
    reach: Reach;
    above: readonly string[];
    shortlist: string;
    terms: readonly WeightedTerm[];
    candidates: number;
  },
): Promise<KbLine[]> {
  const whole = options.terms.reduce((sum, t) => sum + t.idf, 0);
  // Weights are numbers computed here, written as float8 literals so each CASE is plain float arithmetic.
  const weight = (n: number) => sql.raw(`${Number.isFinite(n) ? n.toFixed(6) : '0'}::float8`);
  // The candidates carry their vector detoasted once (`|| ''` makes a fresh copy, and the LIMIT keeps the
  // subquery from being folded into the outer query): ranking tests it twice per lexeme, and reading a toasted
  // vector from its chunks each time cost most of the search.
  const candidates = q
    .select({
      ...lineFields,
      vector: sql<string>`${kbVersions.searchVector} || ''::tsvector`.as('vector'),
    })
    .from(kbVersions)
    .innerJoin(kbEntries, eq(kbEntries.id, kbVersions.entryId))
    .where(
      and(
        readable(options.reach, options.above),
        eq(kbVersions.state, 'in-use'),
        sql`${kbVersions.searchVector} @@ CAST(${options.shortlist} AS tsquery)`,
      ),
    )
    .limit(options.candidates)
    .as('candidates');
  const held = options.terms.map(
    (t) =>
      sql`CASE WHEN ${candidates.vector} @@ CAST(${`'${t.term}':A`} AS tsquery) THEN ${weight(t.idf / whole)}
        WHEN ${candidates.vector} @@ CAST(${`'${t.term}'`} AS tsquery) THEN ${weight((t.idf * ANSWER_WEIGHT) / whole)}
        ELSE 0::float8 END`,
  );
  const rank = sql<number>`(${sql.join(held, sql` + `)})`;
  const c = candidates;
  const found = await q
    .select({
      id: c.id,
      unitCode: c.unitCode,
      version: c.version,
      state: c.state,
      question: c.question,
      answer: c.answer,
      area: c.area,
      public: c.public,
      helpedCount: c.helpedCount,
      rank,
    })
    .from(candidates)
    .orderBy(desc(rank), desc(candidates.helpedCount), candidates.id)
    .limit(LIST_LIMIT);
  return found.map((line) => ({ ...line, rank: Number(line.rank) }));
}
