import type { App } from '../../shared/http/app.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { findUnit } from '../org/org.repository.ts';
import { workbenchContext } from '../page.ts';
import { staffOf } from '../session.ts';
import { roleLabel } from '../staff/roles.ts';
import { homePage } from './home.pages.tsx';
import { todoFor } from './home.todo.ts';

export function registerHomeRoutes(app: App, services: ZoneServices): void {
  app.get('/', { schema: { hide: true }, config: { permission: 'home.view' } }, async (request, reply) => {
    const me = staffOf(request);
    const unit = await findUnit(services.db, me.unitCode);
    const roles = [...new Set(me.assignments.map((a) => roleLabel(a.role, request.lang)))];
    return reply.html(
      homePage(workbenchContext(request, reply), {
        unitName: (request.lang === 'en' ? unit?.nameEn : undefined) ?? unit?.name ?? me.unitCode,
        roles,
        todo: await todoFor(services, me, request.lang),
      }),
    );
  });
}
