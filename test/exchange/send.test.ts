import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq, isNull } from 'drizzle-orm';
import sharp from 'sharp';
import { attachmentSubmitted, realnameVerifyRequest } from '../../src/exchange/contracts/index.ts';
import { send, sendOpening } from '../../src/exchange/facade.ts';
import { processInbox } from '../../src/exchange/inbox.ts';
import { sendMessage } from '../../src/exchange/outbox.ts';
import { relayOnce } from '../../src/exchange/relay.ts';
import { signOutbox } from '../../src/exchange/signer.ts';
import { inbox, outbox } from '../../src/exchange/tables.ts';
import { realnameRequest, startPair, type Pair } from './helpers.ts';

// What the sending zone's process does with a message it sends: signed in the sending transaction when it has
// no files, so the relay takes it as soon as it commits; left to the zone's worker when files need re-encoding.

describe('signing at send', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair();
  });
  after(() => pair.close());

  const outboxOf = (stream: string) =>
    pair.p.db.select().from(outbox).where(eq(outbox.stream, stream)).orderBy(asc(outbox.seq));

  test('a message without files is signed in its transaction, on the zone’s clock, and crosses with no worker step', async () => {
    // Ten minutes ahead, so the signing time can only have come from the zone's own clock.
    pair.portal.advanceClock(600_000);
    const payload = realnameRequest();
    await pair.p.db.transaction((tx) => send(tx, realnameVerifyRequest, payload, { stream: 'send-now' }));
    const [row] = await outboxOf('send-now');
    assert.equal(row?.keyId, pair.signers.portal.keyId);
    assert.ok(row?.signature);
    assert.ok(row.signedAt && row.signedAt.getTime() - Date.now() > 540_000, 'signed on the zone’s clock');

    const report = await relayOnce(pair.p, pair.w, pair.keyring);
    assert.equal(report.delivered, 1);
    assert.equal(report.quarantined, 0);
    const [stored] = await pair.w.db.select().from(inbox).where(eq(inbox.stream, 'send-now'));
    assert.equal(stored?.sentAt.getTime(), row.signedAt.getTime(), 'sentAt is the signing time');
    const handled: string[] = [];
    const processed = await processInbox(
      pair.w.db,
      {
        [realnameVerifyRequest.type]: async (_tx, body) =>
          void handled.push((body as typeof payload).requestId),
      },
      { keyring: pair.keyring },
    );
    assert.equal(processed.processed, 1, 'the receiving zone verifies the signature again');
    assert.deepEqual(handled, [payload.requestId]);
  });

  test('a send that opens its stream numbers it 1 and the next one 2, crosses signed, and is refused on a stream that exists', async () => {
    await pair.p.db.transaction(async (tx) => {
      await send(tx, realnameVerifyRequest, realnameRequest(), { stream: 'send-opens', opens: true });
      await send(tx, realnameVerifyRequest, realnameRequest(), { stream: 'send-opens' });
    });
    const rows = await outboxOf('send-opens');
    assert.deepEqual(
      rows.map((r) => r.seq),
      [1, 2],
    );
    assert.ok(
      rows.every((r) => r.signature),
      'both signed at send',
    );
    const report = await relayOnce(pair.p, pair.w, pair.keyring);
    assert.equal(report.delivered, 2);
    assert.equal(report.quarantined, 0);
    // Opening a stream that already has messages fails rather than making a second message 1.
    await assert.rejects(
      pair.p.db.transaction((tx) =>
        send(tx, realnameVerifyRequest, realnameRequest(), { stream: 'send-opens', opens: true }),
      ),
    );
    assert.equal((await outboxOf('send-opens')).length, 2);
  });

  test('a message opened inside the caller’s own statement is number 1, signed, followed by send, and refused on a stream that exists', async () => {
    const opening = (stream: string) => {
      const message = pair.p.db
        .$with('message')
        .as(sendOpening(pair.p.db, realnameVerifyRequest, realnameRequest(), { stream }));
      return pair.p.db.with(message).select().from(message);
    };
    const [written] = await opening('send-opening');
    await pair.p.db.transaction((tx) =>
      send(tx, realnameVerifyRequest, realnameRequest(), { stream: 'send-opening' }),
    );
    const rows = await outboxOf('send-opening');
    assert.deepEqual(
      rows.map((r) => [r.id === written?.id, r.seq, Boolean(r.signature)]),
      [
        [true, 1, true],
        [false, 2, true],
      ],
    );
    const report = await relayOnce(pair.p, pair.w, pair.keyring);
    assert.equal(report.delivered, 2);
    assert.equal(report.quarantined, 0);
    await assert.rejects(opening('send-opening'));
    assert.equal((await outboxOf('send-opening')).length, 2);
  });

  test('a rolled-back transaction leaves nothing, signed or not', async () => {
    await assert.rejects(
      pair.p.db.transaction(async (tx) => {
        await send(tx, realnameVerifyRequest, realnameRequest(), { stream: 'send-rollback' });
        throw new Error('the change that caused it failed');
      }),
      /the change that caused it failed/,
    );
    assert.deepEqual(await outboxOf('send-rollback'), []);
  });

  test('a message with files waits for the worker to re-encode and sign it, and what follows in its stream waits behind it', async () => {
    const photo = await sharp({
      create: { width: 8, height: 6, channels: 3, background: { r: 200, g: 40, b: 40 } },
    })
      .jpeg()
      .toBuffer();
    const attachmentId = randomUUID();
    const later = realnameRequest();
    await pair.p.db.transaction(async (tx) => {
      await send(
        tx,
        attachmentSubmitted,
        {
          attachmentId,
          citizenRef: randomUUID(),
          purpose: 'tip-evidence',
          file: { name: 'photo.jpg', declaredType: 'image/jpeg', data: photo.toString('base64') },
        },
        { stream: 'send-files' },
      );
    });
    await pair.p.db.transaction((tx) => send(tx, realnameVerifyRequest, later, { stream: 'send-files' }));
    const [first, second] = await outboxOf('send-files');
    assert.equal(first?.signedAt, null, 'files are re-encoded before anyone signs');
    assert.ok(second?.signedAt, 'the message behind it is signed at once');

    assert.equal(
      (await relayOnce(pair.p, pair.w, pair.keyring)).delivered,
      0,
      'nothing overtakes the unsigned row',
    );
    assert.equal(await pair.sign(), 1);
    assert.equal((await relayOnce(pair.p, pair.w, pair.keyring)).delivered, 2);
    const arrived = await pair.w.db
      .select()
      .from(inbox)
      .where(eq(inbox.stream, 'send-files'))
      .orderBy(asc(inbox.seq));
    assert.deepEqual(
      arrived.map((r) => r.type),
      [attachmentSubmitted.type, realnameVerifyRequest.type],
    );
  });

  test('a batch the worker signs, written in several statements, holds a good signature for every row', async () => {
    const streams = ['send-batch-a', 'send-batch-b', 'send-batch-c'];
    for (let i = 0; i < 30; i++) {
      await pair.p.db.transaction((tx) =>
        sendMessage(tx, realnameVerifyRequest, realnameRequest(), { stream: streams[i % streams.length]! }),
      );
    }
    // Small statements, so the batch is written in several of them.
    const report = await signOutbox(pair.p.db, pair.signers.portal, { batch: 20, statementChars: 2_000 });
    assert.equal(report.signed, 20);
    assert.equal((await signOutbox(pair.p.db, pair.signers.portal)).signed, 10);
    const unsigned = await pair.p.db
      .select()
      .from(outbox)
      .where(and(isNull(outbox.signedAt), isNull(outbox.quarantinedAt)));
    assert.deepEqual(unsigned, []);
    const relayed = await relayOnce(pair.p, pair.w, pair.keyring);
    assert.equal(relayed.delivered, 30);
    assert.equal(relayed.quarantined, 0);
  });
});
