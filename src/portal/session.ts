import type { FastifyRequest } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { AppError } from '../shared/http/errors.ts';
import { touchSession, type IdlePolicy } from '../shared/http/idle-session.ts';
import type { Db } from '../shared/db/database.ts';
import { citizens } from './db/schema.ts';

export interface CurrentCitizen {
  id: string;
  displayName: string;
  /** The number he signed in with: invitations to act for a company are addressed to it. */
  mobile: string;
  /** His verified name, once the real-name check has given one (read with the rest, at no extra query). */
  realName?: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    citizen: CurrentCitizen | undefined;
  }
}

/** Resolves the signed-in citizen once per request; a session whose account is gone counts as signed out. */
export function citizenLoader(db: Db, idle: IdlePolicy) {
  // Read on every signed-in request: built once and prepared by name, so neither this process nor the
  // database parses it again per request.
  const citizenById = db
    .select({
      id: citizens.id,
      displayName: citizens.displayName,
      mobile: citizens.mobile,
      realName: citizens.realName,
    })
    .from(citizens)
    .where(eq(citizens.id, sql.placeholder('id')))
    .prepare('session_citizen');
  return async (request: FastifyRequest): Promise<void> => {
    request.citizen = undefined;
    if (!touchSession(request, idle)) return;
    const subject = request.session?.subject;
    if (!subject?.startsWith('citizen:')) return;
    const [row] = await citizenById.execute({ id: subject.slice('citizen:'.length) });
    request.citizen = row;
  };
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
