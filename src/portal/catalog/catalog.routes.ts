import { readFileSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { areaCodes, lifeEventCodes } from '../../shared/catalog/index.ts';
import { fileHeaders } from '../../shared/files/file-response.ts';
import type { App } from '../../shared/http/app.ts';
import { AppError } from '../../shared/http/errors.ts';
import { acceptsGzip } from '../../shared/http/html-cache.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { PageContext } from '../../shared/ui/context.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import { registerCatalogApi } from './catalog.api.ts';
import { CatalogPageCache, type CachedPage } from './catalog.cache.ts';
import {
  catalogHomePage,
  catalogHref,
  itemListPage,
  listBase,
  searchPage,
  type ListKind,
} from './catalog.pages.tsx';
import { parseQuery } from './catalog.search.ts';
import { readDocument } from './catalog.documents.ts';
import * as service from './catalog.service.ts';
import { guidePage } from './guide.pages.tsx';
import { withdrawnPage } from './withdrawn.pages.tsx';

// The catalogue is open to everyone. Its addresses are shared and bookmarked, so an odd audience or page number
// in the query shows the ordinary page rather than an error: those fields are free text, read leniently below.
const AudienceAndPage = Type.Object({
  audience: Type.Optional(Type.String({ maxLength: 16 })),
  page: Type.Optional(Type.String({ maxLength: 16 })),
});
const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 1000 })),
  page: Type.Optional(Type.String({ maxLength: 16 })),
});

function audienceOf(value: unknown): service.AudienceFilter | undefined {
  return value === 'person' || value === 'company' ? value : undefined;
}

/** Page numbers from the address bar: anything odd means the first page rather than an error. */
function pageOf(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return Math.max(1, n);
}

/**
 * Anonymous visitors of one language and mode all see the same page. A signed-in visitor's page carries their
 * name and the logout form's CSRF token, so it is never cached.
 */
function anonymous(request: FastifyRequest): boolean {
  return !request.citizen && !request.session?.subject;
}

/** A cached page's language and mode switches must point at the canonical address, not one visitor's query. */
function pageContext(request: FastifyRequest, reply: FastifyReply, path: string): PageContext {
  return { ...portalContext(request, reply), path };
}

function sendPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage | string) {
  if (typeof page === 'string') return reply.html(page);
  reply.header('vary', 'accept-encoding');
  // Browsers all accept gzip; a client that refuses it (q=0) or does not say gets the plain page.
  if (!acceptsGzip(request.headers['accept-encoding'])) return reply.html(page.html);
  return reply.header('content-encoding', 'gzip').type('text/html; charset=utf-8').send(page.gzip);
}

// Anonymous visitors share these pages: the app's page cache answers repeats before any other work.
const publicPage = { permission: PUBLIC, publicCache: true };

export function registerCatalogRoutes(app: App, services: ZoneServices): void {
  const { db } = services;
  const cache = new CatalogPageCache(() => services.now().getTime());
  app.addHook('onClose', async () => cache.dispose());
  const css = readFileSync(new URL('./catalog.css', import.meta.url), 'utf8');

  /** Serves `render()` from the cache when the visitor is anonymous, keyed by address, language and mode. */
  async function cachedList(
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    render: (ctx: PageContext) => Promise<string>,
  ) {
    if (!anonymous(request)) return reply.html(await render(portalContext(request, reply)));
    const key = `${path}|${request.lang}|${request.elder ? 1 : 0}`;
    const cached = cache.list(key);
    if (cached) return sendPage(request, reply, cached);
    const html = await render(pageContext(request, reply, path));
    return sendPage(request, reply, cache.storeList(key, html) ?? html);
  }

  app.get(
    '/services/catalog.css',
    { schema: { hide: true }, config: { permission: PUBLIC } },
    async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(css),
  );

  const listQuery = { schema: { hide: true, querystring: AudienceAndPage }, config: publicPage };

  app.get('/services', listQuery, async (request, reply) => {
    const audience = audienceOf(request.query.audience) ?? 'person';
    const path = catalogHref('/services', { audience: audience === 'company' ? audience : undefined });
    return cachedList(request, reply, path, async (ctx) =>
      catalogHomePage(ctx, audience, await service.countItems(db, audience)),
    );
  });

  const listRoute = async (
    request: FastifyRequest,
    reply: FastifyReply,
    query: { audience?: string | undefined; page?: string | undefined },
    list: ListKind,
  ) => {
    const audience = audienceOf(query.audience);
    const page = pageOf(query.page);
    const filter = list.kind === 'area' ? { area: list.area } : { lifeEvent: list.event };
    const path = catalogHref(listBase(list), { audience, page });
    return cachedList(request, reply, path, async (ctx) =>
      itemListPage(ctx, list, audience, await service.listItems(db, { ...filter, audience, page })),
    );
  };

  // An unknown area or life event is a page that does not exist (404), not a malformed request.
  app.get(
    '/services/areas/:area',
    {
      schema: { ...listQuery.schema, params: Type.Object({ area: Type.String({ maxLength: 32 }) }) },
      config: publicPage,
    },
    async (request, reply) => {
      const area = areaCodes.find((code) => code === request.params.area);
      if (!area) throw new AppError('NOT_FOUND');
      return listRoute(request, reply, request.query, { kind: 'area', area });
    },
  );

  app.get(
    '/services/life-events/:event',
    {
      schema: { ...listQuery.schema, params: Type.Object({ event: Type.String({ maxLength: 32 }) }) },
      config: publicPage,
    },
    async (request, reply) => {
      const event = lifeEventCodes.find((code) => code === request.params.event);
      if (!event) throw new AppError('NOT_FOUND');
      return listRoute(request, reply, request.query, { kind: 'event', event });
    },
  );

  app.get(
    '/services/search',
    { schema: { hide: true, querystring: SearchQuery }, config: { permission: PUBLIC } },
    async (request, reply) => {
      const query = request.query;
      const ctx = portalContext(request, reply);
      // Arriving from the menu, without a query, is not an error.
      if (query.q === undefined) return reply.html(searchPage(ctx, { state: 'blank' }));
      const text = query.q;
      const parsed = parseQuery(text);
      if (typeof parsed === 'string') {
        const error = service.queryError(parsed, request.lang);
        const message = error.fields[0]?.message ?? '';
        return reply.html(searchPage(ctx, { state: 'error', text: text.slice(0, 200), message }), 422);
      }
      const result = await service.searchItems(db, text, { page: pageOf(query.page), lang: request.lang });
      return reply.html(searchPage(ctx, { state: 'done', result }));
    },
  );

  app.get(
    '/services/items/:id',
    {
      schema: { hide: true, params: Type.Object({ id: Type.String({ maxLength: 64 }) }) },
      config: publicPage,
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!service.ITEM_ID.test(id)) throw new AppError('NOT_FOUND');
      // A withdrawn guide's address says where to go instead (410); one that never existed is a 404.
      const gone = async () => {
        const withdrawn = await service.findWithdrawn(db, id);
        if (!withdrawn) throw new AppError('NOT_FOUND');
        return reply.html(withdrawnPage(portalContext(request, reply), withdrawn), 410);
      };
      if (!anonymous(request)) {
        const found = await service.findItem(db, id);
        return found ? reply.html(guidePage(portalContext(request, reply), found)) : gone();
      }
      const version = await cache.version(id, () => service.findVersion(db, id));
      if (version === null) return gone();
      const variant = `${request.lang}|${request.elder ? 1 : 0}`;
      const cached = cache.guide(id, version, variant);
      if (cached) return sendPage(request, reply, cached);
      const published = await service.getItem(db, id);
      const html = guidePage(pageContext(request, reply, `/services/items/${id}`), published);
      return sendPage(request, reply, cache.storeGuide(id, published.version, variant, html) ?? html);
    },
  );

  // Blank forms and samples, from the portal's own copy, saved rather than opened (see shared/files/file-response).
  // The content hash is the ETag, so a browser that has the file asks once and gets a 304.
  const FileParams = Type.Object({
    folder: Type.String({ maxLength: 16 }),
    name: Type.String({ maxLength: 100 }),
  });
  app.get(
    '/services/files/:folder/:name',
    { schema: { hide: true, params: FileParams }, config: { permission: PUBLIC } },
    async (request, reply) => {
      const { folder, name } = request.params;
      const doc = await readDocument(db, `${folder}/${name}`);
      if (!doc) throw new AppError('NOT_FOUND');
      const etag = `"${doc.sha256}"`;
      fileHeaders(reply, { type: 'application/pdf', name: `${doc.title}.pdf`, asciiName: name })
        .header('etag', etag)
        .header('cache-control', 'public, max-age=300');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.send(doc.content);
    },
  );

  registerCatalogApi(app, services);
}
