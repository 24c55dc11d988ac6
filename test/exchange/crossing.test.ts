import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { realnameVerifyRequest, realnameVerifyResult } from '../../src/exchange/contracts/index.ts';
import { processInbox, receive, type InboxHandler } from '../../src/exchange/inbox.ts';
import { verifyMessageLog } from '../../src/exchange/message-log.ts';
import { appendOutbox, ExchangeContractError, sendMessage } from '../../src/exchange/outbox.ts';
import { relayOnce, type Deliver } from '../../src/exchange/relay.ts';
import { inbox, outbox, quarantine } from '../../src/exchange/tables.ts';
import { citizens } from '../../src/portal/db/schema.ts';
import type { Envelope } from '../../src/exchange/envelope.ts';
import type { Signature } from '../../src/exchange/signing.ts';
import { realnameRequest, rows, startPair, type Pair } from './helpers.ts';

describe('exchange crossing', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair();
  });
  after(() => pair.close());

  test('a real-name request crosses, is processed once, and its result crosses back', async () => {
    const { portal, workbench, p, w, keyring } = pair;
    const [citizen] = await portal.database.db
      .insert(citizens)
      .values({ mobile: '13800000001', passwordHash: 'x', displayName: 'Zhang', realNameStatus: 'pending' })
      .returning({ id: citizens.id });
    assert.ok(citizen);
    const request = realnameRequest({ citizenRef: citizen.id });
    await portal.database.db.transaction((tx) =>
      sendMessage(tx, realnameVerifyRequest, request, { stream: 'realname' }),
    );

    let calls = 0;
    const wbHandlers: Record<string, InboxHandler> = {
      'realname.verify.request': async (tx, payload) => {
        calls++;
        const req = payload as typeof request;
        await sendMessage(
          tx,
          realnameVerifyResult,
          { requestId: req.requestId, citizenRef: req.citizenRef, outcome: 'verified' },
          { stream: 'realname' },
        );
      },
    };
    const portalHandlers: Record<string, InboxHandler> = {
      'realname.verify.result': async (tx, payload) => {
        const res = payload as { citizenRef: string; outcome: 'verified' | 'not-matched' };
        await tx.update(citizens).set({ realNameStatus: res.outcome }).where(eq(citizens.id, res.citizenRef));
      },
    };

    await pair.sign();
    assert.deepEqual(await relayOnce(p, w, keyring), {
      delivered: 1,
      duplicates: 0,
      quarantined: 0,
      refusedByReceiver: 0,
      failed: 0,
    });
    assert.equal(
      (await processInbox(workbench.database.db, wbHandlers, { keyring: pair.keyring })).processed,
      1,
    );
    assert.equal(
      (await processInbox(workbench.database.db, wbHandlers, { keyring: pair.keyring })).processed,
      0,
    );
    assert.equal(calls, 1);

    await pair.sign();
    assert.equal((await relayOnce(w, p, keyring)).delivered, 1);
    assert.equal(
      (await processInbox(portal.database.db, portalHandlers, { keyring: pair.keyring })).processed,
      1,
    );
    const [after] = await portal.database.db.select().from(citizens).where(eq(citizens.id, citizen.id));
    assert.equal(after?.realNameStatus, 'verified');

    // Nothing left to move, and the ID number never came back to the portal.
    await pair.sign();
    assert.equal((await relayOnce(p, w, keyring)).delivered, 0);
    const [received] = await portal.database.db.select().from(inbox);
    assert.equal(JSON.stringify(received?.payload).includes('idNumber'), false);
    for (const zone of [portal, workbench]) assert.equal((await verifyMessageLog(zone.database.db)).ok, true);
  });

  test('the same envelope delivered twice is stored and processed once', async () => {
    const { portal, workbench, p, w, keyring } = pair;
    await portal.database.db.transaction((tx) =>
      sendMessage(tx, realnameVerifyRequest, realnameRequest(), { stream: 'dup' }),
    );
    const seen: [Envelope, Signature][] = [];
    const deliver: Deliver = async (env, sig) => {
      seen.push([env, sig]);
      return receive(w.db, keyring, env, sig, { zone: 'workbench' });
    };
    await pair.sign();
    await relayOnce(p, w, keyring, { deliver });
    const [first] = seen;
    assert.ok(first);
    assert.deepEqual(await receive(w.db, keyring, first[0], first[1], { zone: 'workbench' }), {
      outcome: 'duplicate',
    });

    let calls = 0;
    await processInbox(
      workbench.database.db,
      { 'realname.verify.request': async () => void calls++ },
      { keyring: pair.keyring },
    );
    assert.equal(calls, 1);
    const logged = await rows<{ outcome: string }>(
      w.db,
      sql`SELECT outcome FROM message_log WHERE message_id = ${first[0].id} ORDER BY seq`,
    );
    assert.deepEqual(
      logged.map((r) => r.outcome),
      ['delivered', 'duplicate'],
    );
  });

  test('a lost acknowledgement is redelivered and recognised as a duplicate', async () => {
    const { portal, p, w, keyring } = pair;
    await portal.database.db.transaction((tx) =>
      sendMessage(tx, realnameVerifyRequest, realnameRequest(), { stream: 'lost-ack' }),
    );
    // The receiver commits, then the answer never reaches the relay.
    const lostAck: Deliver = async (env, sig) => {
      await receive(w.db, keyring, env, sig, { zone: 'workbench' });
      throw new Error('connection reset');
    };
    await pair.sign();
    assert.equal((await relayOnce(p, w, keyring, { deliver: lostAck })).failed, 1);
    const [row] = await p.db.select().from(outbox).where(eq(outbox.stream, 'lost-ack'));
    assert.equal(row?.sentAt, null);
    assert.equal(row?.attempts, 1);
    assert.ok(row && row.nextAttemptAt > new Date());

    // Still in backoff: not sent again yet.
    await pair.sign();
    assert.equal((await relayOnce(p, w, keyring)).duplicates, 0);
    const later = new Date(Date.now() + 60_000);
    await pair.sign();
    assert.equal((await relayOnce(p, w, keyring, { now: () => later })).duplicates, 1);
    const stored = await w.db.select().from(inbox).where(eq(inbox.stream, 'lost-ack'));
    assert.equal(stored.length, 1);
  });

  test('order within a stream holds, including after a failed delivery', async () => {
    const { portal, workbench, p, w, keyring } = pair;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const msg = realnameRequest({ name: `n${i}` });
      ids.push(msg.requestId);
      await portal.database.db.transaction((tx) =>
        sendMessage(tx, realnameVerifyRequest, msg, { stream: 'ordered' }),
      );
    }
    // The receiver is down on the third message: the fourth and fifth must not overtake it.
    let n = 0;
    const flaky: Deliver = async (env, sig) => {
      if (env.stream === 'ordered' && ++n === 3) throw new Error('receiver down');
      return receive(w.db, keyring, env, sig, { zone: 'workbench' });
    };
    await pair.sign();
    await relayOnce(p, w, keyring, { deliver: flaky });
    const got = await w.db.select().from(inbox).where(eq(inbox.stream, 'ordered'));
    assert.deepEqual(got.map((r) => r.seq).sort(), [1, 2]);
    const later = new Date(Date.now() + 60_000);
    await pair.sign();
    await relayOnce(p, w, keyring, { now: () => later });

    const order: string[] = [];
    await processInbox(
      workbench.database.db,
      {
        'realname.verify.request': async (_tx, payload, meta) => {
          if (meta.stream === 'ordered') order.push((payload as { requestId: string }).requestId);
        },
      },
      { keyring: pair.keyring },
    );
    assert.deepEqual(order, ids);
  });

  test('a failing handler holds its own stream only, and retries in order', async () => {
    const { portal, workbench, p, w, keyring } = pair;
    for (const stream of ['h-a', 'h-a', 'h-b']) {
      await portal.database.db.transaction((tx) =>
        sendMessage(tx, realnameVerifyRequest, realnameRequest({ name: stream }), { stream }),
      );
    }
    await pair.sign();
    await relayOnce(p, w, keyring);
    const seen: string[] = [];
    let fail = true;
    const handlers: Record<string, InboxHandler> = {
      'realname.verify.request': async (_tx, payload, meta) => {
        if (meta.stream === 'h-a' && fail) throw new Error('registry busy');
        if (meta.stream.startsWith('h-'))
          seen.push(`${meta.stream}#${meta.seq}:${(payload as { name: string }).name}`);
      },
    };
    const first = await processInbox(workbench.database.db, handlers, { keyring: pair.keyring });
    assert.equal(first.failed, 1);
    assert.deepEqual(seen, ['h-b#1:h-b']);
    fail = false;
    await processInbox(workbench.database.db, handlers, { keyring: pair.keyring });
    assert.deepEqual(seen, ['h-b#1:h-b', 'h-a#1:h-a', 'h-a#2:h-a']);
  });

  test('a poison message is quarantined at the sender and blocks neither its stream nor others', async () => {
    const { portal, p, w, keyring } = pair;
    const db = portal.database.db;
    await db.transaction(async (tx) => {
      await sendMessage(tx, realnameVerifyRequest, realnameRequest({ name: 'before' }), { stream: 'poison' });
      await appendOutbox(tx, {
        type: 'realname.verify.request',
        version: 1,
        stream: 'poison',
        payload: { bad: true },
      });
      await sendMessage(tx, realnameVerifyRequest, realnameRequest({ name: 'after' }), { stream: 'poison' });
      await sendMessage(tx, realnameVerifyRequest, realnameRequest({ name: 'other' }), { stream: 'clean' });
    });
    await pair.sign();
    const report = await relayOnce(p, w, keyring);
    assert.equal(report.quarantined, 1);
    assert.equal(report.delivered, 3);
    const got = await w.db.select().from(inbox).where(eq(inbox.stream, 'poison'));
    assert.deepEqual(got.map((r) => r.seq).sort(), [1, 3]);
    const [q] = await db.select().from(quarantine).where(eq(quarantine.direction, 'outbound'));
    assert.equal(q?.reason, 'schema');
    const [poison] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.seq, 2), eq(outbox.stream, 'poison')));
    assert.ok(poison?.quarantinedAt);
    assert.equal(poison?.sentAt, null);
  });

  test('sendMessage refuses a payload its contract does not allow, in the caller’s transaction', async () => {
    await assert.rejects(
      pair.portal.database.db.transaction((tx) =>
        sendMessage(tx, realnameVerifyRequest, { ...realnameRequest(), extra: 1 } as never, { stream: 'x' }),
      ),
      ExchangeContractError,
    );
  });
});
