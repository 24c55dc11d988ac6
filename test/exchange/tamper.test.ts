import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { envelopeBytes, type Envelope } from '../../src/exchange/envelope.ts';
import { receive } from '../../src/exchange/inbox.ts';
import { verifyMessageLog } from '../../src/exchange/message-log.ts';
import { appendOutbox } from '../../src/exchange/outbox.ts';
import { relayOnce } from '../../src/exchange/relay.ts';
import { ZoneSigner } from '../../src/exchange/signing.ts';
import { inbox, messageLog, quarantine } from '../../src/exchange/tables.ts';
import { realnameRequest, startPair, type Pair } from './helpers.ts';

describe('exchange refuses what it must', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair();
  });
  after(() => pair.close());

  function envelope(overrides: Partial<Envelope> = {}): Envelope {
    return {
      id: randomUUID(),
      type: 'realname.verify.request',
      version: 1,
      stream: 'tamper',
      seq: 1,
      sentAt: new Date().toISOString(),
      from: 'portal',
      payload: realnameRequest(),
      ...overrides,
    };
  }

  /** Sends to the workbench and checks the refusal is quarantined there, logged, and not stored. */
  async function expectRefused(env: unknown, sig: unknown, reason: string): Promise<void> {
    const db = pair.w.db;
    const result = await receive(db, pair.keyring, env, sig, { zone: 'workbench' });
    assert.equal(result.outcome, 'quarantined');
    assert.equal(result.outcome === 'quarantined' && result.reason, reason);
    const id = (env as { id?: string }).id ?? '';
    assert.equal((await db.select().from(inbox).where(eq(inbox.messageId, id))).length, 0);
    const [q] = await db.select().from(quarantine).where(eq(quarantine.messageId, id));
    assert.equal(q?.reason, reason);
    assert.deepEqual(q?.raw, JSON.parse(JSON.stringify({ envelope: env, signature: sig })));
    const [logged] = await db.select().from(messageLog).where(eq(messageLog.messageId, id));
    assert.equal(logged?.outcome, 'quarantined');
    assert.equal(logged?.reason, reason);
  }

  test('a valid envelope is accepted (the control for the cases below)', async () => {
    const env = envelope();
    const result = await receive(pair.w.db, pair.keyring, env, pair.signers.portal.sign(envelopeBytes(env)), {
      zone: 'workbench',
    });
    assert.deepEqual(result, { outcome: 'delivered' });
  });

  test('payload altered after signing → bad-signature', async () => {
    const env = envelope();
    const sig = pair.signers.portal.sign(envelopeBytes(env));
    await expectRefused(
      { ...env, payload: { ...(env.payload as object), name: '李四' } },
      sig,
      'bad-signature',
    );
  });

  test('signed with a key the receiver does not trust → bad-signature', async () => {
    const env = envelope();
    const rogue = ZoneSigner.generate('portal', pair.signers.portal.keyId);
    await expectRefused(env, rogue.sign(envelopeBytes(env)), 'bad-signature');
  });

  test('signed with the other zone’s key while claiming to be the portal → bad-signature', async () => {
    const env = envelope();
    await expectRefused(env, pair.signers.workbench.sign(envelopeBytes(env)), 'bad-signature');
  });

  test('replayed, however late → a duplicate, never taken twice (replays are stopped by message id)', async () => {
    const env = envelope({ sentAt: new Date(Date.now() - 24 * 3_600_000).toISOString() });
    const sig = pair.signers.portal.sign(envelopeBytes(env));
    assert.deepEqual(await receive(pair.w.db, pair.keyring, env, sig, { zone: 'workbench' }), {
      outcome: 'delivered',
    });
    assert.deepEqual(await receive(pair.w.db, pair.keyring, env, sig, { zone: 'workbench' }), {
      outcome: 'duplicate',
    });
    assert.equal((await pair.w.db.select().from(inbox).where(eq(inbox.messageId, env.id))).length, 1);
  });

  test('unknown type or version → unknown-type', async () => {
    for (const env of [envelope({ type: 'registry.dump' }), envelope({ version: 2 })]) {
      await expectRefused(env, pair.signers.portal.sign(envelopeBytes(env)), 'unknown-type');
    }
  });

  test('a type listed for the other direction → wrong-direction', async () => {
    const env = envelope({
      type: 'realname.verify.result',
      payload: { requestId: randomUUID(), citizenRef: randomUUID(), outcome: 'verified' },
    });
    await expectRefused(env, pair.signers.portal.sign(envelopeBytes(env)), 'wrong-direction');
  });

  test('oversized payload → oversized', async () => {
    const env = envelope({ payload: realnameRequest({ name: '张'.repeat(2000) }) });
    await expectRefused(env, pair.signers.portal.sign(envelopeBytes(env)), 'oversized');
  });

  test('schema violations (bad uuid, extra field, bad ID number) → schema', async () => {
    for (const payload of [
      realnameRequest({ requestId: 'not-a-uuid' }),
      realnameRequest({ note: 'smuggled' }),
      realnameRequest({ idNumber: '1234' }),
    ]) {
      const env = envelope({ payload });
      await expectRefused(env, pair.signers.portal.sign(envelopeBytes(env)), 'schema');
    }
  });

  test('an envelope that is not one at all → malformed, still kept', async () => {
    const env = { ...envelope(), extra: 'field' };
    await expectRefused(env, { keyId: 'portal-test', value: 'x' }, 'malformed');
  });

  test('unsigned (no signature at all) → malformed, still kept', async () => {
    await expectRefused(envelope(), undefined, 'malformed');
    await expectRefused(envelope(), null, 'malformed');
  });

  test('text the database cannot store as sent (NUL, lone surrogates) is still refused and kept, not lost', async () => {
    const env = { ...envelope(), type: 'realname\u0000.verify', stream: 'x\ud800y' };
    const result = await receive(
      pair.w.db,
      pair.keyring,
      env,
      { keyId: 'k\u0000', value: '\u0000' },
      {
        zone: 'workbench',
      },
    );
    assert.equal(result.outcome, 'quarantined');
    const [q] = await pair.w.db.select().from(quarantine).where(eq(quarantine.messageId, env.id));
    assert.equal(q?.reason, 'bad-signature');
    assert.equal((q?.raw as { envelope: { type: string } }).envelope.type, 'realname\ufffd.verify');
    const [logged] = await pair.w.db.select().from(messageLog).where(eq(messageLog.messageId, env.id));
    assert.equal(logged?.type, 'realname\ufffd.verify');
    assert.equal(logged?.stream, 'x\ufffdy');
  });

  test('the relay refuses on the sender side too, with the reason', async () => {
    const db = pair.p.db;
    await db.transaction(async (tx) => {
      await appendOutbox(tx, { type: 'registry.dump', version: 1, stream: 's-unknown', payload: {} });
      await appendOutbox(tx, {
        type: 'realname.verify.result',
        version: 1,
        stream: 's-direction',
        payload: { requestId: randomUUID(), citizenRef: randomUUID(), outcome: 'verified' },
      });
      await appendOutbox(tx, {
        type: 'realname.verify.request',
        version: 1,
        stream: 's-size',
        payload: realnameRequest({ name: 'x'.repeat(5000) }),
      });
      await appendOutbox(tx, {
        type: 'realname.verify.request',
        version: 1,
        stream: 's-schema',
        payload: realnameRequest({ citizenRef: 42 }),
      });
    });
    await pair.sign();
    const report = await relayOnce(pair.p, pair.w, pair.keyring);
    assert.equal(report.quarantined, 4);
    assert.equal(report.delivered, 0);
    const reasons = await db
      .select({ reason: quarantine.reason })
      .from(quarantine)
      .where(eq(quarantine.direction, 'outbound'))
      .orderBy(quarantine.reason);
    assert.deepEqual(
      reasons.map((r) => r.reason),
      ['oversized', 'schema', 'unknown-type', 'wrong-direction'],
    );
  });

  test('both message logs verify, and an altered row is detected', async () => {
    for (const end of [pair.p, pair.w]) {
      const report = await verifyMessageLog(end.db);
      assert.equal(report.ok, true, JSON.stringify(report.problems));
      assert.ok(report.rows > 0);
    }
    const db = pair.w.db;
    // The trigger stops the application; only someone able to disable it can edit, and verify catches that.
    await assert.rejects(db.execute(sql`UPDATE message_log SET reason = 'nothing to see' WHERE seq = 2`));
    await db.execute(sql`ALTER TABLE message_log DISABLE TRIGGER message_log_no_update_delete`);
    await db.execute(sql`UPDATE message_log SET outcome = 'delivered', reason = NULL WHERE seq = 2`);
    await db.execute(sql`DELETE FROM message_log WHERE seq = 4`);
    await db.execute(sql`ALTER TABLE message_log ENABLE TRIGGER message_log_no_update_delete`);
    const report = await verifyMessageLog(db);
    assert.equal(report.ok, false);
    assert.deepEqual(report.problems, [
      { seq: 2, problem: 'altered' },
      { seq: 4, problem: 'deleted' },
    ]);
  });
});
