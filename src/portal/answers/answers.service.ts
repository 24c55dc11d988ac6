import { and, count, eq, isNull } from 'drizzle-orm';
import { kbAnswerHelped } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import type { Executor } from '../../shared/db/database.ts';
import { AppError } from '../../shared/http/errors.ts';
import { planSearch, SHORTLIST_BUDGET } from '../../shared/search/shortlist.ts';
import { searchLexemes } from '../../shared/search/zh-query.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import * as repo from './answers.repository.ts';
import { answerHelpedMarks, publishedAnswers as t } from './answers.tables.ts';

// Instant answers and public Q&A in the portal: the published answers that best match a question, the count of
// "this answered my question" (one row per mark, the total crossing to the workbench), and the Q&A pages.

export const MAX_SUGGESTIONS = 5;
export const QA_PAGE_SIZE = 10;

/**
 * The live answers that best match the question, best first; none for an empty question. As the workbench's
 * knowledge base does (src/shared/search/shortlist.ts), each lexeme weighs its rarity among the live answers and
 * the candidates come from bounded shortlists, the rarest lexemes' first, so a keystroke never ranks more than
 * `budget` answers per shortlist however many say 办理.
 */
export async function suggestAnswers(
  db: Executor,
  question: string,
  limit = MAX_SUGGESTIONS,
  budget = SHORTLIST_BUDGET,
): Promise<repo.AnswerLine[]> {
  const lexemes = searchLexemes(question);
  if (lexemes.length === 0) return [];
  const docs = await repo.termDocs(db, lexemes);
  const plan = planSearch(lexemes, docs, docs.get('') ?? 0, budget);
  if (!plan) return [];
  // The first shortlists, then the others in order until the list is full, in one round trip.
  return repo.searchShortlists(db, {
    shortlists: plan.shortlists,
    always: plan.always,
    terms: plan.terms,
    candidates: budget,
    limit,
  });
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

export async function qaPage(db: Executor, page: number) {
  const total = await repo.countLiveQa(db);
  const rows = await repo.liveQaPage(db, QA_PAGE_SIZE, (page - 1) * QA_PAGE_SIZE);
  return { rows, total };
}

export async function qaEntry(db: Executor, id: string): Promise<repo.QaLine> {
  const row = await repo.liveQa(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}
