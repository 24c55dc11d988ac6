import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { rows, type Executor, type Tx } from '../../shared/db/database.ts';
import type { Reach } from '../staff/staff.policy.ts';
import {
  questionnaireResponses as responses,
  questionnaires,
  questionnaireVersions,
  type QuestionnaireResponseRow,
  type QuestionnaireRow,
} from './questionnaires.tables.ts';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function inReach(reach: Reach): SQL | undefined {
  if (reach.all) return undefined;
  const column = questionnaires.unitPath;
  const parts: SQL[] = [];
  if (reach.exact.length) parts.push(inArray(column, reach.exact));
  for (const path of reach.subtrees)
    parts.push(sql`(${column} = ${path} OR ${column} LIKE ${`${escapeLike(path)}/%`})`);
  return parts.length ? or(...parts) : sql`false`;
}

/** The questionnaires of the units an officer reaches, newest change first, with their response counts. */
export async function listIn(q: Executor, reach: Reach, limit = 100) {
  return q
    .select({
      row: questionnaires,
      responses: sql<number>`(SELECT count(*)::int FROM questionnaire_responses r WHERE r.questionnaire_id = ${questionnaires.id})`,
    })
    .from(questionnaires)
    .where(inReach(reach))
    .orderBy(desc(questionnaires.updatedAt))
    .limit(limit);
}

export async function findQuestionnaire(q: Executor, id: string): Promise<QuestionnaireRow | undefined> {
  const [row] = await q.select().from(questionnaires).where(eq(questionnaires.id, id));
  return row;
}

export async function insertQuestionnaire(tx: Tx, values: typeof questionnaires.$inferInsert) {
  const [row] = await tx.insert(questionnaires).values(values).returning();
  return row!;
}

export async function updateQuestionnaire(
  tx: Tx,
  id: string,
  values: Partial<typeof questionnaires.$inferInsert>,
): Promise<void> {
  await tx.update(questionnaires).set(values).where(eq(questionnaires.id, id));
}

/** The row locked for a change, so two saves of one questionnaire cannot both take the next version. */
export async function lockQuestionnaire(tx: Tx, id: string): Promise<QuestionnaireRow | undefined> {
  const [row] = await tx.select().from(questionnaires).where(eq(questionnaires.id, id)).for('update');
  return row;
}

export async function insertVersion(tx: Tx, values: typeof questionnaireVersions.$inferInsert) {
  await tx.insert(questionnaireVersions).values(values);
}

export async function versionsOf(q: Executor, id: string) {
  return q
    .select()
    .from(questionnaireVersions)
    .where(eq(questionnaireVersions.questionnaireId, id))
    .orderBy(desc(questionnaireVersions.version));
}

/** Stores a response once (a redelivery changes nothing). */
export async function insertResponse(tx: Tx, values: typeof responses.$inferInsert): Promise<void> {
  await tx.insert(responses).values(values).onConflictDoNothing();
}

export async function responsesOf(
  q: Executor,
  id: string,
  version: number,
): Promise<QuestionnaireResponseRow[]> {
  return q
    .select()
    .from(responses)
    .where(and(eq(responses.questionnaireId, id), eq(responses.version, version)))
    .orderBy(responses.submittedAt);
}

/** Responses to one version per Beijing day, for the count over time. */
export async function responsesPerDay(
  q: Executor,
  id: string,
  version: number,
): Promise<{ day: string; count: number }[]> {
  const result = await q.execute(sql`
    SELECT to_char(submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, count(*)::int AS count
    FROM questionnaire_responses WHERE questionnaire_id = ${id} AND version = ${version}
    GROUP BY 1 ORDER BY 1`);
  return rows<{ day: string; count: number }>(result);
}
