import type { FastifyInstance } from 'fastify';
import { isEmbedded, isPublicDemo, publicPortalUrl, trustedProxies } from './shared/config.ts';
import { mapTilesFrom } from './shared/map/tiles.ts';
import { WorkingDayCalendar } from './shared/calendar/working-days.ts';
import { createFieldSealer } from './shared/crypto/seal.ts';
import type { Database } from './shared/db/database.ts';
import type { QueueHandler } from './shared/jobs/queue.ts';
import { createLogger } from './shared/http/log-format.ts';
import { SandboxNotificationAdapter } from './shared/notify/adapter.ts';
import { zoneSecrets, type Secrets } from './shared/secrets.ts';
import type { InboxHandler } from './exchange/inbox.ts';
import { registerZoneSigner } from './exchange/outbox.ts';
import { keyringFrom } from './exchange/runtime.ts';
import { ZoneSigner, type Keyring } from './exchange/signing.ts';
import { refreshSearchTexts } from './portal/catalog/catalog.service.ts';
import { refreshArticleSearchTexts } from './portal/content/content.search.ts';
import { registerRatingLinkBase } from './portal/ratings/ratings.link.ts';
import type { ZoneServices } from './shared/zone.ts';
import { buildPortal } from './portal/app.ts';
import { loadPortalForms } from './portal/applications/applications.forms.ts';
import { paymentRuntimeFrom } from './portal/payments/payments.runtime.ts';
import { courierFrom } from './portal/delivery/delivery.courier.ts';
import type { FormVersions } from './shared/application-forms/index.ts';
import { buildWorkbench } from './workbench/app.ts';
import { registerWorkbenchCalendar } from './workbench/holidays/holidays.calendar.ts';
import { caseDocumentIssuer } from './workbench/cases/case-documents.issuer.ts';
import { registerCaseDocumentIssuer } from './workbench/cases/cases.documents.ts';
import { inboxHandlersFor, jobHandlersFor } from './zone-handlers.ts';
import { followCalendar } from './zone-calendar.ts';
import { databaseUrlOf, openZoneDatabase, type ZoneDatabaseOptions } from './zone-database.ts';

export { openZoneDatabase };

export type ZoneName = 'portal' | 'workbench';

export interface Zone {
  name: ZoneName;
  database: Database;
  services: ZoneServices;
  handlers: Record<string, QueueHandler>;
  /** What this zone does with each message type it may receive through the exchange. */
  inboxHandlers: Record<string, InboxHandler>;
  exchange: {
    /**
     * This zone's own signing key: it signs what the zone sends, in this process only (registered for send(),
     * and used by the worker for messages with files).
     */
    signer: ZoneSigner;
    /** The other zone's public keys: what arrives is checked against them before it is acted on. */
    keyring: Keyring;
  };
  /** The portal's online application forms, every version still in use, loaded when the zone opens. */
  forms?: FormVersions | undefined;
}

export interface ZoneOptions extends ZoneDatabaseOptions {
  secrets: Secrets;
}

/** Opens a zone's own database, migrates it, and assembles the services its features are given. */
export async function openZone(name: ZoneName, options: ZoneOptions): Promise<Zone> {
  const url = databaseUrlOf(name, options);
  const database = await openZoneDatabase(name, options);
  if (name === 'portal') {
    await refreshSearchTexts(database.db);
    await refreshArticleSearchTexts(database.db);
  }
  const own = zoneSecrets(options.secrets, name);
  const notifier = new SandboxNotificationAdapter(own.notifySecret);
  const services: ZoneServices = {
    db: database.db,
    sealer: createFieldSealer(own.fieldKey),
    notifier,
    // The SMS sandbox's outbox page shows every code sent: on the embedded install outside production, or on a
    // public demo asked for explicitly; never on a production service.
    embedded:
      isPublicDemo(options.config) ||
      (options.config.NODE_ENV !== 'production' && isEmbedded(options.config, name) && !url),
    log: createLogger(options.config.LOG_LEVEL).child({ zone: name }),
    now: () => new Date(),
    // Filled from the database below, before anything reads it, and kept following it by the worker.
    calendar: new WorkingDayCalendar(),
    authRateLimit: options.config.AUTH_RATE_LIMIT,
    sessionIdleMs: options.config.SESSION_IDLE_MINUTES * 60_000,
    payloadRetentionMs: options.config.EXCHANGE_PAYLOAD_RETENTION_HOURS * 3_600_000,
  };
  const handlers = jobHandlersFor(name, services, notifier, options.config);
  // The portal alone talks to the courier; the workbench asks it through the exchange.
  const courier = name === 'portal' ? courierFrom(options.config) : undefined;
  const inboxHandlers = inboxHandlersFor(name, services, () => courier);
  const other = name === 'portal' ? 'workbench' : 'portal';
  const exchange = {
    signer: ZoneSigner.fromPem(name, own.exchangeKey),
    keyring: keyringFrom({ [other]: options.secrets.exchangePublicKeys[other] }),
  };
  // send() signs with it in the caller's transaction, on the zone's clock (tests move services.now).
  registerZoneSigner(exchange.signer, { now: () => services.now() });
  await followCalendar({ name, database, services });
  if (name === 'workbench') registerWorkbenchCalendar(services.calendar);
  // Case steps issue their documents through this; one workbench runs per process, as one signer does.
  if (name === 'workbench')
    registerCaseDocumentIssuer(
      caseDocumentIssuer({
        sealer: services.sealer,
        portalBaseUrl: publicPortalUrl(options.config),
      }),
    );
  // A finished case's SMS links to its rating page at the portal's public address.
  if (name === 'portal') registerRatingLinkBase(publicPortalUrl(options.config));
  const forms = name === 'portal' ? loadPortalForms() : undefined;
  return { name, database, services, handlers, inboxHandlers, exchange, forms };
}

export async function buildZoneApp(
  zone: Zone,
  options: ZoneOptions & { apiDocsUi?: boolean | undefined },
): Promise<FastifyInstance> {
  const appOptions = {
    sessionSecret: zoneSecrets(options.secrets, zone.name).sessionSecret,
    production: options.config.NODE_ENV === 'production',
    trustedProxies: trustedProxies(options.config),
    logLevel: options.config.LOG_LEVEL,
    apiDocsUi: options.apiDocsUi,
    publicDemo: isPublicDemo(options.config),
    // A malformed template stops the start here, saying what is wrong with it.
    // Each zone's own setting: the workbench never shows the portal's tiles (see `MapTileSettings`).
    mapTiles: mapTilesFrom(options.config, zone.name),
  };
  return zone.name === 'portal'
    ? buildPortal(zone.services, {
        ...appOptions,
        forms: zone.forms ?? loadPortalForms(),
        portalBaseUrl: publicPortalUrl(options.config),
        payments: paymentRuntimeFrom(options.config),
        courier: courierFrom(options.config),
      })
    : buildWorkbench(zone.services, appOptions);
}

export { exchangeStep, startZoneWorker } from './zone-worker.ts';
