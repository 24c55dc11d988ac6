import { createHmac, randomUUID } from 'node:crypto';
import path from 'node:path';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import session from '@fastify/session';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import Type from 'typebox';
import type { Db } from '../db/database.ts';
import { DatabaseSessionStore, type SessionRead } from './session-store.ts';
import { createLogger } from './log-format.ts';
import { ELDER_COOKIE, LANG_COOKIE, readPreferences, safeNext, sendHtml } from './request-context.ts';
import { errorResponder, installErrorHandling, type ErrorPageRenderer } from './error-handler.ts';
import { installInputGuard } from './input-guard.ts';
import { installResponsePolicy } from './response-policy.ts';
import { AppError } from './errors.ts';
import { flashCookieOf, installFlash } from './flash.ts';
import { createPageCache } from './page-cache.ts';
import { installRouteKernel, type RouteKernel } from './route-kernel.ts';
import { PUBLIC } from '../policy/registry.ts';
import type { MapTiles } from '../map/tiles.ts';

export interface AppOptions<Actor> {
  zone: 'portal' | 'workbench';
  db: Db;
  sessionSecret: string;
  logLevel: string;
  production: boolean;
  /** Proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES); none by default. */
  trustedProxies: string[];
  title: string;
  renderErrorPage: ErrorPageRenderer;
  /**
   * Serve the browsable API documentation at /api/docs (default on). Tests leave it off unless they are about
   * it: it is the slowest plugin to start. The OpenAPI document stays at /api/docs/json either way.
   */
  apiDocsUi?: boolean | undefined;
  /** The zone's clock, read on every use (tests move it); cached pages age by it. */
  now?: (() => Date) | undefined;
  /** A public demo (`OPENPSB_DEMO=1`): every page shows the demo banner. */
  publicDemo?: boolean;
  /** Who is asking and what he may do: every route declares its permission against this. */
  kernel: RouteKernel<Actor>;
  /**
   * The read of a session by id, when the zone joins more to it (`session-store.ts`); the session alone
   * otherwise.
   */
  sessionRead?: ((db: Db) => SessionRead) | undefined;
  /** An outside tile service under the maps (the zone's own tile setting): pages may then show images from its origin. */
  mapTiles?: MapTiles | undefined;
  /** Who may read the OpenAPI document and its UI; everyone when absent. */
  apiDocsGuard?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

// Plugins start in well under a second, but a machine busy with other work can stretch that past Fastify's
// default of 10 seconds, which would fail the start for no real fault.
const PLUGIN_TIMEOUT_MS = 120_000;

/** The app every feature registers its routes on: its route schemas type `request.params`, `query` and `body`. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set false on machine-to-machine routes that authenticate by signature instead of a session cookie. */
    csrf?: boolean;
  }
  interface FastifyRequest {
    /** The app runs as a public demo; page contexts carry it to the layout's banner. */
    publicDemo: boolean;
    /** The tile service under the maps, when one is configured; page contexts carry it to the maps. */
    mapTiles: MapTiles | undefined;
  }
}

const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
const publicDir = path.resolve(import.meta.dirname, '../../../public');

/** Separate keys for separate uses, all from the one session secret. */
function derivedKey(secret: string, use: string): string {
  return createHmac('sha256', secret).update(use).digest('base64url');
}

/** The Fastify application both zones are built on: security plugins, sessions, errors, OpenAPI, static files. */
export async function createApp<Actor>(options: AppOptions<Actor>): Promise<App> {
  const securityHeaders = {
    contentSecurityPolicy: {
      // Everything is served from here, the API docs' UI included: helmet's defaults would also allow styles and
      // fonts from any https: host, and inline styles.
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'font-src': ["'self'"],
        // A configured tile service's origin, and no other, since its tiles are images on the map pages.
        'img-src': ["'self'", 'data:', ...(options.mapTiles ? [options.mapTiles.origin] : [])],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
      },
    },
    hsts: options.production,
  };
  const errors = errorResponder(options.renderErrorPage, securityHeaders);
  const app = Fastify({
    // Typed as Fastify's base logger so the app keeps the App type every route file is written against.
    loggerInstance: createLogger(options.logLevel).child({ zone: options.zone }) as FastifyBaseLogger,
    // A malformed URL or an overlong path segment is refused before any hook: the one error answer still applies.
    frameworkErrors: errors.answerFramework,
    genReqId: () => randomUUID(),
    trustProxy: options.trustedProxies.length ? options.trustedProxies : false,
    bodyLimit: 1024 * 1024,
    pluginTimeout: PLUGIN_TIMEOUT_MS,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const sessionCookie = options.zone === 'portal' ? 'psb_session' : 'psb_staff_session';
  // Both zones may share a host name (ports do not separate cookies), so each has its own CSRF cookie. Over
  // https the __Host- prefix stops a sibling subdomain from planting one.
  const csrfCookie = `${options.production ? '__Host-' : ''}${options.zone === 'portal' ? 'psb_csrf' : 'psb_staff_csrf'}`;

  // First, so that every plugin scope registered below (the API docs have their own) inherits the one handler.
  installErrorHandling(app, errors);
  // Before any route, so that every route, the app's own included, is held to a declared permission.
  installRouteKernel(app, options.kernel);
  const now = options.now ?? (() => new Date());
  const flashCookie = flashCookieOf(options.zone);
  // A visitor carrying a flash is shown it, not a cached copy of the page.
  const pageCache = createPageCache(sessionCookie, () => now().getTime(), [flashCookie]);
  pageCache.serve(app);

  app.decorateRequest('lang', 'zh');
  app.decorateRequest('elder', false);
  app.decorateRequest('publicDemo', options.publicDemo ?? false);
  const { mapTiles } = options;
  app.decorateRequest('mapTiles', { getter: () => mapTiles });
  app.decorateReply('html', sendHtml);

  // The security headers on every answer, from helmet's middleware built once: the plugin built it again for each
  // request (its options parsed, its CSP serialised), a tenth of the CPU of a small JSON answer.
  app.addHook('onRequest', (request, reply, done) => {
    errors.applySecurityHeaders(request, reply);
    done();
  });
  await app.register(cookie, { secret: derivedKey(options.sessionSecret, 'csrf-cookie') });
  await app.register(session, {
    secret: options.sessionSecret,
    cookieName: sessionCookie,
    store: new DatabaseSessionStore(options.db, SESSION_TTL_MS, options.sessionRead),
    saveUninitialized: false,
    // Write the session row only when it changed, not on every page view; the 8-hour limit is then absolute.
    rolling: false,
    cookie: {
      secure: options.production,
      httpOnly: true,
      sameSite: 'lax',
      maxAge: SESSION_TTL_MS,
      path: '/',
    },
  });
  installFlash(app, flashCookie, options.production, derivedKey(options.sessionSecret, 'flash-cookie'));
  await app.register(formbody);
  // Signed double submit: the secret lives in its own HMAC-signed cookie, each form carries a token derived
  // from it (compared in constant time), so showing a form writes no session row. The cookie outlives sign-in,
  // so the form that signs a person in (or one open in another tab) still posts.
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: csrfCookie,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: options.production, signed: true },
    csrfOpts: { hmacKey: derivedKey(options.sessionSecret, 'csrf-token') },
  });
  await app.register(rateLimit, { global: false });
  await app.register(fastifyStatic, { root: publicDir, prefix: '/static/', maxAge: '1d', immutable: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: options.title, version: '0.1.0' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'psb_session' } },
      },
    },
  });

  app.addHook('onRequest', async (request) => readPreferences(request));
  installInputGuard(app);

  // Every state-changing request made with a session cookie must carry the form's CSRF token. It runs as a
  // preHandler because the token sits in the parsed body of plain HTML forms.
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
    if (request.routeOptions.config.csrf === false) return done();
    // An app or mini-program calling the JSON API without a session cookie carries no ambient authority to
    // abuse. JSON cannot be sent cross-site without a CORS preflight, so insisting on it closes login CSRF.
    if (request.url.startsWith('/api/') && !request.cookies[sessionCookie]) {
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        return done(new AppError('BAD_REQUEST', { detail: 'the API accepts application/json only' }));
      }
      return done();
    }
    app.csrfProtection(request, reply, done);
  });

  installResponsePolicy(app, sessionCookie);
  // Registered after the error handler and the preference hook, which its routes then share. The UI runs under
  // the site's own CSP (no inline code, nothing from elsewhere): the plain layout leaves out the top bar, whose
  // logo carries an inline stylesheet.
  if (options.apiDocsUi ?? true) {
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      uiConfig: { layout: 'BaseLayout' },
      ...(options.apiDocsGuard ? { uiHooks: { preHandler: options.apiDocsGuard } } : {}),
    });
  } else {
    app.get(
      '/api/docs/json',
      {
        schema: { hide: true },
        ...(options.apiDocsGuard ? { preHandler: options.apiDocsGuard } : {}),
      },
      () => app.swagger(),
    );
  }
  pageCache.store(app);
  app.addHook('onClose', async () => pageCache.clear());
  registerPreferenceRoutes(app);
  return app;
}

const PreferenceQuery = Type.Object({
  set: Type.Optional(Type.String({ maxLength: 8 })),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
});

function registerPreferenceRoutes(app: App): void {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, maxAge: 365 * 24 * 3600 };
  const options = {
    schema: { hide: true, querystring: PreferenceQuery },
    config: { permission: PUBLIC, input: { redirectTargets: ['next'] } },
  };
  app.get('/prefs/lang', options, (request, reply) => {
    reply.setCookie(LANG_COOKIE, request.query.set === 'en' ? 'en' : 'zh', cookieOptions);
    return reply.redirect(stripLang(safeNext(request.query.next)), 303);
  });
  app.get('/prefs/elder', options, (request, reply) => {
    reply.setCookie(ELDER_COOKIE, request.query.set === '1' ? '1' : '0', cookieOptions);
    return reply.redirect(safeNext(request.query.next), 303);
  });
}

/** A `lang` in the target's query would override the cookie just set, so drop it. */
function stripLang(next: string): string {
  const url = new URL(next, 'http://x');
  url.searchParams.delete('lang');
  return url.pathname + url.search;
}
