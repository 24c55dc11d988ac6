import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, ne, or, type SQL } from 'drizzle-orm';
import type { PublicLetterStatus } from '../../exchange/contracts/index.ts';
import type { Db, Tx } from '../../shared/db/database.ts';
import { letterEvents, letters } from '../letters/letters.tables.ts';
import { open311ApiKeys, open311Requests, type Open311ApiKeyRow } from './open311.tables.ts';

type Q = Db | Tx;

/** A key that is known and not revoked, by its hash. */
export async function activeKeyByHash(q: Q, keyHash: string): Promise<Open311ApiKeyRow | undefined> {
  const [row] = await q
    .select()
    .from(open311ApiKeys)
    .where(and(eq(open311ApiKeys.keyHash, keyHash), isNull(open311ApiKeys.revokedAt)));
  return row;
}

export async function insertKey(tx: Tx, values: typeof open311ApiKeys.$inferInsert): Promise<void> {
  await tx.insert(open311ApiKeys).values(values).onConflictDoNothing();
}

export async function revokeKey(tx: Tx, id: string, at: Date): Promise<number> {
  const done = await tx
    .update(open311ApiKeys)
    .set({ revokedAt: at })
    .where(and(eq(open311ApiKeys.id, id), isNull(open311ApiKeys.revokedAt)))
    .returning({ id: open311ApiKeys.id });
  return done.length;
}

export async function keyExists(q: Q, id: string): Promise<boolean> {
  const [row] = await q
    .select({ id: open311ApiKeys.id })
    .from(open311ApiKeys)
    .where(eq(open311ApiKeys.id, id));
  return Boolean(row);
}

export async function insertRequest(tx: Tx, values: typeof open311Requests.$inferInsert): Promise<void> {
  await tx.insert(open311Requests).values(values);
}

/** What may be said in public about a tip that came in through the API: never its text, place or writer. */
export interface PublicRequestRow {
  letterNumber: string;
  serviceCode: string;
  token: string | null;
  status: PublicLetterStatus;
  unitName: string | null;
  dueOn: string | null;
  requestedAt: Date;
  updatedAt: Date;
}

const publicColumns = {
  letterNumber: letters.letterNumber,
  serviceCode: open311Requests.serviceCode,
  token: open311Requests.token,
  status: letters.status,
  unitName: letters.unitName,
  dueOn: letters.dueOn,
  requestedAt: open311Requests.requestedAt,
  updatedAt: letters.updatedAt,
};

// A batch request's id is given out only once the police side has routed the tip (see the tokens route), so
// until then it is not listed or found by id either.
const idIssued = or(isNull(open311Requests.token), ne(letters.status, 'submitted'));

export interface RequestFilter {
  ids?: string[] | undefined;
  serviceCodes?: string[] | undefined;
  statuses?: PublicLetterStatus[] | undefined;
  from: Date;
  to: Date;
  limit: number;
}

export function findRequests(q: Q, filter: RequestFilter): Promise<PublicRequestRow[]> {
  const conditions: (SQL | undefined)[] = [idIssued];
  if (filter.ids) conditions.push(inArray(letters.letterNumber, filter.ids));
  else {
    conditions.push(
      gte(open311Requests.requestedAt, filter.from),
      lte(open311Requests.requestedAt, filter.to),
    );
    if (filter.serviceCodes) conditions.push(inArray(open311Requests.serviceCode, filter.serviceCodes));
    if (filter.statuses) conditions.push(inArray(letters.status, filter.statuses));
  }
  return q
    .select(publicColumns)
    .from(open311Requests)
    .innerJoin(letters, eq(letters.id, open311Requests.letterId))
    .where(and(...conditions))
    .orderBy(asc(open311Requests.requestedAt), asc(letters.letterNumber))
    .limit(filter.limit);
}

export async function findByToken(q: Q, token: string): Promise<PublicRequestRow | undefined> {
  const [row] = await q
    .select(publicColumns)
    .from(open311Requests)
    .innerJoin(letters, eq(letters.id, open311Requests.letterId))
    .where(eq(open311Requests.token, token));
  return row;
}

/** One step the police side reported on a tip that came in through the API: its status, never its words. */
export interface PublicUpdateRow {
  updateId: number;
  letterNumber: string;
  status: PublicLetterStatus;
  at: Date;
}

/** The steps reported within the window, oldest first (servicerequestupdates). */
export function findUpdates(
  q: Q,
  filter: { from: Date; to: Date; limit: number },
): Promise<PublicUpdateRow[]> {
  return q
    .select({
      updateId: letterEvents.id,
      letterNumber: letters.letterNumber,
      status: letterEvents.status,
      at: letterEvents.at,
    })
    .from(letterEvents)
    .innerJoin(open311Requests, eq(open311Requests.letterId, letterEvents.letterId))
    .innerJoin(letters, eq(letters.id, letterEvents.letterId))
    .where(
      and(
        eq(letterEvents.origin, 'police'),
        isNotNull(letterEvents.status),
        gte(letterEvents.at, filter.from),
        lte(letterEvents.at, filter.to),
        idIssued,
      ),
    )
    .orderBy(asc(letterEvents.at), asc(letterEvents.id))
    .limit(filter.limit) as Promise<PublicUpdateRow[]>;
}
