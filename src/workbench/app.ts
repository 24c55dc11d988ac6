import type { FastifyInstance } from 'fastify';
import { createApp } from '../shared/http/app.ts';
import type { ZoneServices } from '../shared/zone.ts';
import type { PageContext } from '../shared/ui/context.ts';
import { errorPage } from './home/home.pages.tsx';
import { registerHomeRoutes } from './home/home.routes.ts';
import { staffLoader } from './session.ts';

/** The police network zone: the officers' workbench. */
export async function buildWorkbench(
  services: ZoneServices,
  options: { sessionSecret: string; production: boolean; logLevel: string },
): Promise<FastifyInstance> {
  const app = await createApp({
    zone: 'workbench',
    db: services.db,
    sessionSecret: options.sessionSecret,
    production: options.production,
    logLevel: options.logLevel,
    title: 'OpenPSB workbench API',
    renderErrorPage: (request, view) => {
      const ctx: PageContext = {
        zone: 'workbench',
        lang: request.lang,
        elder: request.elder,
        path: request.url,
      };
      return errorPage(ctx, view);
    },
  });
  app.addHook('preHandler', staffLoader(services.db));
  registerHomeRoutes(app, services);
  return app;
}
