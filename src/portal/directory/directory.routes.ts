import Type from 'typebox';
import type { App } from '../../shared/http/app.ts';
import { varyOnAccept, wantsJson } from '../../shared/http/error-handler.ts';
import { AppError } from '../../shared/http/errors.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import { directoryClosedPage } from './directory.closed.tsx';
import { nearestUnits, resolvePlace, type PlaceProblem } from './directory.nearest.ts';
import { nearestPage } from './directory.nearest.pages.tsx';
import { registerOfficerRoutes } from './directory.officer.routes.ts';
import { directoryListPage, directoryUnitPage } from './directory.pages.tsx';
import {
  DirectoryDetailJson,
  DirectoryListJson,
  presentDirectoryUnit,
  presentOfficer,
} from './directory.presenter.ts';
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
const NearestQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ maxLength: 100 })),
    of: Type.Optional(Type.String({ maxLength: 32 })),
  },
  { additionalProperties: false },
);

const placeProblems: Record<PlaceProblem, { zh: string; en: string }> = {
  empty: {
    zh: '请输入您所在的区、道路或单位名称，或坐标',
    en: 'Enter your district, road or a unit’s name, or coordinates',
  },
  outside: {
    zh: '这个坐标不在示范市范围内（纬度约 30.37—30.67，经度约 114.16—114.49），请检查是否写反了纬度和经度',
    en: 'These coordinates are outside Shifan City (latitude about 30.37–30.67, longitude about 114.16–114.49); check that latitude comes first',
  },
  unknown: {
    zh: '没有找到这个地点，请输入区名（如 明湖区）、道路（如 湖滨路）或坐标（如 30.52, 114.31）',
    en: 'That place was not found: enter a district (e.g. Minghu), a road (e.g. Hubin) or coordinates (e.g. 30.52, 114.31)',
  },
};

// A code that cannot be a unit's is looked up as any other and not found (404).
const UnitParams = Type.Object({ code: Type.String({ maxLength: 40 }) }, { additionalProperties: false });

export function registerDirectoryRoutes(app: App, services: ZoneServices): void {
  app.get(
    '/directory',
    { schema: { querystring: ListQuery, response: { 200: DirectoryListJson } }, config: publicPage },
    async (request, reply) => {
      varyOnAccept(reply);
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

  // Static, so it is matched before /directory/:code.
  app.get(
    '/directory/nearest',
    { schema: { hide: true, querystring: NearestQuery }, config: publicPage },
    async (request, reply) => {
      const { from, of } = request.query;
      const ctx = portalContext(request, reply);
      const values = { from: from ?? '', of: isDirectoryKind(of) ? of : '' };
      // The bare page (no place asked yet) is only the form.
      if (from === undefined) return reply.html(nearestPage({ ctx, values, errors: [] }));
      // Every unit names places; only those of the kind asked for are candidates.
      const units = await listDirectory(services.db, {});
      const found = resolvePlace(from, units);
      if ('problem' in found) {
        const message = placeProblems[found.problem][request.lang];
        return reply.html(nearestPage({ ctx, values, errors: [{ field: 'from', message }] }), 422);
      }
      const candidates = isDirectoryKind(of) ? units.filter((u) => u.kind === of) : units;
      const near = nearestUnits(found.place.at, candidates, 10);
      return reply.html(nearestPage({ ctx, values, errors: [], place: found.place, near }));
    },
  );

  // Static, so it is matched before /directory/:code.
  registerOfficerRoutes(app, services);

  app.get(
    '/directory/:code',
    { schema: { params: UnitParams, response: { 200: DirectoryDetailJson } }, config: publicPage },
    async (request, reply) => {
      varyOnAccept(reply);
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
      if (wantsJson(request))
        return reply.send({
          unit: presentDirectoryUnit(unit),
          officer: presentOfficer(unit),
          area: unit.beat ?? null,
          services: handled,
        });
      const around = await neighboursOf(services.db, unit);
      return reply.html(
        directoryUnitPage({
          ctx: portalContext(request, reply),
          unit,
          around,
          services: handled,
          now: services.now(),
          calendar: services.calendar,
        }),
      );
    },
  );
}
