import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { loadConfig, missingProductionSettings, publicPortalUrl } from '../../src/shared/config.ts';
import { DEMO_CITIZEN } from '../../src/portal/seed.ts';
import { startTestZone, testKeys, testPublicKeys, type TestZone } from '../helpers/zones.ts';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'bin/openpsb.mjs');
const scratch = mkdtempSync(path.join(tmpdir(), 'openpsb-prod-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The environment a server starts with: only what the test gives, nothing inherited that could satisfy it. */
function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { PATH, HOME } = process.env;
  return { PATH, HOME, LOG_LEVEL: 'warn', DATA_DIR: path.join(scratch, 'data'), ...extra };
}

async function runCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: environment(env) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // A refusal comes as soon as the CLI has loaded; a server that started anyway is stopped, and its exit code
  // says so. The limit is generous because compiling and loading the CLI on a busy machine can take half a minute.
  const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

describe('production never runs as the demo by accident', () => {
  test('without secrets or database URLs the portal refuses to start and names what is missing', async () => {
    const result = await runCli(['portal'], { NODE_ENV: 'production', PORTAL_PORT: '0' });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(
      result.stderr,
      /NODE_ENV=production needs PORTAL_SESSION_SECRET, PORTAL_FIELD_KEY, PORTAL_EXCHANGE_KEY, EXCHANGE_WORKBENCH_PUBLIC_KEYS, PUBLIC_PORTAL_URL, PORTAL_DATABASE_URL\./,
    );
    assert.match(result.stderr, /OPENPSB_DEMO=1/);
    assert.doesNotMatch(result.stdout, /Demo accounts|13800000001/);
    for (const file of ['secrets.json', 'portal.secrets.json', 'workbench.secrets.json'])
      assert.ok(!existsSync(path.join(scratch, 'data', file)), 'no secrets were generated');
  });

  test('both zones in one process need each zone’s own keys and the workbench database', async () => {
    const result = await runCli(['start'], {
      NODE_ENV: 'production',
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      FIELD_KEY: randomBytes(32).toString('base64url'),
      PORTAL_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /needs PORTAL_EXCHANGE_KEY, WORKBENCH_EXCHANGE_KEY, EXCHANGE_PORTAL_PUBLIC_KEYS, EXCHANGE_WORKBENCH_PUBLIC_KEYS, PUBLIC_PORTAL_URL, WORKBENCH_DATABASE_URL\./,
      result.stderr,
    );
  });

  test('demo data cannot be loaded into production', async () => {
    const result = await runCli(['seed'], { NODE_ENV: 'production' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /demo data is never loaded in production/);
  });

  test('each missing setting is named; a key of the wrong length is refused; development needs none', () => {
    const production = loadConfig({ NODE_ENV: 'production' });
    const needs = { zones: ['portal', 'workbench'] as ('portal' | 'workbench')[], relay: false };
    assert.deepEqual(missingProductionSettings(production, {}, needs), [
      'PORTAL_SESSION_SECRET',
      'PORTAL_FIELD_KEY',
      'PORTAL_EXCHANGE_KEY',
      'WORKBENCH_SESSION_SECRET',
      'WORKBENCH_FIELD_KEY',
      'WORKBENCH_EXCHANGE_KEY',
      'EXCHANGE_PORTAL_PUBLIC_KEYS',
      'EXCHANGE_WORKBENCH_PUBLIC_KEYS',
      'PUBLIC_PORTAL_URL',
      'PORTAL_DATABASE_URL',
      'WORKBENCH_DATABASE_URL',
    ]);
    // Each zone its own; the names both zones once shared still count for both.
    const keys = { PORTAL_EXCHANGE_KEY: 'pem', WORKBENCH_EXCHANGE_KEY: 'pem' };
    assert.deepEqual(
      missingProductionSettings(
        production,
        { ...keys, SESSION_SECRET: 'x'.repeat(32), FIELD_KEY: 'short', WORKBENCH_FIELD_KEY: 'A'.repeat(43) },
        needs,
      ),
      [
        'PORTAL_FIELD_KEY (32 bytes, base64url)',
        'PUBLIC_PORTAL_URL',
        'PORTAL_DATABASE_URL',
        'WORKBENCH_DATABASE_URL',
      ],
    );
    // The relay alone needs no zone secret: both databases and both zones' public keys.
    assert.deepEqual(missingProductionSettings(production, {}, { zones: [], relay: true }), [
      'EXCHANGE_PORTAL_PUBLIC_KEYS',
      'EXCHANGE_WORKBENCH_PUBLIC_KEYS',
      'PORTAL_DATABASE_URL',
      'WORKBENCH_DATABASE_URL',
    ]);
    assert.deepEqual(missingProductionSettings(loadConfig({}), {}, { ...needs, relay: true }), []);
    const demo = loadConfig({ NODE_ENV: 'production', OPENPSB_DEMO: '1' });
    assert.deepEqual(missingProductionSettings(demo, {}, { ...needs, relay: true }), []);
    assert.throws(() => loadConfig({ OPENPSB_DEMO: 'yes' }), /OPENPSB_DEMO/);
  });

  test("the portal's public address is configured, https in production, and never a request's Host", () => {
    const needs = { zones: ['workbench'] as ('portal' | 'workbench')[], relay: false };
    const missing = (url?: string) =>
      missingProductionSettings(
        loadConfig({ NODE_ENV: 'production', ...(url ? { PUBLIC_PORTAL_URL: url } : {}) }),
        {},
        needs,
      ).filter((name) => name.startsWith('PUBLIC_PORTAL_URL'));
    assert.deepEqual(missing(), ['PUBLIC_PORTAL_URL']);
    assert.deepEqual(missing('http://ga.shifan.example'), ['PUBLIC_PORTAL_URL (an https:// address)']);
    assert.deepEqual(missing('https://ga.shifan.example/?x=1'), ['PUBLIC_PORTAL_URL (an https:// address)']);
    assert.deepEqual(missing('https://ga.shifan.example/portal/'), []);

    assert.equal(publicPortalUrl(loadConfig({ PORTAL_PORT: '4150' })), 'http://localhost:4150');
    const set = (url: string) => publicPortalUrl(loadConfig({ PUBLIC_PORTAL_URL: url }));
    assert.equal(set('https://ga.shifan.example/'), 'https://ga.shifan.example');
    assert.equal(set('https://ga.shifan.example/portal//'), 'https://ga.shifan.example/portal');
    for (const bad of [
      'ga.shifan.example',
      'javascript:alert(1)',
      'https://a@ga.shifan.example',
      'https://x/#y',
    ])
      assert.throws(() => set(bad), /PUBLIC_PORTAL_URL/, bad);
  });
});

describe('a production zone has no sandbox outbox; a public demo says so on every page', () => {
  const zones: TestZone[] = [];
  after(async () => {
    for (const zone of zones) await zone.close();
  });
  const start = async (name: 'portal' | 'workbench', env: Record<string, string>) => {
    const zone = await startTestZone(name, { env });
    zones.push(zone);
    return zone;
  };
  const get = (zone: TestZone, url: string, lang = 'zh') =>
    zone.app.inject({ url, headers: { cookie: `lang=${lang}` } });

  test('production: /dev/messages is 404 and no page shows the demo banner', async () => {
    const portal = await start('portal', { NODE_ENV: 'production' });
    assert.equal(portal.services.embedded, false);
    assert.equal((await get(portal, '/dev/messages')).statusCode, 404);
    for (const url of ['/', '/login']) assert.doesNotMatch((await get(portal, url)).body, /dev-notice/);
  });

  test('OPENPSB_DEMO=1: the banner heads every page of both zones, in Chinese and English', async () => {
    const portal = await start('portal', { NODE_ENV: 'production', OPENPSB_DEMO: '1' });
    const workbench = await start('workbench', { NODE_ENV: 'production', OPENPSB_DEMO: '1' });
    const pages: [TestZone, string, number][] = [
      [portal, '/', 200],
      [portal, '/login', 200],
      [portal, '/register', 200],
      [portal, '/dev/messages', 200],
      [portal, '/no-such-page', 404],
      [workbench, '/staff/login', 200],
      [workbench, '/no-such-page', 404],
    ];
    for (const [zone, url, status] of pages) {
      const zh = await get(zone, url);
      assert.equal(zh.statusCode, status, url);
      assert.match(zh.body, /<div class="dev-notice" role="note"><p class="container">演示站点：/, url);
      const en = await get(zone, url, 'en');
      assert.match(en.body, /<div class="dev-notice" role="note"><p class="container">Demo site:/, url);
    }
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const postgres = process.env.TEST_DATABASE_URL;
describe('the real CLI in production on PostgreSQL', { skip: !postgres && 'needs TEST_DATABASE_URL' }, () => {
  test('with its secrets and database it starts: no demo account, no outbox, no banner', async () => {
    const base = new URL(postgres!);
    const name = `${base.pathname.slice(1)}_prodcli_${process.pid}`;
    const admin = new pg.Client({ connectionString: postgres });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
    base.pathname = `/${name}`;
    const port = await freePort();
    const child = spawn(process.execPath, [cli, 'portal'], {
      cwd: root,
      env: environment({
        NODE_ENV: 'production',
        PORTAL_SESSION_SECRET: randomBytes(32).toString('base64url'),
        PORTAL_FIELD_KEY: randomBytes(32).toString('base64url'),
        PORTAL_EXCHANGE_KEY: testKeys.portal,
        EXCHANGE_WORKBENCH_PUBLIC_KEYS: testPublicKeys.workbench.join(''),
        PORTAL_DATABASE_URL: base.toString(),
        PORTAL_PORT: String(port),
        PUBLIC_PORTAL_URL: 'https://ga.shifan.example',
      }),
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      const url = `http://127.0.0.1:${port}`;
      // Wait for the banner (or an exit); compiling and loading the CLI on a busy machine can take a minute.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 180_000);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        child.stdout.on('data', () => output.includes('is running') && done());
        void exited.then(done);
      });
      assert.equal(child.exitCode, null, output);
      assert.match(output, /is running/);
      assert.doesNotMatch(output, /Demo accounts|\/dev\/messages/);
      assert.equal((await fetch(`${url}/dev/messages`)).status, 404);
      assert.doesNotMatch(await (await fetch(`${url}/login`)).text(), /dev-notice/);
      const db = new pg.Client({ connectionString: base.toString() });
      await db.connect();
      const citizens = await db.query('SELECT count(*)::int AS n FROM citizens');
      const demo = await db.query('SELECT 1 FROM citizens WHERE mobile = $1', [DEMO_CITIZEN.mobile]);
      await db.end();
      assert.equal(citizens.rows[0].n, 0);
      assert.equal(demo.rowCount, 0);
    } finally {
      child.kill('SIGTERM');
      await exited;
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
