import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { workbenchContext } from '../page.ts';
import { requireStaff, staffOf } from '../session.ts';
import { allows } from '../staff/staff.policy.ts';
import { ancestorsOf, buildTree, childrenOf, findUnit, listUnits } from './org.repository.ts';
import * as pages from './org.pages.tsx';

const guarded = { schema: { hide: true }, preHandler: requireStaff };
const CODE = /^[A-Z0-9-]{2,40}$/;

export function registerOrgRoutes(app: FastifyInstance, services: ZoneServices): void {
  app.get('/org', guarded, async (request, reply) => {
    const all = await listUnits(services.db);
    return reply.html(
      pages.orgTreePage({ ctx: workbenchContext(request, reply), roots: buildTree(all), total: all.length }),
    );
  });

  app.get('/org/:code', guarded, async (request, reply) => {
    const code = (request.params as { code: string }).code;
    const unit = CODE.test(code) ? await findUnit(services.db, code) : undefined;
    if (!unit || !allows(staffOf(request), 'org.read', unit.path)) throw new AppError('NOT_FOUND');
    const [ancestors, children] = await Promise.all([
      ancestorsOf(services.db, unit),
      childrenOf(services.db, unit.code),
    ]);
    return reply.html(pages.unitPage({ ctx: workbenchContext(request, reply), unit, ancestors, children }));
  });
}
