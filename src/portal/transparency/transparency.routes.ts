import type { FastifyRequest } from 'fastify';
import type { App } from '../../shared/http/app.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import { latestFigures, latestStamp } from './transparency.repository.ts';
import { transparencyPage } from './transparency.pages.tsx';

// The public transparency page. The figures change once a day, so the rendered page is kept in memory, per
// address, language and mode, until newer figures are stored (each request reads only which figures are the
// latest); anonymous visitors get a Cache-Control that lets browsers and proxies keep it for a while too.

const MAX_AGE_SECONDS = 600;
const MAX_ENTRIES = 200;

export function registerTransparencyRoutes(app: App, services: ZoneServices): void {
  const rendered = new Map<string, { stamp: string; html: string }>();
  const keyOf = (request: FastifyRequest) =>
    `${request.url}|${request.lang}|${request.elder ? 1 : 0}|${request.publicDemo ? 1 : 0}`;

  app.get(
    '/transparency',
    { schema: { hide: true }, config: { permission: PUBLIC, publicCache: true } },
    async (request, reply) => {
      // A signed-in visitor's page carries his name in the header: made for him, and never kept.
      if (request.citizen) {
        const row = await latestFigures(services.db);
        return reply.html(transparencyPage(portalContext(request, reply), row));
      }
      const stamp = (await latestStamp(services.db)) ?? 'none';
      const key = keyOf(request);
      let hit = rendered.get(key);
      if (hit?.stamp !== stamp) {
        const row = await latestFigures(services.db);
        hit = {
          stamp: row?.publishedAt.toISOString() ?? 'none',
          html: transparencyPage(portalContext(request, reply), row),
        };
        if (rendered.size >= MAX_ENTRIES) rendered.clear();
        rendered.set(key, hit);
      }
      return reply.header('cache-control', `public, max-age=${MAX_AGE_SECONDS}`).html(hit.html);
    },
  );
}
