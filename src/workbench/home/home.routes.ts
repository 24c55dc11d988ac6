import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import type { ZoneServices } from '../../shared/zone.ts';
import { units } from '../db/schema.ts';
import { workbenchContext } from '../page.ts';
import { requireStaff, staffOf } from '../session.ts';
import { homePage } from './home.pages.tsx';
import { roleLabel } from '../staff/roles.ts';
import { todoFor } from './home.todo.ts';

export function registerHomeRoutes(app: FastifyInstance, services: ZoneServices): void {
  app.get('/', { schema: { hide: true }, preHandler: requireStaff }, async (request, reply) => {
    const me = staffOf(request);
    const [unit] = await services.db
      .select({ name: units.name })
      .from(units)
      .where(eq(units.code, me.unitCode));
    const roles = [...new Set(me.assignments.map((a) => roleLabel(a.role, request.lang)))];
    return reply.html(
      homePage(workbenchContext(request, reply), {
        unitName: unit?.name ?? me.unitCode,
        roles,
        todo: await todoFor(services, me, request.lang),
      }),
    );
  });
}
