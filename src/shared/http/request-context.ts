import type { FastifyReply, FastifyRequest } from 'fastify';

export type Lang = 'zh' | 'en';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    elder: boolean;
  }
  interface FastifyReply {
    /** Sends an HTML page with the charset Chromium needs to show Chinese correctly. */
    html(body: string, status?: number): FastifyReply;
  }
}

export const LANG_COOKIE = 'lang';
export const ELDER_COOKIE = 'elder';

/** Language: explicit ?lang=, then the cookie set by the switch, then Chinese. */
export function readPreferences(request: FastifyRequest): void {
  const query = request.query as Record<string, unknown> | undefined;
  const asked = typeof query?.lang === 'string' ? query.lang : request.cookies[LANG_COOKIE];
  request.lang = asked === 'en' ? 'en' : 'zh';
  request.elder = request.cookies[ELDER_COOKIE] === '1';
}

export function sendHtml(this: FastifyReply, body: string, status = 200): FastifyReply {
  return this.code(status).type('text/html; charset=utf-8').send(body);
}

// Any fixed origin works: a target is resolved against it, and only what stays on it is accepted.
const REDIRECT_BASE = 'http://openpsb.invalid';
// C0 and C1 controls (browsers silently drop a tab or newline, so `/\t/evil.example` becomes `//evil.example`)
// and backslashes (browsers read `/\evil.example` as `//evil.example`), raw or percent-encoded.
const UNSAFE_IN_TARGET = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * Only a path on this site may be a redirect target, so the login forms and the preference switches cannot be
 * used as open redirects. Anything else, or anything malformed, gives `fallback`. The result is what the URL
 * parser made of the target, so it is ASCII only (non-ASCII percent-encoded) and safe in a Location header.
 */
export function safeNext(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return fallback;
  }
  if (UNSAFE_IN_TARGET.test(value) || UNSAFE_IN_TARGET.test(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(value, REDIRECT_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== REDIRECT_BASE) return fallback;
  const target = url.pathname + url.search + url.hash;
  // `/.//evil.example` normalises to `//evil.example`, which a browser reads as another host.
  if (!target.startsWith('/') || target.startsWith('//')) return fallback;
  return target;
}

/**
 * A Location header may carry only visible ASCII: anything else is percent-encoded as UTF-8 here, so a redirect
 * to a page whose address holds Chinese text is answered, not turned into a 500 by Node's header check.
 */
export function encodeLocation(location: string): string {
  return location.replace(/[^\x21-\x7e]+/gu, (run) => {
    try {
      return encodeURIComponent(run);
    } catch {
      // A lone surrogate has no UTF-8 form; it stands for nothing a page address could hold.
      return '%EF%BF%BD';
    }
  });
}
