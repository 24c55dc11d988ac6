import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { isEmbedded, isPublicDemo, trustedProxies, type Config } from './shared/config.ts';
import { createFieldSealer } from './shared/crypto/seal.ts';
import { openDatabase, type Database } from './shared/db/database.ts';
import { startWorker, type JobHandler, type Worker } from './shared/jobs/queue.ts';
import { createLogger } from './shared/http/log-format.ts';
import { SandboxNotificationAdapter } from './shared/notify/adapter.ts';
import { NOTIFY_QUEUE, notificationJob } from './shared/notify/notifications.ts';
import { zoneSecrets, type Secrets } from './shared/secrets.ts';
import { purgeCrossedPayloads } from './exchange/retention.ts';
import { processInbox, type InboxHandler } from './exchange/inbox.ts';
import { messageHandlers } from './exchange/facade.ts';
import { registerZoneSigner } from './exchange/outbox.ts';
import { keyringFrom } from './exchange/runtime.ts';
import { signOutbox } from './exchange/signer.ts';
import { ZoneSigner, type Keyring } from './exchange/signing.ts';
import { purgeExpiredSessions } from './shared/http/session-store.ts';
import { purgeStaleAttempts } from './shared/auth/throttle.ts';
import { catalogInboxHandlers } from './portal/catalog/catalog.inbox.ts';
import { refreshSearchTexts } from './portal/catalog/catalog.service.ts';
import { contentInboxHandlers } from './portal/content/content.inbox.ts';
import { approvalResultInboxHandlers } from './portal/approval-results/approval-results.inbox.ts';
import { directoryInboxHandlers } from './portal/directory/directory.inbox.ts';
import { caseInboxHandlers as portalCaseHandlers } from './portal/cases/cases.inbox.ts';
import { appointmentInboxHandlers } from './portal/appointments/appointments.inbox.ts';
import { REMINDER_QUEUE, reminderJob } from './portal/appointments/appointments.reminders.ts';
import { letterStatusHandler } from './portal/letters/letters.service.ts';
import { open311InboxHandlers } from './portal/open311/open311.service.ts';
import {
  RATING_DEFAULT_QUEUE,
  ratingDefaultJob,
  scheduleRatingDefaults,
} from './portal/ratings/ratings.defaults.ts';
import { registerRatingLinkBase } from './portal/ratings/ratings.link.ts';
import { rectificationReplyHandler, windowRatingHandler } from './portal/ratings/ratings.service.ts';
import { ratingInboxHandlers } from './workbench/ratings/ratings.intake.ts';
import { realnameResultHandler } from './portal/realname/realname.service.ts';
import { paymentInboxHandlers } from './portal/payments/payments.inbox.ts';
import { caseFeeInboxHandlers } from './workbench/case-fees/case-fees.inbox.ts';
import { trafficInboxHandlers } from './workbench/traffic/traffic.inbox.ts';
import { trafficInboxHandlers as portalTrafficHandlers } from './portal/traffic/traffic.inbox.ts';
import { realnameRequestHandler } from './workbench/registry/registry.service.ts';
import { companyResultHandler } from './portal/companies/companies.service.ts';
import { companyVerifyRequestHandler } from './workbench/market-registry/market-registry.service.ts';
import { appointmentInboxHandlers as workbenchAppointmentHandlers } from './workbench/appointments/appointments.service.ts';
import { caseInboxHandlers as workbenchCaseHandlers } from './workbench/cases/cases.intake.ts';
import { letterInboxHandlers } from './workbench/letters/letters.intake.ts';
import { kbInboxHandlers } from './workbench/kb/kb.intake.ts';
import { questionnaireInboxHandlers } from './workbench/questionnaires/questionnaires.service.ts';
import { questionnaireInboxHandlers as portalQuestionnaireHandlers } from './portal/questionnaires/questionnaires.inbox.ts';
import { answerInboxHandlers } from './portal/answers/answers.inbox.ts';
import {
  DEEMED_ACCEPTANCE_QUEUE,
  deemedAcceptanceJob,
  scheduleDeemedAcceptance,
} from './workbench/cases/cases.deemed.ts';
import {
  ESCALATION_QUEUE,
  escalationJob,
  scheduleEscalation,
} from './workbench/supervision/supervision.escalation.ts';
import {
  STATISTICS_QUEUE,
  scheduleStatistics,
  statisticsJob,
} from './workbench/statistics/statistics.service.ts';
import { transparencyInboxHandlers } from './portal/transparency/transparency.inbox.ts';
import { dutyMobile, exchangeAlarmStep } from './workbench/exchange-monitor/exchange-monitor.alarms.ts';
import type { ZoneServices } from './shared/zone.ts';
import { buildPortal } from './portal/app.ts';
import { loadPortalForms } from './portal/applications/applications.forms.ts';
import { paymentRuntimeFrom } from './portal/payments/payments.runtime.ts';
import { courierFrom } from './portal/delivery/delivery.courier.ts';
import { deliveryRequestedHandler } from './portal/delivery/delivery.service.ts';
import { deliveryInboxHandlers } from './workbench/delivery/delivery.service.ts';
import { REFUND_QUEUE, refundJob } from './portal/payments/payments.refunds.ts';
import {
  RECONCILE_QUEUE,
  reconcileJob,
  reconciliationRequestedHandler,
  scheduleReconciliation,
} from './portal/payments/payments.reconciliation-report.ts';
import { financeInboxHandlers } from './workbench/finance/finance.intake.ts';
import type { FormVersions } from './shared/application-forms/index.ts';
import { buildWorkbench } from './workbench/app.ts';
import { caseDocumentIssuer } from './workbench/cases/case-documents.issuer.ts';
import { releaseDue } from './workbench/content/content.review.ts';
import { registerCaseDocumentIssuer } from './workbench/cases/cases.documents.ts';

export type ZoneName = 'portal' | 'workbench';

const migrationsRoot = path.resolve(import.meta.dirname, '../migrations');

export interface Zone {
  name: ZoneName;
  database: Database;
  services: ZoneServices;
  handlers: Record<string, JobHandler>;
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

export interface ZoneOptions {
  config: Config;
  secrets: Secrets;
  /** Overrides the database choice (tests): a postgres URL, or a PGlite directory / memory://. */
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** An embedded database to start from instead of an empty one (tests: a dump taken after migrating). */
  initialData?: Blob | undefined;
}

function databaseUrlOf(name: ZoneName, options: Omit<ZoneOptions, 'secrets'>): string | undefined {
  return (
    options.databaseUrl ??
    (name === 'portal' ? options.config.PORTAL_DATABASE_URL : options.config.WORKBENCH_DATABASE_URL)
  );
}

/** A zone's database alone, migrated: what the relay opens, holding none of the zone's secrets. */
export async function openZoneDatabase(
  name: ZoneName,
  options: Omit<ZoneOptions, 'secrets'>,
): Promise<Database> {
  const dataDir = options.dataDir ?? path.join(options.config.DATA_DIR, name);
  const database = await openDatabase({
    url: databaseUrlOf(name, options),
    dataDir,
    initialData: options.initialData,
  });
  await database.migrate(path.join(migrationsRoot, name));
  return database;
}

/** Opens a zone's own database, migrates it, and assembles the services its features are given. */
export async function openZone(name: ZoneName, options: ZoneOptions): Promise<Zone> {
  const url = databaseUrlOf(name, options);
  const database = await openZoneDatabase(name, options);
  if (name === 'portal') await refreshSearchTexts(database.db);
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
    authRateLimit: options.config.AUTH_RATE_LIMIT,
    sessionIdleMs: options.config.SESSION_IDLE_MINUTES * 60_000,
    payloadRetentionMs: options.config.EXCHANGE_PAYLOAD_RETENTION_HOURS * 3_600_000,
  };
  const handlers: Record<string, JobHandler> = { [NOTIFY_QUEUE]: notificationJob(notifier) };
  if (name === 'workbench') {
    handlers[DEEMED_ACCEPTANCE_QUEUE] = deemedAcceptanceJob(services);
    handlers[ESCALATION_QUEUE] = escalationJob(services);
    handlers[STATISTICS_QUEUE] = statisticsJob(services);
  }
  if (name === 'portal') {
    handlers[REMINDER_QUEUE] = reminderJob();
    handlers[RATING_DEFAULT_QUEUE] = ratingDefaultJob(services);
    // Without a gateway the refunds wait, booked, until one is configured.
    const payments = paymentRuntimeFrom(options.config);
    if (payments) handlers[REFUND_QUEUE] = refundJob(services, payments);
    if (payments) handlers[RECONCILE_QUEUE] = reconcileJob(services, payments);
  }
  // The portal alone talks to the courier; the workbench asks it through the exchange.
  const courier = name === 'portal' ? courierFrom(options.config) : undefined;
  const inboxHandlers = messageHandlers(
    name === 'portal'
      ? [
          realnameResultHandler(services),
          companyResultHandler(services),
          ...catalogInboxHandlers,
          ...contentInboxHandlers,
          ...approvalResultInboxHandlers(services),
          ...directoryInboxHandlers,
          ...portalCaseHandlers(services),
          ...appointmentInboxHandlers,
          ...transparencyInboxHandlers(services),
          letterStatusHandler(services),
          ...open311InboxHandlers,
          rectificationReplyHandler(),
          ...answerInboxHandlers(services),
          ...portalQuestionnaireHandlers(services),
          windowRatingHandler(services),
          ...paymentInboxHandlers(services),
          reconciliationRequestedHandler(),
          ...portalTrafficHandlers(services),
          deliveryRequestedHandler(services, () => courier),
        ]
      : [
          realnameRequestHandler(services),
          companyVerifyRequestHandler(services),
          ...workbenchCaseHandlers(services),
          ...workbenchAppointmentHandlers(),
          ...letterInboxHandlers(services),
          ...ratingInboxHandlers(services),
          ...kbInboxHandlers(services),
          ...questionnaireInboxHandlers(services),
          ...caseFeeInboxHandlers(services),
          ...financeInboxHandlers(services),
          ...trafficInboxHandlers(services),
          ...deliveryInboxHandlers(services),
        ],
  );
  const other = name === 'portal' ? 'workbench' : 'portal';
  const exchange = {
    signer: ZoneSigner.fromPem(name, own.exchangeKey),
    keyring: keyringFrom({ [other]: options.secrets.exchangePublicKeys[other] }),
  };
  // send() signs with it in the caller's transaction, on the zone's clock (tests move services.now).
  registerZoneSigner(exchange.signer, { now: () => services.now() });
  // Case steps issue their documents through this; one workbench runs per process, as one signer does.
  if (name === 'workbench')
    registerCaseDocumentIssuer(
      caseDocumentIssuer({
        sealer: services.sealer,
        portalBaseUrl:
          options.config.PUBLIC_PORTAL_URL ?? `http://localhost:${String(options.config.PORTAL_PORT)}`,
      }),
    );
  // A finished case's SMS links to its rating page at the portal's public address.
  if (name === 'portal')
    registerRatingLinkBase(
      options.config.PUBLIC_PORTAL_URL ?? `http://localhost:${String(options.config.PORTAL_PORT)}`,
    );
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
  };
  return zone.name === 'portal'
    ? buildPortal(zone.services, {
        ...appOptions,
        forms: zone.forms ?? loadPortalForms(),
        payments: paymentRuntimeFrom(options.config),
        courier: courierFrom(options.config),
      })
    : buildWorkbench(zone.services, appOptions);
}

/** The zone's side of the exchange: sign what it has written to its outbox, take what arrived in its inbox. */
export async function exchangeStep(zone: Zone): Promise<number> {
  const db = zone.database.db;
  const signed = await signOutbox(db, zone.exchange.signer, { now: zone.services.now });
  const processed = await processInbox(db, zone.inboxHandlers, {
    keyring: zone.exchange.keyring,
    log: zone.services.log,
    now: zone.services.now,
  });
  return signed.signed + processed.processed + processed.quarantined;
}

export function startZoneWorker(zone: Zone): Worker {
  const inboxStep = () => exchangeStep(zone);
  // Once an hour: expired and revoked sessions are swept (until then they are refused when read anyway), and
  // the payloads of messages crossed longer ago than the retention period are emptied.
  let lastSweep = 0;
  const sweepStep = async () => {
    if (Date.now() - lastSweep < 3_600_000) return 0;
    lastSweep = Date.now();
    await purgeExpiredSessions(zone.database.db);
    await purgeStaleAttempts(zone.database.db, zone.services.now());
    const cutoff = new Date(zone.services.now().getTime() - zone.services.payloadRetentionMs);
    const purged = await purgeCrossedPayloads(zone.database.db, cutoff);
    if (purged.outbox + purged.inbox > 0)
      zone.services.log.info(purged, 'exchange payloads emptied after retention');
    return 0;
  };
  // The workbench raises and clears its exchange alarms from the figures the relay writes into its database.
  let lastAlarmCheck = 0;
  const mobile = dutyMobile();
  const alarmStep = async () => {
    const now = zone.services.now();
    if (now.getTime() - lastAlarmCheck < 5_000) return 0;
    lastAlarmCheck = now.getTime();
    await exchangeAlarmStep(zone.database.db, now, { dutyMobile: mobile, log: zone.services.log });
    return 0;
  };
  // Cases still awaiting acceptance past their five working days are deemed accepted (cases.deemed.ts).
  let lastDeemedCheck = 0;
  const deemedStep = async () => {
    if (Date.now() - lastDeemedCheck < 60_000) return 0;
    lastDeemedCheck = Date.now();
    await scheduleDeemedAcceptance(zone.services);
    // Urgings not answered in time escalate (supervision.escalation.ts).
    await scheduleEscalation(zone.services);
    // The bureau's figures go to the portal's transparency page once a Beijing day (statistics.service.ts).
    await scheduleStatistics(zone.services);
    return 0;
  };
  // Articles approved for later go live, and articles whose take-down time has come leave (content.review.ts).
  let lastContentCheck = 0;
  const contentStep = async () => {
    const now = zone.services.now().getTime();
    if (now - lastContentCheck < 15_000) return 0;
    lastContentCheck = now;
    const moved = await releaseDue(zone.services);
    return moved.published + moved.withdrawn;
  };
  // Ratings not given within their period are recorded as the default (ratings.defaults.ts).
  let lastRatingCheck = 0;
  const ratingStep = async () => {
    if (Date.now() - lastRatingCheck < 60_000) return 0;
    lastRatingCheck = Date.now();
    await scheduleRatingDefaults(zone.services);
    // Last night's payments against the gateway's file, reported to the workbench (payments.reconciliation-report.ts).
    await scheduleReconciliation(zone.services);
    return 0;
  };
  const steps =
    zone.name === 'workbench'
      ? [inboxStep, sweepStep, alarmStep, deemedStep, contentStep]
      : [inboxStep, sweepStep, ratingStep];
  return startWorker(zone.database.db, zone.handlers, zone.services.log, 250, steps);
}
