import type { FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { AppError } from '../shared/http/errors.ts';
import { wantsJson } from '../shared/http/error-handler.ts';
import { touchSession, type IdlePolicy } from '../shared/http/idle-session.ts';
import type { Db } from '../shared/db/database.ts';
import { citizens } from './db/schema.ts';

export interface CurrentCitizen {
  id: string;
  displayName: string;
}

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
    const [row] = await db
      .select({ id: citizens.id, displayName: citizens.displayName })
      .from(citizens)
      .where(eq(citizens.id, id));
    request.citizen = row;
  };
}

/** Pages send a visitor who is not signed in to the login page and back; the API answers 401. */
export async function requireCitizen(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.citizen) return;
  if (wantsJson(request)) throw new AppError('UNAUTHENTICATED');
  // After an idle timeout the login page says why the person has to sign in again.
  const expired = request.sessionTimedOut ? '&expired=1' : '';
  await reply.redirect(`/login?next=${encodeURIComponent(request.url)}${expired}`, 303);
}

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
