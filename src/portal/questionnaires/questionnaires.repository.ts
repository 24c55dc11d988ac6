import { and, asc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { rows, type Executor, type Tx } from '../../shared/db/database.ts';
import {
  questionnaireAnswers,
  publicQuestionnaires as t,
  type PublicQuestionnaireRow,
} from './questionnaires.tables.ts';

/** Questionnaires open today (Beijing date): published, not closed, within their period; ending soonest first. */
export async function openOn(q: Executor, today: string): Promise<PublicQuestionnaireRow[]> {
  return q
    .select()
    .from(t)
    .where(and(sql`${t.version} > 0`, isNull(t.closedAt), lte(t.opensOn, today), gte(t.closesOn, today)))
    .orderBy(asc(t.closesOn))
    .limit(50);
}

export async function findQuestionnaire(
  q: Executor,
  id: string,
): Promise<PublicQuestionnaireRow | undefined> {
  const [row] = await q.select().from(t).where(eq(t.id, id));
  return row;
}

/** Whether this person (signed in) or this browser (guard token) has answered the questionnaire. */
export async function hasAnswered(
  q: Executor,
  id: string,
  who: { citizenId: string } | { guard: string },
): Promise<boolean> {
  const match =
    'citizenId' in who
      ? eq(questionnaireAnswers.citizenId, who.citizenId)
      : eq(questionnaireAnswers.guard, who.guard);
  const [row] = await q
    .select({ id: questionnaireAnswers.id })
    .from(questionnaireAnswers)
    .where(and(eq(questionnaireAnswers.questionnaireId, id), match))
    .limit(1);
  return row !== undefined;
}

/** Stores a response; undefined when this person or browser answered first (the unique indexes decide). */
export async function insertAnswer(tx: Tx, values: typeof questionnaireAnswers.$inferInsert) {
  const [row] = await tx.insert(questionnaireAnswers).values(values).onConflictDoNothing().returning();
  return row;
}

/** Whether the citizen acts for an active company now (legal representative or accepted agent). */
export async function actsForCompany(q: Executor, citizenId: string): Promise<boolean> {
  const result = await q.execute(sql`
    SELECT 1 FROM company_agents a JOIN companies c ON c.id = a.company_id
    WHERE a.citizen_id = ${citizenId} AND a.active AND c.status = 'active' LIMIT 1`);
  return rows(result).length > 0;
}

/** Whether the citizen has a case that was finished (办结). */
export async function hasFinishedCase(q: Executor, citizenId: string): Promise<boolean> {
  const result = await q.execute(sql`
    SELECT 1 FROM applications WHERE citizen_id = ${citizenId} AND status = 'completed' LIMIT 1`);
  return rows(result).length > 0;
}
