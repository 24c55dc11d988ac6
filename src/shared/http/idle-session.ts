import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type from 'typebox';

// A signed-in session ends after a spell without activity as well as at its absolute limit: a browser left
// open on a shared computer at a police hall or a library must not stay signed in all day. Activity is
// recorded at most once a minute, so an active user's requests do not each write the session.

declare module 'fastify' {
  interface Session {
    /** When the signed-in person was last active, in epoch milliseconds. */
    lastActiveAt?: number;
  }
  interface FastifyRequest {
    /** How long the session has left without further activity; set for signed-in requests only. */
    sessionRemainingMs: number | undefined;
    /** The session was signed out just now because it had been idle too long. */
    sessionTimedOut: boolean;
  }
}

export const ACTIVITY_STEP_MS = 60_000;

export interface IdlePolicy {
  idleMs: number;
  now: () => Date;
}

/**
 * The zone's policy, read per request, so a test (or a live change of the setting) takes effect without a
 * restart.
 */
export function idlePolicyOf(services: { sessionIdleMs: number; now: () => Date }): IdlePolicy {
  return {
    get idleMs() {
      return services.sessionIdleMs;
    },
    now: () => services.now(),
  };
}

/**
 * Called by each zone's loader before it trusts `session.subject`. Returns false, having signed the session
 * out, when it has been idle too long; otherwise records the activity and returns true.
 */
export function touchSession(request: FastifyRequest, policy: IdlePolicy): boolean {
  request.sessionRemainingMs = undefined;
  request.sessionTimedOut = false;
  const session = request.session;
  if (!session?.subject) return false;
  const now = policy.now().getTime();
  const last = session.lastActiveAt ?? now;
  if (now - last > policy.idleMs) {
    session.subject = undefined;
    session.lastActiveAt = undefined;
    request.sessionTimedOut = true;
    return false;
  }
  if (session.lastActiveAt === undefined || now - last >= ACTIVITY_STEP_MS) session.lastActiveAt = now;
  request.sessionRemainingMs = (session.lastActiveAt ?? now) + policy.idleMs - now;
  return true;
}

/**
 * The "continue" button of the timeout warning posts here (with the CSRF token in a header). It counts as
 * activity at once, whatever the once-a-minute step, and answers how long the session now has.
 *
 * `permission` is an action every signed-in person of the zone holds: the kernel then answers a visitor whose
 * session has already ended (401, as the script asks for JSON), the same way as on every other page.
 */
export function registerKeepAlive(app: FastifyInstance, policy: IdlePolicy, permission: string): void {
  app.post(
    '/session/keepalive',
    {
      schema: { hide: true, response: { 200: Type.Object({ remainingMs: Type.Integer() }) } },
      config: { permission },
    },
    async (request) => {
      request.session.lastActiveAt = policy.now().getTime();
      return { remainingMs: policy.idleMs };
    },
  );
}
