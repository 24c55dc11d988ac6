import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { realnameVerifyRequest } from '../../src/exchange/contracts/index.ts';
import { processInbox, type InboxHandler } from '../../src/exchange/inbox.ts';
import { sendMessage } from '../../src/exchange/outbox.ts';
import { relayOnce } from '../../src/exchange/relay.ts';
import { keyringFrom } from '../../src/exchange/runtime.ts';
import { signOutbox } from '../../src/exchange/signer.ts';
import { Keyring, ZoneSigner } from '../../src/exchange/signing.ts';
import { inbox, messageLog, outbox, quarantine } from '../../src/exchange/tables.ts';
import { realnameRequest, startPair, type Pair } from './helpers.ts';

// Keys where they belong: each zone signs with its own private key in its own process; the relay and the
// receiving zone hold public keys only, and the receiving zone checks again before it acts.

describe('exchange keys', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair();
  });
  after(() => pair.close());

  const handled: string[] = [];
  const handlers: Record<string, InboxHandler> = {
    [realnameVerifyRequest.type]: async (_tx, payload) => {
      handled.push((payload as { requestId: string }).requestId);
    },
  };

  async function queue(stream: string, overrides: Record<string, unknown> = {}) {
    const payload = realnameRequest(overrides);
    await pair.p.db.transaction((tx) => sendMessage(tx, realnameVerifyRequest, payload, { stream }));
    return payload;
  }

  /** The relay's keyring as production builds it: from the zones' public key PEMs, nothing else. */
  function publicOnlyRelayKeyring(): Keyring {
    return keyringFrom({
      portal: [pair.signers.portal.publicPem()],
      workbench: [pair.signers.workbench.publicPem()],
    });
  }

  test('a relay holding no private key still delivers what the zone signed', async () => {
    const sent = await queue('keys-deliver');
    // Unsigned, the message waits: the relay cannot sign it and does not pass it on.
    assert.equal((await relayOnce(pair.p, pair.w, publicOnlyRelayKeyring())).delivered, 0);
    assert.equal((await signOutbox(pair.p.db, pair.signers.portal)).signed, 1);
    const relayKeyring = publicOnlyRelayKeyring();
    assert.equal('sign' in relayKeyring, false, 'a keyring has no way to sign');
    assert.equal((await relayOnce(pair.p, pair.w, relayKeyring)).delivered, 1);
    const [stored] = await pair.w.db.select().from(inbox).where(eq(inbox.stream, 'keys-deliver'));
    assert.equal(stored?.keyId, pair.signers.portal.keyId, 'the signature crossed is the portal’s own');
    const report = await processInbox(pair.w.db, handlers, { keyring: publicOnlyRelayKeyring() });
    assert.equal(report.processed, 1);
    assert.ok(handled.includes(sent.requestId));
  });

  test('an outbox row signed by anyone but the zone is refused by the relay on the sender’s side', async () => {
    await queue('keys-forged-row');
    await signOutbox(pair.p.db, ZoneSigner.generate('portal', pair.signers.portal.keyId));
    const report = await relayOnce(pair.p, pair.w, publicOnlyRelayKeyring());
    assert.equal(report.quarantined, 1);
    const [refused] = await pair.p.db
      .select()
      .from(quarantine)
      .where(sql`${quarantine.raw}->>'stream' = 'keys-forged-row'`);
    assert.equal(refused?.reason, 'bad-signature');
    assert.equal((await pair.w.db.select().from(inbox).where(eq(inbox.stream, 'keys-forged-row'))).length, 0);
  });

  test('a message altered between the relay and the inbox is refused and quarantined by the inbox', async () => {
    const sent = await queue('keys-altered');
    await pair.sign();
    assert.equal((await relayOnce(pair.p, pair.w, pair.keyring)).delivered, 1);
    // Someone with write access to the workbench's inbox (or a relay gone bad) changes the stored message.
    await pair.w.db.execute(sql`
      UPDATE inbox SET payload = jsonb_set(payload, '{name}', '"李四"') WHERE stream = 'keys-altered'`);
    const report = await processInbox(pair.w.db, handlers, { keyring: pair.keyring });
    assert.equal(report.quarantined, 1);
    assert.equal(report.processed, 0);
    assert.ok(!handled.includes(sent.requestId), 'the handler never saw it');
    const [row] = await pair.w.db.select().from(inbox).where(eq(inbox.stream, 'keys-altered'));
    assert.ok(row?.quarantinedAt, 'marked refused');
    assert.ok(row?.processedAt, 'and no longer waiting');
    const [entry] = await pair.w.db.select().from(quarantine).where(eq(quarantine.messageId, row!.messageId));
    assert.equal(entry?.reason, 'bad-signature');
    assert.equal(entry?.direction, 'inbound');
    assert.match(entry?.detail ?? '', /on processing/);
    const [logged] = await pair.w.db
      .select()
      .from(messageLog)
      .where(sql`${messageLog.messageId} = ${row!.messageId} AND ${messageLog.outcome} = 'quarantined'`);
    assert.equal(logged?.reason, 'bad-signature');
    // The stream goes on behind it.
    const next = await queue('keys-altered');
    await pair.sign();
    await relayOnce(pair.p, pair.w, pair.keyring);
    assert.equal((await processInbox(pair.w.db, handlers, { keyring: pair.keyring })).processed, 1);
    assert.ok(handled.includes(next.requestId));
  });

  test('rotation: messages signed with the old key still verify while it is trusted, and not after', async () => {
    const oldKey = ZoneSigner.generate('portal');
    const newKey = ZoneSigner.generate('portal');
    const both = new Keyring()
      .trust('portal', oldKey.publicPem())
      .trust('portal', newKey.publicPem())
      .trustSigner(pair.signers.workbench);
    // One message signed before the switch, still waiting; one after.
    const early = await queue('keys-rotation');
    await signOutbox(pair.p.db, oldKey);
    const late = await queue('keys-rotation');
    await signOutbox(pair.p.db, newKey);
    const keyIds = await pair.p.db
      .select({ keyId: outbox.keyId })
      .from(outbox)
      .where(eq(outbox.stream, 'keys-rotation'))
      .orderBy(outbox.seq);
    assert.deepEqual(
      keyIds.map((k) => k.keyId),
      [oldKey.keyId, newKey.keyId],
    );
    assert.equal((await relayOnce(pair.p, pair.w, both)).delivered, 2);
    assert.equal((await processInbox(pair.w.db, handlers, { keyring: both })).processed, 2);
    assert.ok(handled.includes(early.requestId) && handled.includes(late.requestId));

    // Once the old key is revoked, what it signs is refused, at the relay and at the inbox.
    both.revoke('portal', oldKey.keyId);
    await queue('keys-rotation-after');
    await signOutbox(pair.p.db, oldKey);
    assert.equal((await relayOnce(pair.p, pair.w, both)).quarantined, 1);
  });
});
