import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { PgInsertValue, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { rows, type Executor, type Tx } from '../../shared/db/database.ts';
import type { Reach } from '../staff/staff.policy.ts';
import { ANSWER_WEIGHT, type WeightedTerm } from '../../shared/search/shortlist.ts';
import { kbEntries, kbTermDocs, kbVersions, type KbEntryRow, type KbVersionRow } from './kb.tables.ts';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Entries an officer reads: within his reach for kb.read, or owned by a unit above one of his units. `column` is
 * the owner's path: the entry's, or its copy on a version (search reads versions alone).
 */
function readable(
  reach: Reach,
  above: readonly string[],
  column: typeof kbEntries.unitPath | typeof kbVersions.unitPath = kbEntries.unitPath,
): SQL | undefined {
  if (reach.all) return undefined;
  const parts: SQL[] = [];
  if (reach.exact.length) parts.push(inArray(column, reach.exact));
  for (const path of reach.subtrees)
    parts.push(sql`(${column} = ${path} OR ${column} LIKE ${`${escapeLike(path)}/%`})`);
  if (above.length) parts.push(inArray(column, [...above]));
  return parts.length ? or(...parts) : sql`false`;
}

/**
 * Rewrites the owner path of the entries owned within a moved unit's subtree (`oldPath` now `newPath`), in the
 * transaction that moves the unit. Entries are shared down the owner's subtree by their stored path: unlike a
 * record of work done, an entry in use belongs to the unit where it now is.
 */
export async function moveEntriesPath(tx: Tx, oldPath: string, newPath: string): Promise<void> {
  await tx
    .update(kbEntries)
    .set({ unitPath: sql`${newPath} || substr(${kbEntries.unitPath}, ${oldPath.length + 1})` })
    .where(
      sql`(${kbEntries.unitPath} = ${oldPath} OR ${kbEntries.unitPath} LIKE ${`${escapeLike(oldPath)}/%`})`,
    );
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

/**
 * Locks an entry before its versions are written. A change to the entry (its helped count, its owner) rewrites its
 * versions' copies through a trigger, entry first: a writer taking the versions first and the entry after could
 * deadlock with it. The lock is also what keeps the copies right: the trigger copies only onto the version in use
 * (migration kb_copies_in_use), so a version coming into use while the entry changes must not miss the change. With
 * the entry locked, the two run one after the other and the later sees the earlier's commit.
 */
export async function lockEntry(tx: Tx, id: string): Promise<void> {
  await tx.execute(sql`SELECT 1 FROM ${kbEntries} WHERE ${kbEntries.id} = ${id} FOR NO KEY UPDATE`);
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
 * The best LIST_LIMIT versions in use the officer reads, in one statement: each shortlist (a tsquery) gives at most
 * `candidates` versions matching it; a shortlist from the `always`-th on is read only while the ones before found
 * fewer than LIST_LIMIT versions. The candidates of them all, a version found twice once, are ranked by the share
 * of the question's weight they hold (each lexeme weighs its idf, whole in the question or keywords, ANSWER_WEIGHT
 * of it in the answer only), and the best LIST_LIMIT returned.
 */
export async function searchShortlists(
  q: Executor,
  options: {
    reach: Reach;
    above: readonly string[];
    shortlists: readonly string[];
    always: number;
    terms: readonly WeightedTerm[];
    candidates: number;
  },
): Promise<KbLine[]> {
  if (options.shortlists.length === 0) return [];
  const whole = options.terms.reduce((sum, t) => sum + t.idf, 0);
  // Weights are numbers computed here, written as float8 literals so each CASE is plain float arithmetic.
  const weight = (n: number) => sql.raw(`${Number.isFinite(n) ? n.toFixed(6) : '0'}::float8`);
  const v = kbVersions;
  const held = options.terms.map(
    (t) =>
      sql`CASE WHEN ${v.searchVector} @@ CAST(${`'${t.term}':A`} AS tsquery) THEN ${weight(t.idf / whole)}
        WHEN ${v.searchVector} @@ CAST(${`'${t.term}'`} AS tsquery) THEN ${weight((t.idf * ANSWER_WEIGHT) / whole)}
        ELSE 0::float8 END`,
  );
  const rank = sql`(${sql.join(held, sql` + `)})`;
  const reach = readable(options.reach, options.above, v.unitPath);
  const found = (n: number) => sql.raw(`c${n}`);
  // Each shortlist's candidates by their place in the table (ctid) and their entry. The ranking is written once,
  // in the outer query, not once per shortlist: planning copied every copy of it many times over, much of what a
  // search with several shortlists and few candidates cost; a thousand candidates cost a second read of each row.
  // Ranking the candidates of all shortlists together gives the same page as keeping each
  // shortlist's best LIST_LIMIT and then the best of those; and fewer than LIST_LIMIT entries among the best of the
  // shortlists before is the same as fewer than LIST_LIMIT among all their candidates (one with LIST_LIMIT or more
  // candidates has LIST_LIMIT best).
  const steps = options.shortlists.map((shortlist, n) => {
    // A later shortlist is read only while those before found fewer than a page: the condition does not depend
    // on the row, so PostgreSQL tests it once and skips the scan when it fails. A page's worth of each is enough
    // to count: one shortlist with that many fills a page alone.
    const before = Array.from(
      { length: n },
      (_, k) => sql`SELECT id FROM (SELECT id FROM ${found(k)} LIMIT ${LIST_LIMIT}) ${sql.raw(`p${k}`)}`,
    );
    const gate =
      n < options.always
        ? sql`true`
        : sql`(SELECT count(*) FROM (${sql.join(before, sql` UNION `)}) f) < ${LIST_LIMIT}`;
    return sql`${found(n)} AS MATERIALIZED (
      SELECT ctid AS at, ${v.entryId} AS id FROM ${v}
      WHERE ${gate} AND ${reach ?? sql`true`} AND ${v.state} = 'in-use'
        AND ${v.searchVector} @@ CAST(${shortlist} AS tsquery)
      LIMIT ${options.candidates}
    )`;
  });
  const all = options.shortlists.map((_, n) => sql`SELECT at FROM ${found(n)}`);
  // The candidates are read again by their ctid (a TID scan, which also drops a version found twice), so the
  // shortlists keep two narrow columns instead of whole rows. The vector is read where it lies: rows stay whole up
  // to a page and the vector is the last value moved out of a larger row (migration kb_search_inline), so ranking
  // tests it without fetching TOAST chunks. The owner and the helped count are the version's copies of its entry's
  // (migration kb_search_own_row): no candidate costs a lookup of its entry.
  const result = await q.execute(sql`
    WITH ${sql.join(steps, sql`, `)}
    SELECT ${v.entryId} AS id, ${v.unitCode} AS unit_code, ${v.version} AS version, ${v.state} AS state,
      ${v.question} AS question, ${v.answer} AS answer, ${v.area} AS area, ${v.public} AS public,
      ${v.helpedCount} AS helped_count, ${rank} AS rank
    FROM ${v}
    WHERE ctid = ANY (ARRAY(${sql.join(all, sql` UNION ALL `)}))
    ORDER BY rank DESC, helped_count DESC, id
    LIMIT ${LIST_LIMIT}`);
  return rows<{
    id: string;
    unit_code: string;
    version: number;
    state: string;
    question: string;
    answer: string;
    area: string;
    public: boolean;
    helped_count: number;
    rank: number;
  }>(result).map((r) => ({
    id: r.id,
    unitCode: r.unit_code,
    version: Number(r.version),
    state: r.state,
    question: r.question,
    answer: r.answer,
    area: r.area,
    public: r.public,
    helpedCount: Number(r.helped_count),
    rank: Number(r.rank),
  }));
}
