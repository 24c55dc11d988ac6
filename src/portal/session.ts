import type { FastifyRequest } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { AppError } from '../shared/http/errors.ts';
import { touchSession, type IdlePolicy } from '../shared/http/idle-session.ts';
import type { Db } from '../shared/db/database.ts';
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

/** Resolves the signed-in citizen once per request; a session whose account is gone counts as signed out. */
export function citizenLoader(db: Db, idle: IdlePolicy) {
  return async (request: FastifyRequest): Promise<void> => {
    request.citizen = undefined;
    if (!touchSession(request, idle)) return;
    const subject = request.session?.subject;
    if (!subject?.startsWith('citizen:')) return;
    const id = subject.slice('citizen:'.length);
    const [row] = await citizenById(db).execute({ id });
    request.citizen = row && {
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
    };
  };
}

// Prepared once per database (tests run several portals in one process): every signed-in request runs it.
const prepared = new WeakMap<Db, ReturnType<typeof prepareCitizenById>>();
const prepareCitizenById = (db: Db) =>
  db
    .select({ id: citizens.id, displayName: citizens.displayName, ...identityColumns })
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
