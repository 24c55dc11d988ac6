import { createHmac, timingSafeEqual } from 'node:crypto';
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
    /** Signs and checks flash values with the flash's own key (never the key of another cookie). */
    flashSigner: FlashSigner;
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
  // Signed with the flash's own key: a cookie planted by anyone else shows nothing, and since some flash text
  // comes from what a person typed, no other cookie's signature can be had by way of it.
  return request.flashSigner.open(raw);
}

export interface FlashSigner {
  seal(value: string): string;
  open(sealed: string): string | undefined;
}

export function flashSigner(key: string): FlashSigner {
  const mac = (value: string) => createHmac('sha256', key).update(value).digest('base64url');
  return {
    seal: (value) => `${value}.${mac(value)}`,
    open(sealed) {
      const dot = sealed.lastIndexOf('.');
      if (dot <= 0) return undefined;
      const value = sealed.slice(0, dot);
      const given = Buffer.from(sealed.slice(dot + 1));
      const expected = Buffer.from(mac(value));
      return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
    },
  };
}

/** Sets or clears the flash cookie as the response leaves (after @fastify/cookie is registered). */
export function installFlash(app: FastifyInstance, cookieName: string, secure: boolean, key: string): void {
  const signer = flashSigner(key);
  app.decorateRequest('flashOut', undefined);
  app.decorateRequest('flashCookie', cookieName);
  app.decorateRequest('flashSigner', { getter: () => signer });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.flashOut === null) reply.clearCookie(cookieName, { path: '/' });
    else if (request.flashOut !== undefined)
      reply.setCookie(cookieName, signer.seal(request.flashOut), {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: FLASH_SECONDS,
      });
    return payload;
  });
}
