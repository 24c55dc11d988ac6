import path from 'node:path';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { isEmbedded, isPublicDemo, trustedProxies, type Config } from './shared/config.ts';
import { createFieldSealer } from './shared/crypto/seal.ts';
import { openDatabase, type Database } from './shared/db/database.ts';
import { startWorker, type JobHandler, type Worker } from './shared/jobs/queue.ts';
import { loggerOptions } from './shared/http/logger.ts';
import { SandboxNotificationAdapter } from './shared/notify/adapter.ts';
import { NOTIFY_QUEUE, notificationJob } from './shared/notify/notifications.ts';
import type { Secrets } from './shared/secrets.ts';
import { purgeCrossedPayloads } from './exchange/retention.ts';
import { processInbox, type InboxHandler } from './exchange/inbox.ts';
import { purgeExpiredSessions } from './shared/http/session-store.ts';
import { purgeStaleAttempts } from './shared/auth/throttle.ts';
import {
  companyVerifyRequest,
  companyVerifyResult,
  realnameVerifyRequest,
  realnameVerifyResult,
} from './exchange/contracts/index.ts';
import { catalogInboxHandlers } from './portal/catalog/catalog.inbox.ts';
import { realnameResultHandler } from './portal/realname/realname.service.ts';
import { realnameRequestHandler } from './workbench/registry/registry.service.ts';
import { companyResultHandler } from './portal/companies/companies.service.ts';
import { companyVerifyRequestHandler } from './workbench/market-registry/market-registry.service.ts';
import type { ZoneServices } from './shared/zone.ts';
import { buildPortal } from './portal/app.ts';
import { buildWorkbench } from './workbench/app.ts';

export type ZoneName = 'portal' | 'workbench';

const migrationsRoot = path.resolve(import.meta.dirname, '../migrations');

export interface Zone {
  name: ZoneName;
  database: Database;
  services: ZoneServices;
  handlers: Record<string, JobHandler>;
  /** What this zone does with each message type it may receive through the exchange. */
  inboxHandlers: Record<string, InboxHandler>;
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

/** Opens a zone's own database, migrates it, and assembles the services its features are given. */
export async function openZone(name: ZoneName, options: ZoneOptions): Promise<Zone> {
  const url =
    options.databaseUrl ??
    (name === 'portal' ? options.config.PORTAL_DATABASE_URL : options.config.WORKBENCH_DATABASE_URL);
  const dataDir = options.dataDir ?? path.join(options.config.DATA_DIR, name);
  const database = await openDatabase({ url, dataDir, initialData: options.initialData });
  await database.migrate(path.join(migrationsRoot, name));
  const notifier = new SandboxNotificationAdapter(options.secrets.notifySecret);
  const services: ZoneServices = {
    db: database.db,
    sealer: createFieldSealer(options.secrets.fieldKey),
    notifier,
    // The SMS sandbox's outbox page shows every code sent: on the embedded install outside production, or on a
    // public demo asked for explicitly; never on a production service.
    embedded:
      isPublicDemo(options.config) ||
      (options.config.NODE_ENV !== 'production' && isEmbedded(options.config, name) && !url),
    log: pino(loggerOptions(options.config.LOG_LEVEL)).child({ zone: name }),
    now: () => new Date(),
    authRateLimit: options.config.AUTH_RATE_LIMIT,
    sessionIdleMs: options.config.SESSION_IDLE_MINUTES * 60_000,
    payloadRetentionMs: options.config.EXCHANGE_PAYLOAD_RETENTION_HOURS * 3_600_000,
  };
  const handlers: Record<string, JobHandler> = { [NOTIFY_QUEUE]: notificationJob(notifier) };
  const inboxHandlers: Record<string, InboxHandler> =
    name === 'portal'
      ? {
          [realnameVerifyResult.type]: realnameResultHandler(services),
          [companyVerifyResult.type]: companyResultHandler(services),
          ...catalogInboxHandlers,
        }
      : {
          [realnameVerifyRequest.type]: realnameRequestHandler(services),
          [companyVerifyRequest.type]: companyVerifyRequestHandler(services),
        };
  return { name, database, services, handlers, inboxHandlers };
}

export async function buildZoneApp(
  zone: Zone,
  options: ZoneOptions & { apiDocsUi?: boolean | undefined },
): Promise<FastifyInstance> {
  const appOptions = {
    sessionSecret: options.secrets.sessionSecret,
    production: options.config.NODE_ENV === 'production',
    trustedProxies: trustedProxies(options.config),
    logLevel: options.config.LOG_LEVEL,
    apiDocsUi: options.apiDocsUi,
    publicDemo: isPublicDemo(options.config),
  };
  return zone.name === 'portal'
    ? buildPortal(zone.services, appOptions)
    : buildWorkbench(zone.services, appOptions);
}

export function startZoneWorker(zone: Zone): Worker {
  const inboxStep = async () =>
    (await processInbox(zone.database.db, zone.inboxHandlers, { log: zone.services.log })).processed;
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
  return startWorker(zone.database.db, zone.handlers, zone.services.log, 250, [inboxStep, sweepStep]);
}
