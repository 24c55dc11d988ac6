import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { freshDatabase, report, root, type Figure } from './lib/harness.ts';
import { openDatabase, type Db } from '../src/shared/db/database.ts';
import { realnameVerifyRequest } from '../src/exchange/contracts/index.ts';
import { send } from '../src/exchange/facade.ts';
import { registerZoneSigner } from '../src/exchange/outbox.ts';
import { signOutbox } from '../src/exchange/signer.ts';
import { ZoneSigner } from '../src/exchange/signing.ts';

/**
 * The boundary exchange on PostgreSQL: the real relay (`openpsb exchange`) in its own process between two
 * fresh databases; this process plays the portal, sending through the exchange facade as the portal's requests
 * would (its signer registered as the portal registers it at start-up, so each message is signed as it commits).
 *
 * Crossing latency is measured from the moment the outbox row's transaction committed (clock read here, right
 * after COMMIT returned) to the moment the workbench stored it in its inbox (received_at, set by the relay in
 * the receiving transaction). Both are read from the same machine clock. Nothing processes the inbox here: the
 * figure is the crossing itself, which is what the relay is responsible for.
 *
 * Knobs: BENCH_EXCHANGE_RATE (offered messages/s), BENCH_SECONDS, BENCH_EXCHANGE_BACKLOG (messages drained for
 * the sustained rate), BENCH_DEBUG=1 (latency per second of the run, to tell a slow relay from a noisy machine).
 */

const OFFERED_PER_SECOND = Number(process.env.BENCH_EXCHANGE_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SATURATION_MESSAGES = Number(process.env.BENCH_EXCHANGE_BACKLOG ?? 30_000);
const STREAMS = ['realname', 'realname-b', 'realname-c', 'realname-d'];

const pem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

function idNumber(i: number): string {
  return `110105${String(19000101 + (i % 900000)).slice(0, 8)}${String(i % 1000).padStart(3, '0')}X`;
}

function payload(i: number) {
  return {
    requestId: randomUUID(),
    citizenRef: randomUUID(),
    name: `测试${i % 1000}`,
    idNumber: idNumber(i),
  };
}

/** One message, one transaction, as a citizen's request would commit it; returns the commit time. */
async function commitOne(db: Db, stream: string, i: number): Promise<{ id: string; at: number }> {
  const message = await db.transaction((tx) => send(tx, realnameVerifyRequest, payload(i), { stream }));
  return { id: message.id, at: Date.now() };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

interface RelayProcess {
  child: ChildProcess;
  output: () => string;
}

async function startRelay(env: Record<string, string>): Promise<RelayProcess> {
  const child = spawn(process.execPath, [path.join(root, 'bin/openpsb.mjs'), 'exchange'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const ok = await waitFor(
    async () => output.includes('exchange relay running') || child.exitCode !== null,
    60_000,
  );
  if (!ok || child.exitCode !== null) throw new Error(`relay did not start:\n${output}`);
  return { child, output: () => output };
}

async function stopRelay(relay: RelayProcess): Promise<void> {
  if (relay.child.exitCode !== null) return;
  const exited = new Promise((r) => relay.child.once('exit', r));
  relay.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (relay.child.exitCode === null) relay.child.kill('SIGKILL');
}

/**
 * The portal's worker signs what was written unsigned (here the preloaded backlog), in batches, as it does for
 * messages with files; returns how long it took.
 */
async function signBacklog(db: Db, signer: ZoneSigner): Promise<number> {
  const start = Date.now();
  while ((await signOutbox(db, signer)).signed > 0);
  return (Date.now() - start) / 1000;
}

async function count(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<number> {
  const result = await pool.query<{ n: string }>(sql, params);
  return Number(result.rows[0]?.n ?? 0);
}

/** Offered load: `rate` messages a second for `seconds`, spread evenly, each committed on its own. */
async function offeredLoad(
  portal: Db,
  rate: number,
  seconds: number,
): Promise<{ committed: Map<string, number>; lateStarts: number }> {
  const committed = new Map<string, number>();
  const total = rate * seconds;
  const start = Date.now();
  const inFlight = new Set<Promise<void>>();
  let lateStarts = 0;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    else if (wait < -50) lateStarts++;
    const p: Promise<void> = commitOne(portal, STREAMS[i % STREAMS.length]!, i).then((r) => {
      committed.set(r.id, r.at);
      inFlight.delete(p);
    });
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return { committed, lateStarts };
}

/** A backlog written in a few big statements, with the relay stopped, then drained as fast as it can. */
async function preload(portal: pg.Pool, n: number): Promise<void> {
  const perStream = Math.ceil(n / STREAMS.length);
  for (const stream of STREAMS) {
    await portal.query(
      `INSERT INTO outbox (stream, seq, type, version, payload)
       SELECT $1, (SELECT COALESCE(MAX(seq), 0) FROM outbox WHERE stream = $1) + g, 'realname.verify.request', 1,
              jsonb_build_object('requestId', gen_random_uuid(), 'citizenRef', gen_random_uuid(),
                                 'name', '测试' || g, 'idNumber', '11010519491231002X')
       FROM generate_series(1, $2::int) AS g`,
      [stream, perStream],
    );
  }
}

export async function run(): Promise<boolean> {
  const portalDb = await freshDatabase('exchange_portal');
  const workbenchDb = await freshDatabase('exchange_workbench');
  const env = {
    PORTAL_DATABASE_URL: portalDb.url,
    WORKBENCH_DATABASE_URL: workbenchDb.url,
    EXCHANGE_PORTAL_KEY: pem(),
    EXCHANGE_WORKBENCH_KEY: pem(),
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    FIELD_KEY: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    DATA_DIR: path.join(root, 'data/bench'),
  };
  const portal = new pg.Pool({ connectionString: portalDb.url, max: 2 });
  const portalZone = await openDatabase({ url: portalDb.url, poolSize: 8 });
  const portalSigner = ZoneSigner.fromPem('portal', env.EXCHANGE_PORTAL_KEY);
  const unregister = registerZoneSigner(portalSigner);
  const workbench = new pg.Pool({ connectionString: workbenchDb.url, max: 2 });
  let relay = await startRelay(env);
  try {
    // 1. Latency at the offered load.
    const { committed, lateStarts } = await offeredLoad(portalZone.db, OFFERED_PER_SECOND, SECONDS);
    const total = committed.size;
    const arrived = await waitFor(
      async () => (await count(workbench, 'SELECT count(*) AS n FROM inbox')) >= total,
      60_000,
    );
    const received = await workbench.query<{ id: string; at: Date }>(
      'SELECT message_id AS id, received_at AS at FROM inbox',
    );
    const latencies = received.rows
      .map((r) => r.at.getTime() - (committed.get(r.id) ?? Number.NaN))
      .filter((x) => Number.isFinite(x))
      .sort((a, b) => a - b);
    const missing = total - latencies.length;
    if (process.env.BENCH_DEBUG) {
      const t0 = Math.min(...committed.values());
      const bySecond = new Map<number, number[]>();
      for (const r of received.rows) {
        const c = committed.get(r.id);
        if (c === undefined) continue;
        const k = Math.floor((c - t0) / 1000);
        bySecond.set(k, [...(bySecond.get(k) ?? []), r.at.getTime() - c]);
      }
      for (const [k, v] of [...bySecond].sort((a, b) => a[0] - b[0])) {
        v.sort((a, b) => a - b);
        process.stdout.write(
          `  second ${k}: n=${v.length} p50=${percentile(v, 50)} p99=${percentile(v, 99)} max=${v[v.length - 1]}\n`,
        );
      }
    }

    // 2. Most messages a second the relay sustains: a backlog drained with nothing else going on. The backlog is
    // written unsigned in bulk, so the portal's worker signs it first (as a backlog left by an outage would have
    // been signed when it was sent).
    await stopRelay(relay);
    await preload(portal, SATURATION_MESSAGES);
    const signingSeconds = await signBacklog(portalZone.db, portalSigner);
    const backlog = await count(portal, 'SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL');
    const before = await count(workbench, 'SELECT count(*) AS n FROM inbox');
    relay = await startRelay(env);
    const drained = await waitFor(
      async () => (await count(workbench, 'SELECT count(*) AS n FROM inbox')) >= before + backlog,
      180_000,
    );
    const span = await workbench.query<{ first: Date; last: Date; n: string }>(
      `SELECT min(received_at) AS first, max(received_at) AS last, count(*) AS n FROM inbox
       WHERE received_at > (SELECT max(received_at) FROM inbox WHERE message_id = ANY($1::uuid[]))`,
      [[...committed.keys()]],
    );
    const s = span.rows[0];
    const seconds = s ? (s.last.getTime() - s.first.getTime()) / 1000 : Number.NaN;
    const sustained = s && seconds > 0 ? Number(s.n) / seconds : 0;

    process.stdout.write(
      `\nexchange: ${total} messages offered at ${OFFERED_PER_SECOND}/s (${lateStarts} started late), ` +
        `${missing} missing after wait (all arrived: ${arrived}); backlog of ${backlog} signed by the worker ` +
        `in ${signingSeconds.toFixed(1)} s (${Math.round(backlog / signingSeconds)}/s), drained: ${drained} ` +
        `in ${seconds.toFixed(1)} s\n`,
    );
    const figures: Figure[] = [
      {
        name: `crossing p50 at ${OFFERED_PER_SECOND}/s`,
        value: percentile(latencies, 50),
        unit: 'ms',
        target: 300,
        better: 'lower',
      },
      {
        name: `crossing p99 at ${OFFERED_PER_SECOND}/s`,
        value: percentile(latencies, 99),
        unit: 'ms',
        target: 300,
        better: 'lower',
      },
      { name: 'messages not arrived', value: missing, unit: 'count', target: 0, better: 'lower' },
      { name: 'sustained crossing rate', value: sustained, unit: 'msg/s', target: 3000, better: 'higher' },
    ];
    return report('exchange', figures);
  } finally {
    unregister();
    await stopRelay(relay);
    await portalZone.close();
    await portal.end();
    await workbench.end();
    await portalDb.drop();
    await workbenchDb.drop();
  }
}
