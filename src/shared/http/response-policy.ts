import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { encodeLocation } from './request-context.ts';

/**
 * Whether a response may be kept by the browser or a proxy. Anything answered to a request that carries a
 * session (signed in, or half way through a login: the TOTP enrolment page shows the secret), anything that
 * sets the session cookie, every API answer and every error must not be stored anywhere. A route that declared
 * its answer `public` (static files, blank forms, the catalogue's style sheet) is the same for everyone and
 * keeps its caching.
 */
function mustNotStore(request: FastifyRequest, reply: FastifyReply, sessionCookie: string): boolean {
  if (request.url.startsWith('/api/') || reply.statusCode >= 400) return true;
  const declared = String(reply.getHeader('cache-control') ?? '');
  if (/\bpublic\b/.test(declared)) return false;
  if (request.cookies?.[sessionCookie] !== undefined) return true;
  const setCookie = reply.getHeader('set-cookie');
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie === undefined ? [] : [String(setCookie)];
  return cookies.some((cookie) => cookie.startsWith(`${sessionCookie}=`));
}

/** Headers every response gets last, once the route has decided everything else. */
export function installResponsePolicy(app: FastifyInstance, sessionCookie: string): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const location = reply.getHeader('location');
    if (typeof location === 'string') reply.header('location', encodeLocation(location));
    if (mustNotStore(request, reply, sessionCookie)) reply.header('cache-control', 'no-store');
    return payload;
  });
}
