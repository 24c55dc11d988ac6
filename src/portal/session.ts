import type { FastifyRequest } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { AppError } from '../shared/http/errors.ts';
import { touchSession, type IdlePolicy } from '../shared/http/idle-session.ts';
import { readWithSession, type SessionRead } from '../shared/http/session-store.ts';
import type { Db } from '../shared/db/database.ts';
import { sessions } from '../shared/db/tables.ts';
import { citizens, identityColumns } from './db/schema.ts';

export interface CurrentCitizen {
  id: string;
  displayName: string;
  /** The number he signed in with: invitations to act for a company are addressed to it. */
  mobile: string;
  /** His verified name, once the real-name check has given one (read with the rest, at no extra query). */
  realName?: string | null;
  /**
   * What the real-name check left on the account, the ID number still sealed: read with the rest, since the
   * application pages and the submission need it and a query of their own cost each of them a round trip.
   */
  identity?: CitizenIdentity | undefined;
}

export type CitizenIdentity = Pick<
  typeof citizens.$inferSelect,
  'mobile' | 'realName' | 'realNameStatus' | 'idNumberSealed' | 'email' | 'address'
>;

declare module 'fastify' {
  interface FastifyRequest {
    citizen: CurrentCitizen | undefined;
  }
}

/**
 * Resolves the signed-in citizen once per request; a session whose account is gone counts as signed out. The
 * session's read (`sessionWithCitizen`) brought his row along; a session that came without it is read here.
 */
export function citizenLoader(db: Db, idle: IdlePolicy) {
  return async (request: FastifyRequest): Promise<void> => {
    request.citizen = undefined;
    if (!touchSession(request, idle)) return;
    const subject = request.session?.subject;
    if (!subject?.startsWith('citizen:')) return;
    const id = subject.slice('citizen:'.length);
    const along = readWithSession(request.session)?.value as CitizenRead | null | undefined;
    const row = along === null || along?.id === id ? along : (await citizenById(db).execute({ id }))[0];
    request.citizen = row
      ? {
          id: row.id,
          displayName: row.displayName,
          mobile: row.mobile,
          realName: row.realName,
          identity: {
            mobile: row.mobile,
            realName: row.realName,
            realNameStatus: row.realNameStatus,
            idNumberSealed: row.idNumberSealed,
            email: row.email,
            address: row.address,
          },
        }
      : undefined;
  };
}

// The columns of the signed-in citizen, read with his session or alone.
const citizenColumns = { id: citizens.id, displayName: citizens.displayName, ...identityColumns };
type CitizenRead = Awaited<ReturnType<ReturnType<typeof prepareCitizenById>['execute']>>[number];

/**
 * The portal's read of a session: the citizen it is signed in as comes with it (`actor`, null when the
 * account is gone or the stored subject column names no citizen: the column decides, not the session's data), one round trip instead of two for every signed-in request. Only a subject that is a
 * citizen's id is joined, so no other subject can fail the cast.
 */
export function sessionWithCitizen(db: Db): SessionRead {
  return db
    .select({
      data: sessions.data,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      actor: citizenColumns,
    })
    .from(sessions)
    .leftJoin(
      citizens,
      eq(
        citizens.id,
        sql`CASE WHEN ${sessions.subject} ~ '^citizen:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN substr(${sessions.subject}, 9)::uuid END`,
      ),
    )
    .where(eq(sessions.sid, sql.placeholder('sid')))
    .prepare('portal_session_with_citizen');
}

// Prepared once per database (tests run several portals in one process). A safeguard: the citizen is loaded
// before any handler can sign in, so a signed-in session always comes with his row; were it ever without it
// (the row for another id), he would be read here.
const prepared = new WeakMap<Db, ReturnType<typeof prepareCitizenById>>();
const prepareCitizenById = (db: Db) =>
  db
    .select(citizenColumns)
    .from(citizens)
    .where(eq(citizens.id, sql.placeholder('id')))
    .prepare('portal_citizen_by_id');

function citizenById(db: Db) {
  let query = prepared.get(db);
  if (!query) prepared.set(db, (query = prepareCitizenById(db)));
  return query;
}

/** The citizen the kernel loaded for a route whose permission needs one. */
export function citizenOf(request: FastifyRequest): CurrentCitizen {
  if (!request.citizen) throw new AppError('UNAUTHENTICATED');
  return request.citizen;
}

export async function signIn(request: FastifyRequest, citizenId: string): Promise<void> {
  // A fresh session id on every sign-in defeats session fixation.
  await request.session.regenerate();
  request.session.subject = `citizen:${citizenId}`;
  await request.session.save();
}
