import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { wantsJson } from './error-handler.ts';
import { acceptsGzip, HtmlCache } from './html-cache.ts';
import { onPublicContentChange } from './public-content.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The page is the same for every anonymous visitor of one language and mode: keep it for a few seconds. */
    publicCache?: boolean;
  }
}

interface Entry {
  // Content-Length included: the body is stored as bytes, so a hit neither encodes nor measures anything.
  headers: Record<string, string>;
  body: Buffer;
}

const MAX_ENTRIES = 2000;
// The bytes of the kept bodies: pages range from 2 kB to 100 kB, and a query string makes another entry.
const MAX_BYTES = 16 * 1024 * 1024;
const TTL_MS = 5000;
// After a change, a page read while the changing transaction may still be committing is served, not kept.
const QUIET_MS = 2000;
// Headers that belong to one response only, never to a copy served to someone else.
const personal = new Set([
  'set-cookie',
  'date',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

/**
 * A short-lived in-process cache for anonymous public pages, answered before sessions, security headers and
 * routing run: the stored copy already carries the headers the full pipeline produced. A visitor with a session
 * cookie, a response that sets a cookie, and anything but GET/HEAD always go the full way. Entries live five
 * seconds (by `now`, the zone's clock), so published changes show within that time on every instance without
 * any invalidation traffic.
 */
export function createPageCache(
  sessionCookie: string,
  now: () => number,
  /** Other cookies whose holder always goes the full way (a flash to show). */
  bypassCookies: readonly string[] = [],
): {
  /** Register first: answers hits before any other hook runs. */
  serve(app: FastifyInstance): void;
  /** Register last: stores what the whole pipeline produced, cookies already decided. */
  store(app: FastifyInstance): void;
  clear(): void;
} {
  const entries = new HtmlCache<Entry>({
    max: MAX_ENTRIES,
    quietMs: QUIET_MS,
    now,
    maxBytes: MAX_BYTES,
    // The headers are a few hundred bytes whatever the page.
    sizeOf: (entry) => entry.body.length + 512,
  });
  const unsubscribe = onPublicContentChange((prefix) => entries.changed(prefix));

  const keyOf = (request: FastifyRequest): string | undefined => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const cookie = request.headers.cookie ?? '';
    if ([sessionCookie, ...bypassCookies].some((name) => cookie.includes(`${name}=`))) return undefined;
    const lang = /(?:^|;\s*)lang=(\w+)/.exec(cookie)?.[1] ?? '';
    const elder = /(?:^|;\s*)elder=1/.test(cookie) ? '1' : '0';
    const gzip = acceptsGzip(request.headers['accept-encoding']) ? 'g' : '';
    // An address may answer JSON or HTML by Accept (the directory does): each is kept apart.
    const type = wantsJson(request) ? 'json' : 'html';
    return `${request.url}|${lang}|${elder}|${gzip}|${type}`;
  };

  const serve = (app: FastifyInstance) =>
    app.addHook('onRequest', (request, reply, done) => {
      const key = keyOf(request);
      const hit = key ? entries.get(key) : undefined;
      if (!hit) return done();
      reply.hijack();
      reply.raw.writeHead(200, hit.headers);
      reply.raw.end(request.method === 'HEAD' ? undefined : hit.body);
    });

  const store = (app: FastifyInstance) =>
    app.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done) => {
      if (reply.statusCode !== 200 || !request.routeOptions.config.publicCache) return done(null, payload);
      const key = keyOf(request);
      if (!key || reply.hasHeader('set-cookie')) return done(null, payload);
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined && !personal.has(name.toLowerCase())) headers[name] = String(value);
      }
      const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
      headers['content-length'] = String(body.length);
      // Not kept while a change under this address is settling.
      entries.set(key, { headers, body }, TTL_MS);
      done(null, payload);
    });

  return {
    serve,
    store,
    clear: () => {
      entries.clear();
      unsubscribe();
    },
  };
}
