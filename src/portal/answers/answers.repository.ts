import { and, count, desc, eq, getTableColumns, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { rows, type Executor } from '../../shared/db/database.ts';
import { ANSWER_WEIGHT, type WeightedTerm } from '../../shared/search/shortlist.ts';
import { directoryUnits } from '../directory/directory.tables.ts';
import { publicQa, publishedAnswers as t, publishedAnswerTerms, type PublicQaRow } from './answers.tables.ts';

// The instant answers' SQL: the kept lexeme counts, and one bounded shortlist ranked by the question's weight;
// and the public Q&A's pages.

/** A published question and answer, with the directory's English name of the unit that answered, if it has one. */
export type QaLine = PublicQaRow & { unitNameEn: string | null };

const live = and(isNull(publicQa.withdrawnAt), isNotNull(publicQa.publishedAt));

// The English name is read beside the row (the directory keeps a withdrawn unit's row too: an old answer still
// names it), so the pages cost no statement more than without it.
const qaLines = (q: Executor) =>
  q
    .select({ ...getTableColumns(publicQa), unitNameEn: directoryUnits.nameEn })
    .from(publicQa)
    .leftJoin(directoryUnits, eq(directoryUnits.code, publicQa.unitCode));

export async function countLiveQa(q: Executor): Promise<number> {
  const [total] = await q.select({ n: count() }).from(publicQa).where(live);
  return total?.n ?? 0;
}

/** One page of the live questions and answers, newest first. */
export async function liveQaPage(q: Executor, limit: number, offset: number): Promise<QaLine[]> {
  return qaLines(q).where(live).orderBy(desc(publicQa.publishedAt), publicQa.id).limit(limit).offset(offset);
}

export async function liveQa(q: Executor, id: string): Promise<QaLine | undefined> {
  const [row] = await qaLines(q).where(and(eq(publicQa.id, id), live));
  return row;
}

export interface AnswerLine {
  entryId: string;
  version: number;
  question: string;
  answer: string;
  publishedAt: Date | null;
  rank: number;
}

/** How many live answers hold each of the lexemes; the empty lexeme is the number live. */
export async function termDocs(q: Executor, lexemes: readonly string[]): Promise<Map<string, number>> {
  const found = await q
    .select()
    .from(publishedAnswerTerms)
    .where(inArray(publishedAnswerTerms.term, ['', ...lexemes]));
  return new Map(found.map((r) => [r.term, r.docs]));
}

/**
 * The best `limit` live answers, in one statement: each shortlist (a tsquery) gives at most `candidates` answers
 * matching it, ranked by the share of the question's weight they hold (each lexeme weighs its idf, whole in the
 * question or keywords, ANSWER_WEIGHT of it in the answer only; the newer publication first among equals), and
 * its best `limit`; a shortlist from the `always`-th on is read only while the ones before found fewer than
 * `limit` answers. The best `limit` of them all, an answer found twice once.
 */
export async function searchShortlists(
  q: Executor,
  options: {
    shortlists: readonly string[];
    always: number;
    terms: readonly WeightedTerm[];
    candidates: number;
    limit: number;
  },
): Promise<AnswerLine[]> {
  if (options.shortlists.length === 0) return [];
  const whole = options.terms.reduce((sum, term) => sum + term.idf, 0);
  // Weights are numbers computed here, written as float8 literals so each CASE is plain float arithmetic.
  const weight = (n: number) => sql.raw(`${Number.isFinite(n) ? n.toFixed(6) : '0'}::float8`);
  const held = options.terms.map(
    (term) =>
      sql`CASE WHEN vector @@ CAST(${`'${term.term}':A`} AS tsquery) THEN ${weight(term.idf / whole)}
        WHEN vector @@ CAST(${`'${term.term}'`} AS tsquery) THEN ${weight((term.idf * ANSWER_WEIGHT) / whole)}
        ELSE 0::float8 END`,
  );
  const rank = sql`(${sql.join(held, sql` + `)})`;
  const found = (n: number) => sql.raw(`s${n}`);
  const steps = options.shortlists.map((shortlist, n) => {
    // A later shortlist is read only while those before found fewer than `limit`: the condition does not depend
    // on the row, so PostgreSQL tests it once and skips the scan when it fails.
    const before = Array.from({ length: n }, (_, k) => sql`SELECT entry_id FROM ${found(k)}`);
    const gate =
      n < options.always
        ? sql`true`
        : sql`(SELECT count(*) FROM (${sql.join(before, sql` UNION `)}) f) < ${options.limit}`;
    // The vector is read where it lies (migration answers_search_inline keeps it in the row), as the workbench's
    // search does; the LIMIT keeps the candidates from being folded into the ranking query.
    return sql`${found(n)} AS MATERIALIZED (
      SELECT entry_id, version, question, answer, published_at, ${rank} AS rank
      FROM (
        SELECT ${t.entryId} AS entry_id, ${t.version} AS version, ${t.question} AS question, ${t.answer} AS answer,
          ${t.publishedAt} AS published_at, ${t.searchVector} AS vector
        FROM ${t}
        WHERE ${gate} AND ${t.withdrawnAt} IS NULL AND ${t.searchVector} @@ CAST(${shortlist} AS tsquery)
        LIMIT ${options.candidates}
      ) c
      ORDER BY rank DESC, published_at DESC NULLS LAST, entry_id
      LIMIT ${options.limit}
    )`;
  });
  const all = options.shortlists.map((_, n) => sql`SELECT * FROM ${found(n)}`);
  const result = await q.execute(sql`
    WITH ${sql.join(steps, sql`, `)}
    SELECT * FROM (${sql.join(all, sql` UNION `)}) u
    ORDER BY rank DESC, published_at DESC NULLS LAST, entry_id
    LIMIT ${options.limit}`);
  return rows<{
    entry_id: string;
    version: number;
    question: string;
    answer: string;
    published_at: Date | string | null;
    rank: number;
  }>(result).map((r) => ({
    entryId: r.entry_id,
    version: Number(r.version),
    question: r.question,
    answer: r.answer,
    publishedAt: r.published_at === null ? null : new Date(r.published_at),
    rank: Number(r.rank),
  }));
}
