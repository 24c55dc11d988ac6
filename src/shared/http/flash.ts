import type { FastifyInstance, FastifyRequest } from 'fastify';

// A one-time message carried across the redirect that follows a successful form (post, redirect, get): set it
// before redirecting, take it on the page that follows, and it is gone on the next view. It travels in a
// short-lived signed cookie rather than the session, so a successful post and the page after it write no session
// row (two database writes a letter, a booking or a review saved each) and a visitor gets no session for it.

declare module 'fastify' {
  interface FastifyRequest {
    /** The flash this response sets (a string) or clears (null); undefined leaves the cookie alone. */
    flashOut: string | null | undefined;
    /** The zone's flash cookie. */
    flashCookie: string;
  }
}

/** Flash cookies per zone, since both zones may share a host name. */
export const flashCookieOf = (zone: 'portal' | 'workbench') =>
  zone === 'portal' ? 'psb_flash' : 'psb_staff_flash';
const FLASH_SECONDS = 300;

export function setFlash(request: FastifyRequest, message: string): void {
  request.flashOut = message;
}

export function takeFlash(request: FastifyRequest): string | undefined {
  const raw = request.cookies[request.flashCookie];
  if (!raw) return undefined;
  if (request.flashOut === undefined) request.flashOut = null;
  // Signed with the app's cookie key: a cookie planted by anyone else shows nothing.
  const read = request.unsignCookie(raw);
  return read.valid && read.value ? read.value : undefined;
}

/** Sets or clears the flash cookie as the response leaves (after @fastify/cookie is registered). */
export function installFlash(app: FastifyInstance, cookieName: string, secure: boolean): void {
  app.decorateRequest('flashOut', undefined);
  app.decorateRequest('flashCookie', cookieName);
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.flashOut === null) reply.clearCookie(cookieName, { path: '/' });
    else if (request.flashOut !== undefined)
      reply.setCookie(cookieName, request.flashOut, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        signed: true,
        maxAge: FLASH_SECONDS,
      });
    return payload;
  });
}
