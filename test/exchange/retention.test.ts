import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { realnameVerifyRequest } from '../../src/exchange/contracts/index.ts';
import { processInbox } from '../../src/exchange/inbox.ts';
import { verifyMessageLog } from '../../src/exchange/message-log.ts';
import { sendMessage } from '../../src/exchange/outbox.ts';
import { relayOnce } from '../../src/exchange/relay.ts';
import { PURGED_PAYLOAD, purgeCrossedPayloads } from '../../src/exchange/retention.ts';
import { inbox, outbox } from '../../src/exchange/tables.ts';
import { realnameRequest, startPair, type Pair } from './helpers.ts';

// A crossed message's payload (here an ID number) is emptied after the retention period; the envelope stays,
// and nothing still on its way is touched.

let pair: Pair;
before(async () => {
  pair = await startPair();
});
after(() => pair.close());

const DAY = 86_400_000;

async function send(stream: string) {
  const request = realnameRequest();
  await pair.portal.database.db.transaction((tx) =>
    sendMessage(tx, realnameVerifyRequest, request, { stream }),
  );
  return request;
}

test('payloads crossed and handled before the cutoff are emptied; everything else is kept as it was', async () => {
  const { portal, workbench, p, w, keyring } = pair;
  const old = await send('retention-old');
  const recent = await send('retention-recent');
  await pair.sign();
  assert.equal((await relayOnce(p, w, keyring)).delivered, 2);
  // Handled on the workbench side with a no-op, so both inbox rows count as processed.
  const handled = await processInbox(
    workbench.database.db,
    {
      'realname.verify.request': async () => undefined,
    },
    { keyring: pair.keyring },
  );
  assert.equal(handled.processed, 2);
  const waiting = await send('retention-waiting');

  // Age the first crossing by ten days on both sides; the waiting message is old too, but was never sent.
  const tenDaysAgo = new Date(Date.now() - 10 * DAY);
  await portal.database.db
    .update(outbox)
    .set({ sentAt: tenDaysAgo })
    .where(eq(outbox.stream, 'retention-old'));
  await portal.database.db
    .update(outbox)
    .set({ createdAt: tenDaysAgo })
    .where(eq(outbox.stream, 'retention-waiting'));
  await workbench.database.db
    .update(inbox)
    .set({ processedAt: tenDaysAgo })
    .where(eq(inbox.stream, 'retention-old'));

  const cutoff = new Date(Date.now() - 7 * DAY);
  assert.deepEqual(await purgeCrossedPayloads(portal.database.db, cutoff), { outbox: 1, inbox: 0 });
  assert.deepEqual(await purgeCrossedPayloads(workbench.database.db, cutoff), { outbox: 0, inbox: 1 });
  // A second sweep finds nothing more to do.
  assert.deepEqual(await purgeCrossedPayloads(portal.database.db, cutoff), { outbox: 0, inbox: 0 });

  const outRows = await portal.database.db.select().from(outbox);
  const byStream = (s: string) => outRows.find((r) => r.stream === s);
  assert.deepEqual(byStream('retention-old')?.payload, PURGED_PAYLOAD);
  assert.ok(byStream('retention-old')?.payloadPurgedAt);
  assert.equal(byStream('retention-old')?.type, 'realname.verify.request', 'the envelope stays');
  assert.equal((byStream('retention-recent')?.payload as typeof recent).idNumber, recent.idNumber);
  assert.equal((byStream('retention-waiting')?.payload as typeof waiting).idNumber, waiting.idNumber);

  const inRows = await workbench.database.db.select().from(inbox);
  const oldIn = inRows.find((r) => r.stream === 'retention-old');
  assert.deepEqual(oldIn?.payload, PURGED_PAYLOAD);
  assert.ok(oldIn?.messageId, 'the id that stops a redelivery stays');
  assert.equal(
    (inRows.find((r) => r.stream === 'retention-recent')?.payload as typeof recent).idNumber,
    recent.idNumber,
  );

  // The ID number of the old request is nowhere in either database's exchange tables any more.
  for (const db of [portal.database.db, workbench.database.db]) {
    const found = await db.execute(
      sql`SELECT 1 FROM outbox WHERE payload::text LIKE ${'%' + old.requestId + '%'}
          UNION ALL SELECT 1 FROM inbox WHERE payload::text LIKE ${'%' + old.requestId + '%'}`,
    );
    assert.equal((found as unknown as { rows: unknown[] }).rows.length, 0);
    assert.equal((await verifyMessageLog(db)).ok, true, 'the message log never held payloads');
  }

  // The waiting message still crosses whole.
  await pair.sign();
  assert.equal((await relayOnce(p, w, keyring)).delivered, 1);
});
