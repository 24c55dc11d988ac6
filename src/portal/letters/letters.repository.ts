import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../shared/db/database.ts';
import type { OpeningMessage } from '../../exchange/facade.ts';
import type { LetterKind, PublicLetterStatus } from '../../exchange/contracts/index.ts';
import {
  letterEvents,
  letterPhotos,
  letters,
  type LetterEventRow,
  type LetterRow,
} from './letters.tables.ts';

type Q = Db | Tx;

/**
 * A new letter, its first step and the message that opens its stream, in one statement: atomic on its own,
 * so a letter without photos needs no transaction (BEGIN, COMMIT and two inserts fewer per letter). The id
 * is the caller's, so the step can name it without reading it back.
 */
export async function insertLetter(
  q: Q,
  values: typeof letters.$inferInsert & { id: string },
  firstStep: Omit<typeof letterEvents.$inferInsert, 'letterId'>,
  opening: OpeningMessage,
): Promise<LetterRow> {
  const letter = q.$with('letter').as(q.insert(letters).values(values).returning());
  const step = q.$with('step').as(
    q
      .insert(letterEvents)
      .values({ ...firstStep, letterId: values.id })
      .returning({ id: letterEvents.id }),
  );
  const message = q.$with('message').as(opening);
  const [row] = await q.with(letter, step, message).select().from(letter);
  if (!row) throw new Error('the letter was not stored');
  return row;
}

export async function findByNumber(q: Q, letterNumber: string): Promise<LetterRow | undefined> {
  const [row] = await q.select().from(letters).where(eq(letters.letterNumber, letterNumber));
  return row;
}

export async function findByFollowCodeHash(q: Q, hash: string): Promise<LetterRow | undefined> {
  const [row] = await q.select().from(letters).where(eq(letters.followCodeHash, hash));
  return row;
}

export function lettersOf(q: Q, citizenId: string): Promise<LetterRow[]> {
  return q
    .select()
    .from(letters)
    .where(eq(letters.citizenId, citizenId))
    .orderBy(desc(letters.submittedAt))
    .limit(200);
}

export function eventsOf(q: Q, letterId: string): Promise<LetterEventRow[]> {
  return q
    .select()
    .from(letterEvents)
    .where(eq(letterEvents.letterId, letterId))
    .orderBy(asc(letterEvents.at), asc(letterEvents.id));
}

/** Keeps a step once: false when this seq of the letter is already stored (a redelivery). */
export async function insertEvent(tx: Tx, values: typeof letterEvents.$inferInsert): Promise<boolean> {
  const stored = await tx
    .insert(letterEvents)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: letterEvents.id });
  return stored.length === 1;
}

/** Moves the letter's status only forward in seq, whatever order the steps arrived in. */
export async function advanceStatus(
  tx: Tx,
  letterId: string,
  step: {
    seq: number;
    status: PublicLetterStatus;
    dueOn: string | null;
    unitName: string;
    unitCode: string | null;
    now: Date;
  },
): Promise<void> {
  await tx
    .update(letters)
    .set({
      status: step.status,
      lastSeq: step.seq,
      dueOn: step.dueOn,
      unitName: step.unitName,
      unitCode: step.unitCode,
      updatedAt: step.now,
    })
    .where(and(eq(letters.id, letterId), sql`${letters.lastSeq} < ${step.seq}`));
}

export async function insertPhotos(tx: Tx, values: (typeof letterPhotos.$inferInsert)[]): Promise<void> {
  if (values.length) await tx.insert(letterPhotos).values(values);
}

export async function photoNamesOf(q: Q, letterId: string): Promise<string[]> {
  const rows = await q
    .select({ name: letterPhotos.name })
    .from(letterPhotos)
    .where(eq(letterPhotos.letterId, letterId))
    .orderBy(asc(letterPhotos.position));
  return rows.map((r) => r.name);
}

/** An officer's reclassification: kept unless a later step already changed the kind. */
export async function changeKind(tx: Tx, letterId: string, kind: LetterKind, seq: number): Promise<void> {
  await tx
    .update(letters)
    .set({ kind, kindSeq: seq })
    .where(and(eq(letters.id, letterId), sql`${letters.kindSeq} < ${seq}`));
}
