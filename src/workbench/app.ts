import { idlePolicyOf, registerKeepAlive } from '../shared/http/idle-session.ts';
import { createApp, type App } from '../shared/http/app.ts';
import type { ZoneServices } from '../shared/zone.ts';
import type { PageContext } from '../shared/ui/context.ts';
import { errorPage } from './home/home.pages.tsx';
import { registerHomeRoutes } from './home/home.routes.ts';
import { navFor } from './nav.ts';
import { workbenchPolicy } from './policy.ts';
import { staffLoader, staffOnlyDocs } from './session.ts';
import { registerAppointmentRoutes } from './appointments/appointments.routes.ts';
import { registerAuditRoutes } from './audit/audit.routes.ts';
import { registerCaseFeeRoutes } from './case-fees/case-fees.routes.ts';
import { registerCaseRoutes } from './cases/cases.routes.ts';
import { registerDeliveryRoutes } from './delivery/delivery.routes.ts';
import { registerFinanceRoutes } from './finance/finance.routes.ts';
import { registerLetterRoutes } from './letters/letters.routes.ts';
import { registerRatingRoutes } from './ratings/ratings.routes.ts';
import { registerKbRoutes } from './kb/kb.routes.ts';
import { registerQaRoutes } from './qa/qa.routes.ts';
import { registerQuestionnaireRoutes } from './questionnaires/questionnaires.routes.ts';
import { registerTrafficRoutes } from './traffic/traffic.routes.ts';
import { registerCatalogAuthoringRoutes } from './catalog-authoring/catalog-authoring.routes.ts';
import { registerContentRoutes } from './content/content.routes.ts';
import { registerExchangeMonitorRoutes } from './exchange-monitor/exchange-monitor.routes.ts';
import { registerOpen311KeyRoutes } from './open311-keys/open311-keys.routes.ts';
import { registerHolidayRoutes } from './holidays/holidays.routes.ts';
import { registerOrgRoutes } from './org/org.routes.ts';
import { registerLoginRoutes } from './staff/login.routes.ts';
import { registerStaffRoutes } from './staff/staff.routes.ts';
import { registerStatisticsRoutes } from './statistics/statistics.routes.ts';
import type { MapTiles } from '../shared/map/tiles.ts';
import { registerSupervisionRoutes } from './supervision/supervision.routes.ts';

/** The police network zone: the officers' workbench. */
export async function buildWorkbench(
  services: ZoneServices,
  options: {
    sessionSecret: string;
    production: boolean;
    logLevel: string;
    trustedProxies: string[];
    apiDocsUi?: boolean | undefined;
    publicDemo?: boolean;
    /** An outside tile service under the maps (WORKBENCH_MAP_TILE_URL, never the portal's MAP_TILE_URL). */
    mapTiles?: MapTiles | undefined;
  },
): Promise<App> {
  const idle = idlePolicyOf(services);
  const app = await createApp({
    zone: 'workbench',
    kernel: {
      registry: workbenchPolicy,
      loadActor: staffLoader(services.db, idle),
      actorOf: (request) => request.staff,
      signInPath: '/staff/login',
    },
    db: services.db,
    sessionSecret: options.sessionSecret,
    production: options.production,
    trustedProxies: options.trustedProxies,
    logLevel: options.logLevel,
    apiDocsUi: options.apiDocsUi,
    now: () => services.now(),
    publicDemo: options.publicDemo ?? false,
    mapTiles: options.mapTiles,
    title: 'OpenPSB workbench API',
    // The workbench's routes and their shapes are for signed-in staff only.
    apiDocsGuard: staffOnlyDocs(services.db, idle),
    renderErrorPage: (request, view) => {
      const ctx: PageContext = {
        zone: 'workbench',
        lang: request.lang,
        elder: request.elder,
        path: request.url,
        demo: request.publicDemo,
        // A visitor who is not signed in (an unknown address, say) is not shown the sections at all.
        nav: navFor(request),
      };
      return errorPage(ctx, view);
    },
  });
  registerKeepAlive(app, idle, 'home.view');
  registerHomeRoutes(app, services);
  registerLoginRoutes(app, services);
  registerStaffRoutes(app, services);
  registerOrgRoutes(app, services);
  registerAuditRoutes(app, services);
  registerExchangeMonitorRoutes(app, services);
  registerCatalogAuthoringRoutes(app, services);
  registerCaseRoutes(app, services);
  registerDeliveryRoutes(app, services);
  registerCaseFeeRoutes(app, services);
  registerContentRoutes(app, services);
  registerAppointmentRoutes(app, services);
  registerSupervisionRoutes(app, services);
  registerLetterRoutes(app, services);
  registerStatisticsRoutes(app, services);
  registerRatingRoutes(app, services);
  registerOpen311KeyRoutes(app, services);
  registerHolidayRoutes(app, services);
  registerFinanceRoutes(app, services);
  registerKbRoutes(app, services);
  registerQaRoutes(app, services);
  registerTrafficRoutes(app, services);
  registerQuestionnaireRoutes(app, services);
  return app;
}
