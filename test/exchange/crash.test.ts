import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { verifyMessageLog } from '../../src/exchange/message-log.ts';
import { appendOutbox } from '../../src/exchange/outbox.ts';
import { signOutbox } from '../../src/exchange/signer.ts';
import { ZoneSigner } from '../../src/exchange/signing.ts';
import { openDatabase, type Database } from '../../src/shared/db/database.ts';
import { testKeys, testPublicKeys } from '../helpers/zones.ts';

const portalSigner = ZoneSigner.fromPem('portal', testKeys.portal);
import { realnameRequest } from './helpers.ts';

/**
 * Crash safety of the real relay process on PostgreSQL: `openpsb exchange` (two of them side by side) is killed
 * with SIGKILL at random moments while this process keeps committing messages to the portal's outbox over
 * several streams, and restarted each time. Afterwards every message must have arrived in the workbench's inbox exactly once, in
 * order per stream; every poison message must sit in the portal's quarantine exactly once; both message logs
 * must verify; and the monitor, killed along with the relay, must have counted every crossing exactly once.
 */

const base = process.env.TEST_DATABASE_URL;
const root = path.resolve(import.meta.dirname, '../..');
const KILLS = Number(process.env.CRASH_KILLS ?? 52);
const STREAMS = ['crash-a', 'crash-b', 'crash-c', 'crash-d', 'crash-e'];
const POISON_EVERY = 47;

if (!base) {
  // PGlite cannot be shared with a child process, and the point here is a real server surviving real kills.
  test(
    'crash safety of the relay process',
    {
      skip: 'needs PostgreSQL: set TEST_DATABASE_URL to run the relay-kill tests',
    },
    () => {},
  );
} else {
  // A small seeded generator, so a failing run can be repeated with CRASH_SEED.
  const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };

  const names = {
    portal: `openpsb_crash_portal_${process.pid}`,
    workbench: `openpsb_crash_workbench_${process.pid}`,
  };
  const urlOf = (name: string) => {
    const url = new URL(base);
    url.pathname = `/${name}`;
    return url.toString();
  };
  let portal: Database;
  let workbench: Database;
  let dataDir: string;

  async function admin(query: string): Promise<void> {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  }

  before(async () => {
    for (const name of Object.values(names)) {
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin(`CREATE DATABASE "${name}"`);
    }
    portal = await openDatabase({ url: urlOf(names.portal), poolSize: 4 });
    workbench = await openDatabase({ url: urlOf(names.workbench), poolSize: 2 });
    await portal.migrate(path.join(root, 'migrations/portal'));
    await workbench.migrate(path.join(root, 'migrations/workbench'));
    dataDir = mkdtempSync(path.join(tmpdir(), 'openpsb-crash-'));
  });

  after(async () => {
    await portal?.close();
    await workbench?.close();
    for (const name of Object.values(names)) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  // Each relay names its connections, so the test can see when that one has a crossing open.
  const env = (label: string) => ({
    ...process.env,
    PORTAL_DATABASE_URL: `${urlOf(names.portal)}?application_name=${label}`,
    WORKBENCH_DATABASE_URL: urlOf(names.workbench),
    // The relay gets the zones' public keys and nothing else: no private key, no zone secret.
    EXCHANGE_PORTAL_PUBLIC_KEYS: testPublicKeys.portal.join(''),
    EXCHANGE_WORKBENCH_PUBLIC_KEYS: testPublicKeys.workbench.join(''),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'fatal',
    NODE_ENV: 'production',
  });

  interface Relay {
    label: string;
    child: ChildProcess;
    exited: Promise<number | null>;
    output: () => string;
  }

  let started = 0;
  async function startRelay(): Promise<Relay> {
    const label = `crash-relay-${++started}`;
    // The CLI as the test runner built it, when it did: the same code, without compiling it at each restart.
    const built = process.env.OPENPSB_TEST_BUILD;
    const cli = built ? path.join(built, 'src/main.mjs') : path.join(root, 'bin/openpsb.mjs');
    const child = spawn(process.execPath, [cli, 'exchange'], {
      cwd: root,
      env: env(label),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const ready = new Promise<void>((resolve, reject) => {
      // Loading the CLI through tsx on a busy machine can take most of a minute.
      const timer = setTimeout(() => reject(new Error(`relay did not start:\n${output}`)), 180_000);
      const onData = (d: Buffer) => {
        output += d.toString();
        if (output.includes('exchange relay running')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`relay exited early:\n${output}`));
      });
    });
    await ready;
    return { label, child, exited, output: () => output };
  }

  interface Sent {
    id: string;
    stream: string;
    seq: number;
    poison: boolean;
  }

  async function rows<T>(db: Database, text: string): Promise<T[]> {
    const result = await db.db.execute(sql.raw(text));
    return (result as unknown as { rows: T[] }).rows;
  }

  test(`the relay killed ${KILLS} times at random moments loses, duplicates and reorders nothing (seed ${seed})`, async () => {
    const sent: Sent[] = [];
    let writing = true;
    let n = 0;
    // The portal keeps working while the relays die and come back: one message per transaction, in bursts, so
    // the relays have batches in flight (between the receiver's commit and the sender's) when the kills land.
    const writer = (async () => {
      while (writing) {
        const burst = 1 + Math.floor(random() * 120);
        for (let b = 0; b < burst && writing; b++) {
          const i = ++n;
          const stream = STREAMS[Math.floor(random() * STREAMS.length)]!;
          const poison = i % POISON_EVERY === 0;
          const message = await portal.db.transaction((tx) =>
            appendOutbox(tx, {
              type: 'realname.verify.request',
              version: 1,
              stream,
              payload: poison
                ? { requestId: 'not-a-uuid', smuggled: true }
                : realnameRequest({ citizenRef: randomUUID() }),
            }),
          );
          sent.push({ ...message, poison });
        }
        // The portal's own worker signs what it wrote (the relay could not: it holds no private key).
        await signOutbox(portal.db, portalSigner);
        await new Promise((r) => setTimeout(r, 20 + Math.floor(random() * 130)));
      }
    })();

    const began = Date.now();
    let kills = 0;
    // Kills that found messages waiting, and kills aimed between the two commits of a crossing, for the report.
    let killsInFlight = 0;
    let killsInCrossing = 0;
    /**
     * About half the kills wait (up to a second and a half) for this relay to be inside a crossing, past the
     * receiver's commit and before its own: its transaction on the portal is open and has already marked the
     * batch sent or is logging it. That is the moment a lost acknowledgement comes from; the next relay must
     * send the batch again and the receiver must recognise every message as a duplicate. The other kills land
     * at a random moment of the relay's life.
     */
    const pastReceiverCommit = async (label: string): Promise<boolean> => {
      const [row] = await rows<{ n: string }>(
        portal,
        `SELECT count(*) AS n FROM pg_stat_activity
         WHERE application_name = '${label}' AND xact_start IS NOT NULL AND state <> 'idle'
           AND (query ILIKE '%UPDATE outbox SET sent_at%' OR query ILIKE '%message_log%')`,
      );
      return Number(row?.n) > 0;
    };
    // Two relays at a time, each killed and restarted on its own rhythm: besides doubling the kills per minute
    // (a start costs a second or two), this is the production case of a second relay started by mistake.
    const lane = async () => {
      while (kills < KILLS) {
        const relay = await startRelay();
        let inCrossing = false;
        if (random() < 0.5) {
          const until = Date.now() + 1_500;
          while (!inCrossing && Date.now() < until) inCrossing = await pastReceiverCommit(relay.label);
        } else {
          await new Promise((r) => setTimeout(r, Math.floor(random() * 400)));
        }
        const [waiting] = await rows<{ n: string }>(
          portal,
          `SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND quarantined_at IS NULL`,
        );
        relay.child.kill('SIGKILL');
        if (Number(waiting?.n) > 0) killsInFlight++;
        if (inCrossing) killsInCrossing++;
        assert.equal(await relay.exited, null, 'killed, not exited');
        kills++;
      }
    };
    try {
      await Promise.all([lane(), lane()]);
    } finally {
      writing = false;
      await writer;
    }
    const killPhase = Date.now() - began;

    // One last relay drains everything and lets the monitor count it.
    const final = await startRelay();
    const expectedGood = sent.filter((s) => !s.poison).length;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const [state] = await rows<{ pending: string; counted: string | null }>(
        portal,
        `SELECT (SELECT count(*) FROM outbox WHERE sent_at IS NULL AND quarantined_at IS NULL) AS pending`,
      );
      const [counted] = await rows<{ delivered: string | null }>(
        workbench,
        `SELECT sum(delivered) AS delivered FROM exchange_flow_minutes WHERE flow = 'portal-to-workbench'`,
      );
      if (Number(state?.pending) === 0 && Number(counted?.delivered ?? 0) >= expectedGood) break;
      assert.ok(Date.now() < deadline, `not drained: ${JSON.stringify({ state, counted, expectedGood })}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    final.child.kill('SIGTERM');
    await final.exited;

    // Exactly once, and in order per stream.
    const received = await rows<{ message_id: string; stream: string; seq: string; received_at: Date }>(
      workbench,
      `SELECT message_id, stream, seq, received_at FROM inbox ORDER BY stream, seq`,
    );
    assert.equal(received.length, expectedGood, 'every good message arrived once');
    const byId = new Map(received.map((r) => [r.message_id, r]));
    assert.equal(byId.size, received.length);
    for (const s of sent.filter((x) => !x.poison)) {
      const r = byId.get(s.id);
      assert.ok(r, `message ${s.stream}#${s.seq} arrived`);
      assert.equal(Number(r.seq), s.seq);
      assert.equal(r.stream, s.stream);
    }
    for (const stream of STREAMS) {
      const mine = received.filter((r) => r.stream === stream);
      for (let i = 1; i < mine.length; i++) {
        assert.ok(
          mine[i]!.received_at >= mine[i - 1]!.received_at,
          `${stream}: #${mine[i]!.seq} arrived before #${mine[i - 1]!.seq}`,
        );
      }
    }
    // The receiver's own log of first deliveries, in log order, must climb through each stream's numbers.
    const logged = await rows<{ stream: string; stream_seq: string; outcome: string }>(
      workbench,
      `SELECT stream, stream_seq, outcome FROM message_log WHERE direction = 'inbound' ORDER BY seq`,
    );
    const lastSeen = new Map<string, number>();
    for (const l of logged.filter((x) => x.outcome === 'delivered')) {
      const seq = Number(l.stream_seq);
      assert.ok(seq > (lastSeen.get(l.stream) ?? 0), `${l.stream}: #${seq} logged out of order`);
      lastSeen.set(l.stream, seq);
    }
    const duplicates = logged.filter((x) => x.outcome === 'duplicate').length;

    // Poison: refused at the sender exactly once each, never passed on.
    const poison = sent.filter((s) => s.poison);
    const refused = await rows<{ message_id: string; n: string }>(
      portal,
      `SELECT message_id, count(*) AS n FROM quarantine WHERE direction = 'outbound' GROUP BY message_id`,
    );
    assert.equal(refused.length, poison.length);
    for (const r of refused) assert.equal(Number(r.n), 1, `poison ${r.message_id} quarantined once`);
    for (const p of poison) assert.equal(byId.has(p.id), false);

    // Both logs intact; the monitor counted each crossing and each refusal once, despite dying with the relay.
    for (const db of [portal, workbench]) {
      const report = await verifyMessageLog(db.db);
      assert.equal(report.ok, true, JSON.stringify(report.problems.slice(0, 5)));
    }
    const [counts] = await rows<{ delivered: string; rejected: string }>(
      workbench,
      `SELECT sum(delivered) AS delivered, sum(rejected) AS rejected FROM exchange_flow_minutes
       WHERE flow = 'portal-to-workbench'`,
    );
    assert.equal(Number(counts?.delivered), expectedGood);
    assert.equal(Number(counts?.rejected), poison.length);

    assert.ok(kills >= KILLS);
    process.stdout.write(
      `# crash: ${kills} kills (${killsInCrossing} between the receiver's commit and the sender's, ${killsInFlight} with messages waiting) ` +
        `in ${(killPhase / 1000).toFixed(1)} s, ${sent.length} messages ` +
        `(${poison.length} poison) over ${STREAMS.length} streams, ${duplicates} redeliveries recognised as duplicates, seed ${seed}\n`,
    );
  });
}
