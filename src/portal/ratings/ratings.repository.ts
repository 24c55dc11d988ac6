import { and, eq, sql } from 'drizzle-orm';
import { rows, type Executor, type Tx } from '../../shared/db/database.ts';
import type { RatingSubjectKind } from '../../exchange/contracts/index.ts';
import { ratings, type RatingRow } from './ratings.tables.ts';

/** The statuses after which a case may be rated: it was finished, refused or not accepted. */
export const RATEABLE_CASE_STATUSES = ['completed', 'refused', 'not-accepted'] as const;

/** A case or letter as rating sees it: whose it is, and when it was finished (null while it is not). */
export interface Subject {
  citizenId: string | null;
  finishedAt: Date | null;
}

const caseStatuses = sql.join(
  RATEABLE_CASE_STATUSES.map((s) => sql`${s}`),
  sql`, `,
);

export async function findSubject(
  q: Executor,
  kind: RatingSubjectKind,
  number: string,
): Promise<Subject | undefined> {
  const result =
    kind === 'case'
      ? await q.execute(sql`
          SELECT a.citizen_id, CASE WHEN a.status IN (${caseStatuses}) THEN (
            SELECT max(e.at) FROM case_events e WHERE e.case_number = a.case_number AND e.status = a.status
          ) END AS finished_at
          FROM applications a WHERE a.case_number = ${number}`)
      : await q.execute(sql`
          SELECT l.citizen_id, CASE WHEN l.status = 'replied' THEN (
            SELECT max(e.at) FROM letter_events e WHERE e.letter_id = l.id AND e.step = 'replied'
          ) END AS finished_at
          FROM letters l WHERE l.letter_number = ${number}`);
  const [row] = rows<{ citizen_id: string | null; finished_at: string | Date | null }>(result);
  if (!row) return undefined;
  return { citizenId: row.citizen_id, finishedAt: row.finished_at ? new Date(row.finished_at) : null };
}

export async function findRating(
  q: Executor,
  kind: RatingSubjectKind,
  number: string,
): Promise<RatingRow | undefined> {
  const [row] = await q
    .select()
    .from(ratings)
    .where(and(eq(ratings.subjectKind, kind), eq(ratings.subjectNumber, number)));
  return row;
}

export async function findRatingById(q: Executor, id: string): Promise<RatingRow | undefined> {
  const [row] = await q.select().from(ratings).where(eq(ratings.id, id));
  return row;
}

/** Stores the rating once: false when the case or letter already has one (a second tab, a race). */
export async function insertRating(tx: Tx, values: typeof ratings.$inferInsert): Promise<boolean> {
  const stored = await tx.insert(ratings).values(values).onConflictDoNothing().returning({ id: ratings.id });
  return stored.length === 1;
}

export async function updateRating(
  tx: Tx,
  id: string,
  values: Partial<typeof ratings.$inferInsert>,
): Promise<void> {
  await tx.update(ratings).set(values).where(eq(ratings.id, id));
}

/** Finished cases and answered letters of signed-in people, unrated and finished before the cutoff. */
export async function unratedBefore(
  q: Executor,
  cutoff: Date,
  limit: number,
): Promise<{ kind: RatingSubjectKind; number: string; citizenId: string }[]> {
  const at = cutoff.toISOString();
  const result = await q.execute(sql`
    SELECT 'case' AS kind, a.case_number AS number, a.citizen_id
    FROM applications a
    WHERE a.status IN (${caseStatuses}) AND a.case_number IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.subject_kind = 'case' AND r.subject_number = a.case_number)
      AND (SELECT max(e.at) FROM case_events e WHERE e.case_number = a.case_number AND e.status = a.status)
          <= ${at}::timestamptz
    UNION ALL
    SELECT 'letter', l.letter_number, l.citizen_id
    FROM letters l
    WHERE l.status = 'replied' AND l.citizen_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.subject_kind = 'letter' AND r.subject_number = l.letter_number)
      AND (SELECT max(e.at) FROM letter_events e WHERE e.letter_id = l.id AND e.step = 'replied')
          <= ${at}::timestamptz
    LIMIT ${limit}`);
  return rows<{ kind: RatingSubjectKind; number: string; citizen_id: string }>(result).map((r) => ({
    kind: r.kind,
    number: r.number,
    citizenId: r.citizen_id,
  }));
}
