import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { loadConfig } from '../../src/shared/config.ts';
import { publicKeyPem, type Secrets } from '../../src/shared/secrets.ts';
import { runOneJob } from '../../src/shared/jobs/queue.ts';
import { migratedTemplate, postgresTemplate } from './database-template.ts';
import { processInbox, type ProcessReport } from '../../src/exchange/inbox.ts';
import { signOutbox } from '../../src/exchange/signer.ts';
import { buildZoneApp, openZone, type Zone, type ZoneName } from '../../src/zones.ts';

/** Which engine this run of the suite uses: PGlite in memory by default, PostgreSQL with TEST_DATABASE_URL. */
export const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

let counter = 0;

/**
 * What the runner's timing hook (scripts/test-timing.mjs) counts for this file, when it measures the run: CPU
 * time of this process, so that it means the same on a busy machine (zones started side by side count twice).
 */
const timing = (globalThis as Record<symbol, unknown>)[Symbol.for('openpsb.test-timing')] as
  { zones: number; zoneMs: number; databaseMs: number; appMs: number } | undefined;

const pem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
/** Each zone's own exchange key, one per test process, so zones started in one file can talk to each other. */
export const testKeys = { portal: pem(), workbench: pem() };
/** What the relay and the other zone know of them: the public halves only. */
export const testPublicKeys = {
  portal: [publicKeyPem(testKeys.portal)],
  workbench: [publicKeyPem(testKeys.workbench)],
};

/** A fresh PostgreSQL database per zone per test file, so tests never see each other's rows. */
async function freshPostgresUrl(base: string, name: ZoneName): Promise<string> {
  const url = new URL(base);
  const prefix = url.pathname.slice(1) || 'openpsb_test';
  const db = `${prefix}_${name}_${process.pid}_${++counter}`;
  // Copied from a database already migrated, instead of running every migration again for each test file.
  const template = await postgresTemplate(base, prefix, name);
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${db}"`);
  await admin.query(`CREATE DATABASE "${db}" TEMPLATE "${template}"`);
  await admin.end();
  url.pathname = `/${db}`;
  return url.toString();
}

export interface TestZone extends Zone {
  app: FastifyInstance;
  /** Moves the zone's clock forward (it runs on from there), instead of waiting in real time. */
  advanceClock(ms: number): void;
  /** Runs every due job now (notifications and the like), as the worker would after commit. */
  drainJobs(): Promise<number>;
  /** Signs what this zone has written to its outbox, as its worker would, so the relay can take it. */
  signOutbox(): Promise<number>;
  /** Checks and handles what arrived in this zone's inbox, as its worker would. */
  processInbox(): Promise<ProcessReport>;
  close(): Promise<void>;
}

export interface TestZoneOptions {
  /** Serve the browsable API documentation (off unless a test is about it: it is slow to start). */
  apiDocsUi?: boolean;
  /** Extra settings, e.g. `{ TRUSTED_PROXIES: '10.9.0.1' }`. */
  env?: Record<string, string>;
  /**
   * Where the zone keeps its data, for a test that reopens it in another process (crash tests): a PGlite
   * directory, or the PostgreSQL database to use instead of a fresh one. In memory when neither is given.
   */
  storage?: { dataDir: string } | { databaseUrl: string };
  /** This zone's own secrets, for a test whose other processes must read what it sealed and signed. */
  zoneSecrets?: Secrets['zones'][ZoneName];
}

/** A fresh database for a zone (PostgreSQL when TEST_DATABASE_URL is set), as the crash tests share it. */
export async function freshDatabaseUrl(name: ZoneName): Promise<string | undefined> {
  const base = process.env.TEST_DATABASE_URL;
  return base ? freshPostgresUrl(base, name) : undefined;
}

export async function startTestZone(name: ZoneName, options: TestZoneOptions = {}): Promise<TestZone> {
  const cpu = () => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  };
  const started = cpu();
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', ...options.env });
  const secrets: Secrets = {
    zones: {
      [name]: options.zoneSecrets ?? {
        sessionSecret: randomBytes(32).toString('base64url'),
        fieldKey: randomBytes(32),
        notifySecret: 'test',
        exchangeKey: testKeys[name],
      },
    },
    exchangePublicKeys: testPublicKeys,
  };
  const { storage } = options;
  const base = process.env.TEST_DATABASE_URL;
  const databaseUrl =
    storage && 'databaseUrl' in storage
      ? storage.databaseUrl
      : base && !storage
        ? await freshPostgresUrl(base, name)
        : undefined;
  const dataDir = storage && 'dataDir' in storage ? storage.dataDir : 'memory://';
  const reopened = dataDir !== 'memory://' && existsSync(path.join(dataDir, 'PG_VERSION'));
  // PGlite starts from a dump of a migrated database, instead of running initdb and the migrations again.
  const initialData = databaseUrl || reopened ? undefined : await migratedTemplate(name);
  const zone = await openZone(name, { config, secrets, databaseUrl, dataDir, initialData });
  const opened = cpu();
  // Test zones behave like the embedded demo install (developer pages on) unless a test runs them as production.
  if (options.env?.NODE_ENV !== 'production') zone.services.embedded = true;
  let offset = 0;
  zone.services.now = () => new Date(Date.now() + offset);
  const app = await buildZoneApp(zone, { config, secrets, apiDocsUi: options.apiDocsUi ?? false });
  await app.ready();
  if (timing) {
    const ready = cpu();
    timing.zones += 1;
    timing.zoneMs += ready - started;
    timing.databaseMs += opened - started;
    timing.appMs += ready - opened;
  }
  return {
    ...zone,
    app,
    advanceClock(ms) {
      offset += ms;
    },
    async drainJobs() {
      let n = 0;
      while (await runOneJob(zone.database.db, zone.handlers)) n++;
      return n;
    },
    async signOutbox() {
      return (await signOutbox(zone.database.db, zone.exchange.signer)).signed;
    },
    processInbox() {
      return processInbox(zone.database.db, zone.inboxHandlers, { keyring: zone.exchange.keyring });
    },
    async close() {
      await app.close();
      await zone.database.close();
    },
  };
}
