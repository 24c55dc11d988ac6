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

/** Only same-site relative paths may be redirect targets, so the switches cannot be used as open redirects. */
export function safeNext(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return fallback;
  }
  return value;
}
