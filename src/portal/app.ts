import { idlePolicyOf, registerKeepAlive } from '../shared/http/idle-session.ts';
import { createApp, type App } from '../shared/http/app.ts';
import type { ZoneServices } from '../shared/zone.ts';
import { registerAccountRoutes } from './accounts/accounts.routes.ts';
import { registerBookingConfirmationRoutes } from './appointments/appointments.confirmation.routes.ts';
import { registerAppointmentRoutes } from './appointments/appointments.routes.ts';
import { registerApplicationRoutes } from './applications/applications.routes.ts';
import { registerApplicationApi } from './applications/applications.api.ts';
import type { FormVersions } from '../shared/application-forms/index.ts';
import { registerCaseRoutes } from './cases/cases.routes.ts';
import { registerCatalogRoutes } from './catalog/catalog.routes.ts';
import { registerCompanyRoutes } from './companies/companies.routes.ts';
import { registerDevRoutes } from './dev/dev.routes.tsx';
import { registerHomeRoutes } from './home/home.routes.ts';
import { registerDirectoryRoutes } from './directory/directory.routes.ts';
import { registerContentRoutes } from './content/content.routes.ts';
import { registerMuseumRoutes } from './museum/museum.routes.ts';
import { registerApprovalResultRoutes } from './approval-results/approval-results.routes.ts';
import { registerLetterRoutes } from './letters/letters.routes.ts';
import { registerMapRoutes } from './map/map.routes.tsx';
import { registerOpen311Routes } from './open311/open311.routes.ts';
import { registerAnswerRoutes } from './answers/answers.routes.ts';
import { registerRatingRoutes } from './ratings/ratings.routes.ts';
import { registerQuestionnaireRoutes } from './questionnaires/questionnaires.routes.ts';
import { registerPaymentRoutes } from './payments/payments.routes.ts';
import { registerTransparencyRoutes } from './transparency/transparency.routes.ts';
import { registerTrafficDecisionRoutes } from './traffic/traffic.decision.routes.ts';
import { registerTrafficRoutes } from './traffic/traffic.routes.ts';
import type { PaymentRuntime } from './payments/payments.service.ts';
import type { Courier } from './delivery/delivery.courier.ts';
import { registerDeliveryRoutes } from './delivery/delivery.routes.ts';
import { errorPage } from './home/home.pages.tsx';
import { portalPolicy } from './policy.ts';
import { citizenLoader, sessionWithCitizen } from './session.ts';
import type { PageContext } from '../shared/ui/context.ts';
import type { MapTiles } from '../shared/map/tiles.ts';

/** The internet zone: the public site and its JSON API. */
export async function buildPortal(
  services: ZoneServices,
  options: {
    sessionSecret: string;
    production: boolean;
    logLevel: string;
    trustedProxies: string[];
    apiDocsUi?: boolean | undefined;
    publicDemo?: boolean;
    /** The online application forms (applications.forms.ts). */
    forms: FormVersions;
    /** Where the QR codes and verification links on documents lead (PUBLIC_PORTAL_URL). */
    portalBaseUrl: string;
    /** The payment gateway; without one, fees are shown but cannot be paid online. */
    payments?: PaymentRuntime | undefined;
    /** The courier; without one, results are collected at the hall. */
    courier?: Courier | undefined;
    /** An outside tile service under the maps (MAP_TILE_URL). */
    mapTiles?: MapTiles | undefined;
  },
): Promise<App> {
  const idle = idlePolicyOf(services);
  const app = await createApp({
    zone: 'portal',
    kernel: {
      registry: portalPolicy,
      loadActor: citizenLoader(services.db, idle),
      actorOf: (request) => request.citizen,
      signInPath: '/login',
    },
    db: services.db,
    sessionRead: sessionWithCitizen,
    sessionSecret: options.sessionSecret,
    production: options.production,
    trustedProxies: options.trustedProxies,
    logLevel: options.logLevel,
    apiDocsUi: options.apiDocsUi,
    now: () => services.now(),
    publicDemo: options.publicDemo ?? false,
    mapTiles: options.mapTiles,
    title: 'OpenPSB portal API',
    renderErrorPage: (request, view) => {
      const ctx: PageContext = {
        zone: 'portal',
        lang: request.lang,
        elder: request.elder,
        path: request.url,
        demo: request.publicDemo,
      };
      return errorPage(ctx, view);
    },
  });
  registerKeepAlive(app, idle, 'account.use');
  registerHomeRoutes(app, services);
  registerCatalogRoutes(app, services);
  registerContentRoutes(app, services, options.portalBaseUrl);
  registerMuseumRoutes(app, services);
  registerApprovalResultRoutes(app, services);
  registerDirectoryRoutes(app, services);
  registerMapRoutes(app);
  registerAccountRoutes(app, services);
  registerCompanyRoutes(app, services);
  // The zone's services with the forms: read through to the zone's own object, so a test's clock still moves.
  const applying = Object.assign(Object.create(services) as ZoneServices, {
    forms: options.forms,
    courier: options.courier,
  });
  registerApplicationRoutes(app, applying, options.portalBaseUrl);
  registerApplicationApi(app, applying);
  registerCaseRoutes(app, services, options.courier);
  registerDeliveryRoutes(app, applying);
  registerAppointmentRoutes(app, services);
  registerBookingConfirmationRoutes(app, services, options.portalBaseUrl);
  registerLetterRoutes(app, services);
  registerOpen311Routes(app, services, options.portalBaseUrl);
  registerAnswerRoutes(app, services);
  registerQuestionnaireRoutes(app, services);
  registerRatingRoutes(app, services);
  registerPaymentRoutes(app, services, options.payments, options.portalBaseUrl);
  registerTrafficRoutes(app, services);
  registerTrafficDecisionRoutes(app, services, options.portalBaseUrl);
  registerTransparencyRoutes(app, services);
  registerDevRoutes(app, services);
  return app;
}
