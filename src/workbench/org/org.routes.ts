import Type from 'typebox';
import type { App } from '../../shared/http/app.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { workbenchContext } from '../page.ts';
import { workbenchPolicy } from '../policy.ts';
import { ancestorsOf, buildTree, childrenOf, findUnit, listUnits } from './org.repository.ts';
import * as pages from './org.pages.tsx';
import { presentUnit, UnitDetailJson, UnitListJson } from './org.presenter.ts';

const CODE = /^[A-Z0-9-]{2,40}$/;
const read = { permission: 'org.read' };
// A code that cannot be a unit's is looked up as any other and not found (404), not refused as malformed.
const UnitParams = Type.Object({ code: Type.String({ maxLength: 40 }) });

export function registerOrgRoutes(app: App, services: ZoneServices): void {
  app.get('/org', { schema: { response: { 200: UnitListJson } }, config: read }, async (request, reply) => {
    const all = await listUnits(services.db);
    if (wantsJson(request)) return reply.send({ total: all.length, units: all.map(presentUnit) });
    return reply.html(
      pages.orgTreePage({ ctx: workbenchContext(request, reply), roots: buildTree(all), total: all.length }),
    );
  });

  app.get(
    '/org/:code',
    { schema: { params: UnitParams, response: { 200: UnitDetailJson } }, config: read },
    async (request, reply) => {
      const { code } = request.params;
      const unit = CODE.test(code) ? await findUnit(services.db, code) : undefined;
      if (!unit) throw new AppError('NOT_FOUND');
      mustAllow(workbenchPolicy, request.staff, 'org.read', unit);
      const [ancestors, children] = await Promise.all([
        ancestorsOf(services.db, unit),
        childrenOf(services.db, unit.code),
      ]);
      const view = {
        unit: presentUnit(unit),
        ancestors: ancestors.map(presentUnit),
        children: children.map(presentUnit),
      };
      if (wantsJson(request)) return reply.send(view);
      return reply.html(pages.unitPage({ ctx: workbenchContext(request, reply), ...view }));
    },
  );
}
