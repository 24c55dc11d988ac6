import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../shared/db/database.ts';
import { openingSlots, type OpeningMessage, type OpeningParams } from '../../exchange/facade.ts';
import type { LetterKind, PublicLetterStatus } from '../../exchange/contracts/index.ts';
import {
  letterEvents,
  letterPhotos,
  letters,
  type LetterEventRow,
  type LetterRow,
} from './letters.tables.ts';

type Q = Db | Tx;

type NewLetter = typeof letters.$inferInsert & { id: string };
type FirstStep = Omit<typeof letterEvents.$inferInsert, 'letterId'>;

/**
 * A new letter, its first step and the message that opens its stream, in one statement: atomic on its own,
 * so a letter without photos needs no transaction (BEGIN, COMMIT and two inserts fewer per letter). The id
 * is the caller's, so the step can name it without reading it back.
 */
export async function insertLetter(
  q: Q,
  values: NewLetter,
  firstStep: FirstStep,
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

/** The columns the statement of a letter stored alone sets: the type refuses any other, rather than drop it. */
type LetterAloneColumns = Pick<
  NewLetter,
  | 'id'
  | 'letterNumber'
  | 'citizenId'
  | 'followCodeHash'
  | 'kind'
  | 'topic'
  | 'subject'
  | 'body'
  | 'place'
  | 'concernedUnit'
  | 'latitude'
  | 'longitude'
  | 'publishAllowed'
  | 'submittedAt'
  | 'updatedAt'
>;

/**
 * `insertLetter` for a letter stored alone (no photos, nothing another door adds), run through a statement
 * built once and prepared by name: building three inserts in one statement cost the portal more than the
 * round trip. Every column a new letter sets is a placeholder, so the statement is the same for every letter;
 * the values reach the driver as they are, so what needs converting is converted here.
 */
export async function insertLetterAlone(
  db: Db,
  values: LetterAloneColumns,
  firstStep: FirstStep,
  opening: OpeningParams,
): Promise<void> {
  const stored = await letterAlone(db).execute({
    id: values.id,
    letter_number: values.letterNumber,
    citizen_id: values.citizenId ?? null,
    follow_code_hash: values.followCodeHash ?? null,
    kind: values.kind,
    topic: values.topic,
    subject: values.subject,
    body: values.body,
    place: values.place ?? null,
    concerned_unit: values.concernedUnit ?? null,
    latitude: values.latitude ?? null,
    longitude: values.longitude ?? null,
    publish_allowed: values.publishAllowed ?? false,
    submitted_at: values.submittedAt.toISOString(),
    updated_at: values.updatedAt.toISOString(),
    step_origin: firstStep.origin,
    step_step: firstStep.step,
    step_status: firstStep.status ?? null,
    step_at: firstStep.at.toISOString(),
    // Last: the message's values are the facade's, checked and signed, and nothing above may stand in for one.
    ...opening,
  });
  if (stored.length !== 1) throw new Error('the letter was not stored');
}

const slot = (name: string) => sql`${sql.placeholder(name)}`;

// Prepared once per database (tests run several portals in one process).
const preparedAlone = new WeakMap<Db, ReturnType<typeof prepareLetterAlone>>();

function letterAlone(db: Db) {
  let query = preparedAlone.get(db);
  if (!query) preparedAlone.set(db, (query = prepareLetterAlone(db)));
  return query;
}

function prepareLetterAlone(db: Db) {
  const letter = db.$with('letter').as(
    db
      .insert(letters)
      .values({
        id: slot('id'),
        letterNumber: slot('letter_number'),
        citizenId: slot('citizen_id'),
        followCodeHash: slot('follow_code_hash'),
        kind: slot('kind'),
        topic: slot('topic'),
        subject: slot('subject'),
        body: slot('body'),
        place: slot('place'),
        concernedUnit: slot('concerned_unit'),
        latitude: slot('latitude'),
        longitude: slot('longitude'),
        publishAllowed: slot('publish_allowed'),
        submittedAt: slot('submitted_at'),
        updatedAt: slot('updated_at'),
      })
      .returning({ id: letters.id }),
  );
  const step = db.$with('step').as(
    db
      .insert(letterEvents)
      .values({
        letterId: slot('id'),
        origin: slot('step_origin'),
        step: slot('step_step'),
        status: slot('step_status'),
        at: slot('step_at'),
      })
      .returning({ id: letterEvents.id }),
  );
  const message = db.$with('message').as(openingSlots(db));
  return db.with(letter, step, message).select({ id: letter.id }).from(letter).prepare('portal_letter_alone');
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
