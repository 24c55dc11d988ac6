import { and, count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { kbAnswerHelped } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import type { Executor } from '../../shared/db/database.ts';
import { AppError } from '../../shared/http/errors.ts';
import { anyOfQuery } from '../../shared/search/zh-query.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { answerHelpedMarks, publicQa, publishedAnswers as t, type PublicQaRow } from './answers.tables.ts';

// Instant answers and public Q&A in the portal: the published answers that best match a question, the count of
// "this answered my question" (one row per mark, the total crossing to the workbench), and the Q&A pages.

export const MAX_SUGGESTIONS = 5;
export const QA_PAGE_SIZE = 10;

/** The live answers sharing the most pairs with the question, best first; none for an empty question. */
export async function suggestAnswers(db: Executor, question: string, limit = MAX_SUGGESTIONS) {
  const query = anyOfQuery(question);
  if (!query) return [];
  const q = sql`CAST(${query} AS tsquery)`;
  return db
    .select({ entryId: t.entryId, version: t.version, question: t.question, answer: t.answer })
    .from(t)
    .where(and(isNull(t.withdrawnAt), sql`${t.searchVector} @@ ${q}`))
    .orderBy(sql`ts_rank(${t.searchVector}, ${q}) DESC`, desc(t.publishedAt))
    .limit(limit);
}

/**
 * Counts one "this answered my question" for a live answer (a signed-in citizen once per answer) and sends the
 * new total to the workbench in the same transaction. False when this citizen had already said so.
 */
export async function markHelped(
  services: ZoneServices,
  entryId: string,
  citizenId: string | undefined,
): Promise<boolean> {
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const [answer] = await tx
      .select({ version: t.version })
      .from(t)
      .where(and(eq(t.entryId, entryId), isNull(t.withdrawnAt)));
    if (!answer) throw new AppError('NOT_FOUND');
    const stored = await tx
      .insert(answerHelpedMarks)
      .values({ entryId, version: answer.version, citizenId: citizenId ?? null, at: now })
      .onConflictDoNothing()
      .returning({ id: answerHelpedMarks.id });
    if (stored.length === 0) return false;
    const [total] = await tx
      .select({ n: count() })
      .from(answerHelpedMarks)
      .where(eq(answerHelpedMarks.entryId, entryId));
    await send(
      tx,
      kbAnswerHelped,
      { entryId, count: total?.n ?? 0, countedAt: now.toISOString() },
      { stream: `kb:${entryId}` },
    );
    return true;
  });
}

const live = and(isNull(publicQa.withdrawnAt), isNotNull(publicQa.publishedAt));

export async function qaPage(db: Executor, page: number) {
  const [total] = await db.select({ n: count() }).from(publicQa).where(live);
  const rows = await db
    .select()
    .from(publicQa)
    .where(live)
    .orderBy(desc(publicQa.publishedAt), publicQa.id)
    .limit(QA_PAGE_SIZE)
    .offset((page - 1) * QA_PAGE_SIZE);
  return { rows, total: total?.n ?? 0 };
}

export async function qaEntry(db: Executor, id: string): Promise<PublicQaRow> {
  const [row] = await db
    .select()
    .from(publicQa)
    .where(and(eq(publicQa.id, id), live));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}
