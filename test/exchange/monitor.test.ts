import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { DEFAULT_THRESHOLDS, type AlarmThresholds } from '../../src/exchange/alarms.ts';
import { realnameVerifyRequest, realnameVerifyResult } from '../../src/exchange/contracts/index.ts';
import { carryOutDecisions } from '../../src/exchange/decisions.ts';
import { envelopeBytes, type Envelope } from '../../src/exchange/envelope.ts';
import { processInbox, receive } from '../../src/exchange/inbox.ts';
import { verifyMessageLog } from '../../src/exchange/message-log.ts';
import {
  exchangeStatus,
  FlowObserver,
  monitorBeat as relayBeat,
  type BeatOptions,
  type MonitorEnds,
} from '../../src/exchange/monitor.ts';
import { appendOutbox, sendMessage } from '../../src/exchange/outbox.ts';
import { relayOnce } from '../../src/exchange/relay.ts';
import { Keyring, ZoneSigner } from '../../src/exchange/signing.ts';
import {
  exchangeQuarantineMirror,
  exchangeQuarantineRequests,
  inbox,
  outbox,
  quarantine,
} from '../../src/exchange/tables.ts';
import { auditLog, exchangeAlarms, notifications } from '../../src/workbench/db/schema.ts';
import {
  DEMO_DUTY_MOBILE,
  exchangeAlarmStep,
} from '../../src/workbench/exchange-monitor/exchange-monitor.alarms.ts';
import {
  DecisionConflict,
  requestDecision,
} from '../../src/workbench/exchange-monitor/exchange-monitor.decisions.ts';
import { realnameRequest, rows, startPair, type Pair } from './helpers.ts';

const FLOW = 'portal-to-workbench';
const TYPE = 'realname.verify.request';

interface Totals {
  delivered: number;
  duplicates: number;
  bytes: number;
  rejected: number;
  bad_signatures: number;
  retries: number;
  latency_count: number;
}

async function totals(pair: Pair, flow = FLOW, type = TYPE): Promise<Totals> {
  const [row] = await rows<Record<string, string | null>>(
    pair.w.db,
    sql`SELECT sum(delivered) AS delivered, sum(duplicates) AS duplicates, sum(bytes) AS bytes,
               sum(rejected) AS rejected, sum(bad_signatures) AS bad_signatures, sum(retries) AS retries,
               sum(latency_count) AS latency_count
        FROM exchange_flow_minutes WHERE flow = ${flow} AND type = ${type}`,
  );
  const n = (k: string) => Number(row?.[k] ?? 0);
  return {
    delivered: n('delivered'),
    duplicates: n('duplicates'),
    bytes: n('bytes'),
    rejected: n('rejected'),
    bad_signatures: n('bad_signatures'),
    retries: n('retries'),
    latency_count: n('latency_count'),
  };
}

function diff(a: Totals, b: Totals): Totals {
  return Object.fromEntries(
    Object.entries(b).map(([k, v]) => [k, v - a[k as keyof Totals]]),
  ) as unknown as Totals;
}

const ends = (pair: Pair) => ({ portal: pair.p.db, workbench: pair.w.db });

/** The relay's beat, then the workbench's alarm step on the figures it wrote (as the two processes do). */
async function monitorBeat(e: MonitorEnds, options: BeatOptions & { thresholds?: AlarmThresholds } = {}) {
  const report = await relayBeat(e, options);
  const alarms = await exchangeAlarmStep(e.workbench, options.now ?? new Date(), {
    ...(options.thresholds ? { thresholds: options.thresholds } : {}),
  });
  return { ...report, alarms };
}

/** What the workbench would check with before it trusts the portal's current key (mid-rotation). */
const workbenchNotYetTrusting = (pair: Pair) => new Keyring().trustSigner(pair.signers.workbench);
const noop = { [TYPE]: async () => {} };

function forgedEnvelope(overrides: Partial<Envelope> = {}): Envelope {
  return {
    id: randomUUID(),
    type: TYPE,
    version: 1,
    stream: 'forged',
    seq: 1,
    sentAt: new Date().toISOString(),
    from: 'portal',
    payload: realnameRequest(),
    ...overrides,
  };
}

describe('exchange monitor: counting', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair();
  });
  after(() => pair.close());

  test('a beat with no monitor history reports an unhealthy exchange', async () => {
    const status = await exchangeStatus(pair.p.db, pair.w.db, new Date());
    assert.equal(status.ok, false);
    assert.match(status.text, /no monitor beat recorded/);
  });

  test('each crossing is counted once per flow and type, with bytes and crossing time', async () => {
    const before = await totals(pair);
    for (let i = 0; i < 3; i++) {
      await pair.p.db.transaction((tx) =>
        sendMessage(tx, realnameVerifyRequest, realnameRequest(), { stream: 'm-count' }),
      );
    }
    const observer = new FlowObserver();
    await pair.sign();
    await relayOnce(pair.p, pair.w, pair.keyring, { observer: observer.forFlow(FLOW) });
    const beat = await monitorBeat(ends(pair), { observer });
    assert.deepEqual(beat.errors, []);
    const once = diff(before, await totals(pair));
    assert.equal(once.delivered, 3);
    assert.equal(once.latency_count, 3);
    assert.ok(once.bytes > 100, `bytes counted: ${once.bytes}`);
    // A second beat finds nothing new: the cursor moved with the counts, in one commit.
    const again = await monitorBeat(ends(pair), { observer });
    assert.equal(again.counted, 0);
    assert.deepEqual(diff(before, await totals(pair)), once);
    const status = beat.status.find((s) => s.flow === FLOW && s.type === TYPE);
    assert.equal(status?.unprocessed, 3);
    assert.equal(status?.pending, 0);
  });

  test('refusals are counted once, on the side that refused, and signature failures apart', async () => {
    const before = await totals(pair);
    // 1. refused by the relay at the sender (schema)
    await pair.p.db.transaction((tx) =>
      appendOutbox(tx, { type: TYPE, version: 1, stream: 'm-refuse', payload: { bad: true } }),
    );
    // 2. refused by the receiver, which does not trust the portal's new key yet (seen by the sender's log too,
    //    as "receiver: bad-signature")
    await pair.p.db.transaction((tx) =>
      sendMessage(tx, realnameVerifyRequest, realnameRequest(), { stream: 'm-refuse-2' }),
    );
    await pair.sign();
    const report = await relayOnce(pair.p, pair.w, pair.keyring, {
      deliver: (env, sig) =>
        receive(pair.w.db, workbenchNotYetTrusting(pair), env, sig, { zone: 'workbench' }),
    });
    assert.equal(report.quarantined, 1);
    assert.equal(report.refusedByReceiver, 1);
    // 3. a forgery signed with a key nobody trusts
    const env = forgedEnvelope();
    const rogue = ZoneSigner.generate('portal', pair.signers.portal.keyId);
    await receive(pair.w.db, pair.keyring, env, rogue.sign(envelopeBytes(env)), {
      zone: 'workbench',
    });

    await monitorBeat(ends(pair));
    const d = diff(before, await totals(pair));
    assert.equal(d.rejected, 3);
    assert.equal(d.bad_signatures, 2);
    assert.equal(d.delivered, 0);
  });

  test('a failed delivery is a retry, shows as retrying with its error, and the flow reads unhealthy when stalled', async () => {
    const before = await totals(pair);
    await processInbox(pair.w.db, noop, { keyring: pair.keyring });
    await pair.p.db.transaction((tx) =>
      sendMessage(tx, realnameVerifyRequest, realnameRequest(), { stream: 'm-retry' }),
    );
    const observer = new FlowObserver();
    await pair.sign();
    const report = await relayOnce(pair.p, pair.w, pair.keyring, {
      observer: observer.forFlow(FLOW),
      deliverBatch: async () => {
        throw new Error('workbench database unreachable');
      },
    });
    assert.equal(report.failed, 1);
    const beat = await monitorBeat(ends(pair), { observer });
    assert.equal(diff(before, await totals(pair)).retries, 1);
    const status = beat.status.find((s) => s.flow === FLOW && s.type === TYPE);
    assert.equal(status?.retrying, 1);
    assert.match(status?.lastError ?? '', /unreachable/);

    const later = new Date(Date.now() + 2 * 60_000);
    await monitorBeat(ends(pair), { now: later });
    const status2 = await exchangeStatus(pair.p.db, pair.w.db, later);
    assert.equal(status2.ok, false, status2.text);
    assert.match(status2.text, /portal-to-workbench\s+UNHEALTHY/);
    assert.match(status2.text, /Flow stalled/);
    assert.match(status2.text, /workbench database unreachable/);

    await pair.sign();
    await relayOnce(pair.p, pair.w, pair.keyring, { now: () => later });
    await processInbox(pair.w.db, noop, { keyring: pair.keyring });
    const after = new Date(later.getTime() + 5_000);
    await monitorBeat(ends(pair), { now: after });
    const moving = await exchangeStatus(pair.p.db, pair.w.db, after);
    // No longer stalled (the forged signature of the test above still holds the flow unhealthy, rightly).
    assert.doesNotMatch(moving.text, /Flow stalled/, moving.text);
    assert.match(moving.text, /Signature failure/);
  });
});

describe('exchange monitor: alarms', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair();
  });
  after(() => pair.close());

  async function auditRows(action: string) {
    return pair.w.db.select().from(auditLog).where(eq(auditLog.action, action));
  }

  test('a stalled flow raises one alarm: audited, sent to the duty officer, cleared when the flow moves', async () => {
    await pair.p.db.transaction((tx) =>
      sendMessage(tx, realnameVerifyRequest, realnameRequest(), { stream: 'a-stall' }),
    );
    const t0 = Date.now();
    const first = await monitorBeat(ends(pair), { now: new Date(t0 + 61_000) });
    assert.deepEqual(
      first.conditions.map((c) => [c.rule, c.flow, c.severity]),
      [['stalled', FLOW, 'major']],
    );
    assert.equal(first.alarms.raised, 1);
    // Still stalled a beat later: the same episode, no second message.
    const second = await monitorBeat(ends(pair), { now: new Date(t0 + 66_000) });
    assert.equal(second.alarms.raised, 0);
    const open = await pair.w.db.select().from(exchangeAlarms).where(isNull(exchangeAlarms.clearedAt));
    assert.equal(open.length, 1);
    assert.equal(open[0]?.rule, 'stalled');

    const raised = await auditRows('exchange.alarm.raise');
    assert.equal(raised.length, 1);
    assert.equal(raised[0]?.actor, 'exchange');
    assert.equal(raised[0]?.detail.rule, 'stalled');
    const sms = await pair.w.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipient, DEMO_DUTY_MOBILE));
    assert.equal(sms.length, 1);
    assert.match(sms[0]?.body ?? '', /边界交换告警.*流转停滞/);
    assert.equal(await pair.workbench.drainJobs(), 1);

    await pair.sign();
    await relayOnce(pair.p, pair.w, pair.keyring);
    await processInbox(pair.w.db, noop, { keyring: pair.keyring });
    const third = await monitorBeat(ends(pair), { now: new Date(t0 + 71_000) });
    assert.equal(third.alarms.cleared, 1);
    assert.equal((await auditRows('exchange.alarm.clear')).length, 1);
    assert.equal(
      (await pair.w.db.select().from(exchangeAlarms).where(isNull(exchangeAlarms.clearedAt))).length,
      0,
    );
  });

  test('any signature failure raises a critical alarm at once', async () => {
    const env = forgedEnvelope();
    const rogue = ZoneSigner.generate('portal', pair.signers.portal.keyId);
    await receive(pair.w.db, pair.keyring, env, rogue.sign(envelopeBytes(env)), {
      zone: 'workbench',
    });
    const beat = await monitorBeat(ends(pair));
    const signature = beat.conditions.find((c) => c.rule === 'signature');
    assert.equal(signature?.severity, 'critical');
    assert.equal(signature?.flow, FLOW);
    const status = await exchangeStatus(pair.p.db, pair.w.db, new Date());
    assert.equal(status.ok, false);
    assert.match(status.text, /Signature failure/);
  });

  test('refusals above the threshold raise an alarm', async () => {
    await pair.p.db.transaction(async (tx) => {
      for (let i = 0; i < DEFAULT_THRESHOLDS.rejectThreshold; i++) {
        await appendOutbox(tx, { type: 'registry.dump', version: 1, stream: 'a-reject', payload: { i } });
      }
    });
    await pair.sign();
    assert.equal(
      (await relayOnce(pair.p, pair.w, pair.keyring)).quarantined,
      DEFAULT_THRESHOLDS.rejectThreshold,
    );
    const beat = await monitorBeat(ends(pair));
    assert.ok(beat.conditions.some((c) => c.rule === 'rejects' && c.flow === FLOW));
    assert.equal(beat.errors.length, 0);
  });

  test('volume far above its recent normal raises a warning that does not fail the status', async () => {
    const thresholds = { ...DEFAULT_THRESHOLDS, volumeFloor: 3, rejectThreshold: 1_000_000 };
    await pair.w.db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) {
        await sendMessage(
          tx,
          realnameVerifyResult,
          { requestId: randomUUID(), citizenRef: randomUUID(), outcome: 'verified' },
          { stream: 'a-volume' },
        );
      }
    });
    await pair.sign();
    await relayOnce(pair.w, pair.p, pair.keyring);
    await processInbox(pair.p.db, { 'realname.verify.result': async () => {} }, { keyring: pair.keyring });
    const beat = await monitorBeat(ends(pair), { thresholds });
    const volume = beat.conditions.find((c) => c.rule === 'volume' && c.flow === 'workbench-to-portal');
    assert.equal(volume?.severity, 'warning');
    const status = await exchangeStatus(pair.p.db, pair.w.db, new Date(), thresholds);
    assert.match(status.text, /workbench-to-portal\s+WARN/);
    for (const end of [pair.p, pair.w]) assert.equal((await verifyMessageLog(end.db)).ok, true);
  });
});

describe('exchange monitor: quarantine decisions', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair();
  });
  after(() => pair.close());

  async function decide(zone: 'portal' | 'workbench', id: string, action: 'release' | 'discard') {
    return pair.w.db.transaction((tx) =>
      requestDecision(tx, {
        zone,
        quarantineId: id,
        action,
        reason: 'checked by test',
        requestedBy: 'T1',
        at: new Date(),
      }),
    );
  }

  test('the portal’s quarantine is mirrored as a summary; a release is checked again and refused again', async () => {
    await pair.p.db.transaction((tx) =>
      appendOutbox(tx, {
        type: TYPE,
        version: 1,
        stream: 'd-poison',
        payload: realnameRequest({ idNumber: 'not an id' }),
      }),
    );
    await pair.sign();
    await relayOnce(pair.p, pair.w, pair.keyring);
    await monitorBeat(ends(pair));
    const [mirrored] = await pair.w.db.select().from(exchangeQuarantineMirror);
    assert.equal(mirrored?.reason, 'schema');
    assert.equal(mirrored?.type, TYPE);
    assert.equal(mirrored?.stream, 'd-poison');
    assert.equal(mirrored?.streamSeq, 1);
    assert.equal(JSON.stringify(mirrored).includes('not an id'), false, 'no payload crosses');

    const requestId = await decide('portal', mirrored!.id, 'release');
    await assert.rejects(decide('portal', mirrored!.id, 'discard'), DecisionConflict);
    const beat = await monitorBeat(ends(pair));
    assert.equal(beat.decisions.outcomes[requestId], 'released');
    const [row] = await pair.p.db.select().from(outbox).where(eq(outbox.stream, 'd-poison'));
    assert.equal(row?.quarantinedAt, null, 'back in the queue');
    // Every check runs again: still not a valid message, so quarantined again, as a new entry.
    await pair.sign();
    assert.equal((await relayOnce(pair.p, pair.w, pair.keyring)).quarantined, 1);
    await monitorBeat(ends(pair));
    const entries = await pair.p.db.select().from(quarantine).where(eq(quarantine.messageId, row!.id));
    assert.equal(entries.length, 2);
    assert.equal(entries.filter((e) => e.releasedAt).length, 1);
    const mirror = await pair.w.db.select().from(exchangeQuarantineMirror);
    assert.equal(mirror.filter((m) => m.releasedAt && m.decidedBy === 'T1').length, 1);
    assert.equal(mirror.filter((m) => !m.releasedAt && !m.discardedAt).length, 1);
    const done = await pair.w.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'exchange.quarantine.done'));
    assert.equal(done.length, 1);
    assert.equal(done[0]?.detail.outcome, 'released');
  });

  test('a message refused on receipt for a passing cause (a key not yet trusted) is resent on release and arrives once', async () => {
    await pair.p.db.transaction((tx) =>
      sendMessage(tx, realnameVerifyRequest, realnameRequest(), { stream: 'd-stale' }),
    );
    await pair.sign();
    await relayOnce(pair.p, pair.w, pair.keyring, {
      deliver: (env, sig) =>
        receive(pair.w.db, workbenchNotYetTrusting(pair), env, sig, { zone: 'workbench' }),
    });
    const [entry] = await pair.w.db
      .select()
      .from(quarantine)
      .where(
        and(
          eq(quarantine.reason, 'bad-signature'),
          isNull(quarantine.releasedAt),
          sql`${quarantine.raw}->'envelope'->>'stream' = 'd-stale'`,
        ),
      );
    assert.ok(entry);
    const requestId = await decide('workbench', entry.id, 'release');
    const beat = await monitorBeat(ends(pair));
    assert.equal(beat.decisions.outcomes[requestId], 'released');
    // Carrying out again finds nothing waiting; the request is done.
    assert.equal((await carryOutDecisions(ends(pair), new Date())).done, 0);
    await pair.sign();
    assert.equal((await relayOnce(pair.p, pair.w, pair.keyring)).delivered, 1);
    const stored = await pair.w.db.select().from(inbox).where(eq(inbox.stream, 'd-stale'));
    assert.equal(stored.length, 1);
    const [request] = await pair.w.db
      .select()
      .from(exchangeQuarantineRequests)
      .where(eq(exchangeQuarantineRequests.id, requestId));
    assert.equal(request?.outcome, 'released');
  });

  test('a forged message cannot be released, only discarded, and the decision is recorded', async () => {
    const env = forgedEnvelope();
    await receive(
      pair.w.db,
      pair.keyring,
      env,
      { keyId: 'portal-test', value: 'AAAA' },
      { zone: 'workbench' },
    );
    const [entry] = await pair.w.db.select().from(quarantine).where(eq(quarantine.messageId, env.id));
    assert.ok(entry);
    const release = await decide('workbench', entry.id, 'release');
    assert.equal((await monitorBeat(ends(pair))).decisions.outcomes[release], 'not-releasable');
    const [still] = await pair.w.db.select().from(quarantine).where(eq(quarantine.id, entry.id));
    assert.equal(still?.releasedAt, null);
    const discard = await decide('workbench', entry.id, 'discard');
    assert.equal((await monitorBeat(ends(pair))).decisions.outcomes[discard], 'discarded');
    const [gone] = await pair.w.db.select().from(quarantine).where(eq(quarantine.id, entry.id));
    assert.ok(gone?.discardedAt);
    assert.equal(gone?.decidedBy, 'T1');
    assert.equal(gone?.decisionReason, 'checked by test');
    assert.equal((await pair.w.db.select().from(inbox).where(eq(inbox.messageId, env.id))).length, 0);
  });
});
