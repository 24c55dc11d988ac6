import { and, desc, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { letters } from '../db/schema.ts';
import type { Reach } from '../staff/staff.policy.ts';
import { qaPublications, type QaPublicationRow } from './qa.tables.ts';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function inReach(reach: Reach, column: typeof letters.unitPath | typeof qaPublications.unitPath) {
  if (reach.all) return undefined;
  const parts: SQL[] = [];
  if (reach.exact.length) parts.push(inArray(column, reach.exact));
  for (const path of reach.subtrees)
    parts.push(sql`(${column} = ${path} OR ${column} LIKE ${`${escapeLike(path)}/%`})`);
  return parts.length ? or(...parts) : sql`false`;
}

/**
 * Answered letters whose writer allowed publication, never tips, not yet drafted (or whose draft a reviewer
 * returned): newest first.
 */
export async function candidates(q: Executor, reach: Reach, limit = 50) {
  return q
    .select({
      letterNumber: letters.letterNumber,
      subject: letters.subject,
      topic: letters.topic,
      updatedAt: letters.updatedAt,
      returned: qaPublications.reviewComment,
    })
    .from(letters)
    .leftJoin(qaPublications, eq(qaPublications.letterNumber, letters.letterNumber))
    .where(
      and(
        inReach(reach, letters.unitPath),
        eq(letters.state, 'replied'),
        eq(letters.publishAllowed, true),
        ne(letters.kind, 'tip'),
        or(isNull(qaPublications.id), eq(qaPublications.state, 'draft')),
      ),
    )
    .orderBy(desc(letters.updatedAt))
    .limit(limit);
}

/** Drafts waiting for a second spokesperson, oldest first. */
export async function inReviewIn(q: Executor, reach: Reach, limit = 50): Promise<QaPublicationRow[]> {
  return q
    .select()
    .from(qaPublications)
    .where(and(inReach(reach, qaPublications.unitPath), eq(qaPublications.state, 'in-review')))
    .orderBy(qaPublications.updatedAt)
    .limit(limit);
}

export async function publishedIn(q: Executor, reach: Reach, limit = 50): Promise<QaPublicationRow[]> {
  return q
    .select()
    .from(qaPublications)
    .where(
      and(inReach(reach, qaPublications.unitPath), inArray(qaPublications.state, ['published', 'withdrawn'])),
    )
    .orderBy(desc(qaPublications.publishedAt))
    .limit(limit);
}

export async function findPublication(q: Executor, id: string): Promise<QaPublicationRow | undefined> {
  const [row] = await q.select().from(qaPublications).where(eq(qaPublications.id, id));
  return row;
}

export async function publicationOfLetter(q: Executor, letterNumber: string) {
  const [row] = await q.select().from(qaPublications).where(eq(qaPublications.letterNumber, letterNumber));
  return row;
}

/** Stores the draft once per letter: undefined when a racing request drafted it first. */
export async function insertPublication(tx: Tx, values: typeof qaPublications.$inferInsert) {
  const [row] = await tx.insert(qaPublications).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updatePublication(
  tx: Tx,
  id: string,
  values: Partial<typeof qaPublications.$inferInsert>,
): Promise<void> {
  await tx.update(qaPublications).set(values).where(eq(qaPublications.id, id));
}
