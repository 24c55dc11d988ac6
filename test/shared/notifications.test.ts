import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { notifications } from '../../src/shared/db/tables.ts';
import {
  ProviderRejected,
  SandboxNotificationAdapter,
  type DeliveryReceipt,
  type NotificationAdapter,
  type OutgoingMessage,
} from '../../src/shared/notify/adapter.ts';
import { NOTIFY_QUEUE, notificationJob, queueNotification } from '../../src/shared/notify/notifications.ts';
import { runOneJob } from '../../src/shared/jobs/queue.ts';
import { rows } from '../../src/shared/db/database.ts';
import { deferred } from '../helpers/deferred.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal');
});
after(async () => zone.close());

const db = () => zone.database.db;

async function messageRow(id: string) {
  const [row] = await db().select().from(notifications).where(eq(notifications.id, id));
  return row;
}

async function jobOf(messageId: string) {
  const result = await db().execute(
    sql`SELECT status, last_error FROM jobs WHERE queue = ${NOTIFY_QUEUE} AND payload->>'id' = ${messageId}`,
  );
  return rows<{ status: string; last_error: string | null }>(result)[0];
}

/** Only this test's jobs run: every other message queued by the zone is left alone. */
async function clearQueue(): Promise<void> {
  await db().execute(
    sql`UPDATE jobs SET status = 'done' WHERE queue = ${NOTIFY_QUEUE} AND status = 'pending'`,
  );
}

const message = (recipient: string) => ({
  channel: 'sms' as const,
  recipient,
  template: 'test',
  body: '【示范市公安局】您的办件有新进展。',
});

describe('sending queued messages', () => {
  // The embedded engine has one connection: a provider called inside a transaction would hang the test here,
  // so it fails on a deadline instead.
  test(
    'a message is sent with no transaction open: a hanging provider holds no lock on it',
    { timeout: 60_000 },
    async () => {
      await clearQueue();
      const id = await queueNotification(db(), message('13800000077'));
      const answer = deferred<DeliveryReceipt>();
      const called = deferred<void>();
      const sandbox = new SandboxNotificationAdapter('test-secret');
      const hanging: NotificationAdapter = {
        name: 'hanging',
        send: () => {
          called.resolve();
          return answer.promise;
        },
        verifyReceipt: (r) => sandbox.verifyReceipt(r),
      };
      const running = runOneJob(db(), { [NOTIFY_QUEUE]: notificationJob(hanging) });
      await called.promise;
      // While the provider has not answered, neither the message's row nor its job's is held: both can be
      // locked by anyone else at once.
      await db().transaction(async (tx) => {
        await tx.execute(sql`SELECT id FROM notifications WHERE id = ${id} FOR UPDATE NOWAIT`);
        await tx.execute(
          sql`SELECT id FROM jobs WHERE queue = ${NOTIFY_QUEUE} AND payload->>'id' = ${id} FOR UPDATE NOWAIT`,
        );
      });
      answer.resolve(await sandbox.send({ reference: id, ...message('13800000077') }));
      await running;
      const row = await messageRow(id);
      assert.equal(row?.status, 'sent');
      assert.ok(row?.providerId?.startsWith('sbx-'));
    },
  );

  test('a number the carrier refuses for good marks the message failed, without retrying', async () => {
    await clearQueue();
    const id = await queueNotification(db(), message('17000000001'));
    await runOneJob(db(), { [NOTIFY_QUEUE]: notificationJob(new SandboxNotificationAdapter('s')) });
    assert.equal((await messageRow(id))?.status, 'failed');
    assert.equal((await jobOf(id))?.status, 'done');
  });

  test('a gateway timeout leaves the message queued and its job retried later', async () => {
    await clearQueue();
    const id = await queueNotification(db(), message('17100000001'));
    await runOneJob(db(), { [NOTIFY_QUEUE]: notificationJob(new SandboxNotificationAdapter('s')) });
    assert.equal((await messageRow(id))?.status, 'queued');
    const job = await jobOf(id);
    assert.equal(job?.status, 'pending');
    assert.match(job?.last_error ?? '', /gateway-timeout/);
  });

  test('a send repeated under the same reference is recognised by the provider and not delivered twice', async () => {
    const sandbox = new SandboxNotificationAdapter('s');
    const outgoing: OutgoingMessage = { reference: 'ref-1', ...message('13800000078') };
    const first = await sandbox.send(outgoing);
    const again = await sandbox.send(outgoing);
    assert.equal(again.providerId, first.providerId);
    const other = await sandbox.send({ ...outgoing, reference: 'ref-2' });
    assert.notEqual(other.providerId, first.providerId);
    await assert.rejects(
      sandbox.send({ ...outgoing, reference: 'r3', recipient: '17000000002' }),
      ProviderRejected,
    );
  });
});
