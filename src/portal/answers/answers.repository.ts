import { and, desc, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../shared/db/database.ts';
import { ANSWER_WEIGHT, type WeightedTerm } from '../../shared/search/shortlist.ts';
import { publishedAnswers as t, publishedAnswerTerms } from './answers.tables.ts';

// The instant answers' SQL: the kept lexeme counts, and one bounded shortlist ranked by the question's weight.

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
 * The best `limit` live answers among at most `candidates` matching the shortlist tsquery, ranked by the share of
 * the question's weight they hold: each lexeme weighs its idf, whole in the question or keywords, ANSWER_WEIGHT
 * of it in the answer only; the newer publication first among equals.
 */
export async function searchShortlist(
  q: Executor,
  options: { shortlist: string; terms: readonly WeightedTerm[]; candidates: number; limit: number },
): Promise<AnswerLine[]> {
  const whole = options.terms.reduce((sum, term) => sum + term.idf, 0);
  // Weights are numbers computed here, written as float8 literals so each CASE is plain float arithmetic.
  const weight = (n: number) => sql.raw(`${Number.isFinite(n) ? n.toFixed(6) : '0'}::float8`);
  // The candidates carry their vector detoasted once (`|| ''` makes a fresh copy, and the LIMIT keeps the
  // subquery from being folded into the outer query), as the workbench's search does.
  const c = q
    .select({
      entryId: t.entryId,
      version: t.version,
      question: t.question,
      answer: t.answer,
      publishedAt: t.publishedAt,
      vector: sql<string>`${t.searchVector} || ''::tsvector`.as('vector'),
    })
    .from(t)
    .where(and(isNull(t.withdrawnAt), sql`${t.searchVector} @@ CAST(${options.shortlist} AS tsquery)`))
    .limit(options.candidates)
    .as('candidates');
  const held = options.terms.map(
    (term) =>
      sql`CASE WHEN ${c.vector} @@ CAST(${`'${term.term}':A`} AS tsquery) THEN ${weight(term.idf / whole)}
        WHEN ${c.vector} @@ CAST(${`'${term.term}'`} AS tsquery) THEN ${weight((term.idf * ANSWER_WEIGHT) / whole)}
        ELSE 0::float8 END`,
  );
  const rank = sql<number>`(${sql.join(held, sql` + `)})`;
  const found = await q
    .select({
      entryId: c.entryId,
      version: c.version,
      question: c.question,
      answer: c.answer,
      publishedAt: c.publishedAt,
      rank,
    })
    .from(c)
    .orderBy(desc(rank), sql`${c.publishedAt} DESC NULLS LAST`, c.entryId)
    .limit(options.limit);
  return found.map((line) => ({ ...line, rank: Number(line.rank) }));
}
