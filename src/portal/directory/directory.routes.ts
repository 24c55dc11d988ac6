import Type from 'typebox';
import type { App } from '../../shared/http/app.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { AppError } from '../../shared/http/errors.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import { directoryClosedPage } from './directory.closed.tsx';
import { directoryListPage, directoryUnitPage } from './directory.pages.tsx';
import { DirectoryDetailJson, DirectoryListJson, presentDirectoryUnit } from './directory.presenter.ts';
import {
  directoryDistricts,
  findDirectoryUnit,
  listDirectory,
  neighboursOf,
  servicesAt,
  successorOf,
} from './directory.repository.ts';
import { isDirectoryKind } from './directory.words.ts';

// 机构名录 for everyone, as pages and (with Accept: application/json) as JSON from the same presenter. The
// same for every anonymous visitor, so the page cache keeps them briefly; a directory message drops them.

const publicPage = { permission: PUBLIC, publicCache: true } as const;

const ListQuery = Type.Object(
  {
    district: Type.Optional(Type.String({ maxLength: 30 })),
    kind: Type.Optional(Type.String({ maxLength: 32 })),
    q: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);
// A code that cannot be a unit's is looked up as any other and not found (404).
const UnitParams = Type.Object({ code: Type.String({ maxLength: 40 }) }, { additionalProperties: false });

export function registerDirectoryRoutes(app: App, services: ZoneServices): void {
  app.get(
    '/directory',
    { schema: { querystring: ListQuery, response: { 200: DirectoryListJson } }, config: publicPage },
    async (request, reply) => {
      const { district, kind, q } = request.query;
      // An unknown kind or district filters nothing out rather than failing: the form only offers real ones.
      const filter = {
        district: district?.trim() || undefined,
        kind: isDirectoryKind(kind) ? kind : undefined,
        q: q?.trim() || undefined,
      };
      const units = await listDirectory(services.db, filter);
      if (wantsJson(request))
        return reply.send({ total: units.length, units: units.map(presentDirectoryUnit) });
      const districts = await directoryDistricts(services.db);
      return reply.html(directoryListPage({ ctx: portalContext(request, reply), units, districts, filter }));
    },
  );

  app.get(
    '/directory/:code',
    { schema: { params: UnitParams, response: { 200: DirectoryDetailJson } }, config: publicPage },
    async (request, reply) => {
      const { code } = request.params;
      const unit = /^[A-Z0-9-]{2,40}$/.test(code) ? await findDirectoryUnit(services.db, code) : undefined;
      if (!unit) throw new AppError('NOT_FOUND');
      // A unit the directory once listed is gone, not missing: the page says so and where its work went.
      if (unit.withdrawnAt) {
        if (wantsJson(request)) throw new AppError('GONE');
        const successor = await successorOf(services.db, unit);
        return reply.html(directoryClosedPage({ ctx: portalContext(request, reply), unit, successor }), 410);
      }
      const handled = await servicesAt(services.db, unit);
      if (wantsJson(request)) return reply.send({ unit: presentDirectoryUnit(unit), services: handled });
      const around = await neighboursOf(services.db, unit);
      return reply.html(
        directoryUnitPage({
          ctx: portalContext(request, reply),
          unit,
          around,
          services: handled,
          now: services.now(),
        }),
      );
    },
  );
}
