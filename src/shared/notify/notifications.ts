import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { enqueueInsert, type JobHandler } from '../jobs/queue.ts';
import { notifications } from '../db/tables.ts';
import { ProviderRejected, type NotificationAdapter } from './adapter.ts';

export const NOTIFY_QUEUE = 'notify.send';

/** Records the message and queues its delivery in the caller's transaction; nothing is sent before commit. */
export async function queueNotification(
  ex: Executor,
  message: { channel: 'sms' | 'email'; recipient: string; template: string; body: string },
): Promise<string> {
  // One statement for the message and its job: each round trip inside a submission's transaction holds its row
  // locks longer and costs both processes a write and a wake-up.
  const id = randomUUID();
  await ex.execute(sql`
    WITH message AS (
      INSERT INTO ${notifications} (id, channel, recipient, template, body)
      VALUES (${id}, ${message.channel}, ${message.recipient}, ${message.template}, ${message.body})
    )
    ${enqueueInsert(NOTIFY_QUEUE, { id }, { dedupeKey: `notify:${id}` })}`);
  return id;
}

export function notificationJob(adapter: NotificationAdapter): JobHandler {
  return async (tx, job) => {
    const { id } = job.payload as { id: string };
    const [message] = await tx.select().from(notifications).where(eq(notifications.id, id));
    if (!message || message.status === 'sent') return;
    try {
      const receipt = await adapter.send({
        channel: message.channel,
        recipient: message.recipient,
        body: message.body,
      });
      if (!adapter.verifyReceipt(receipt)) throw new Error('provider receipt signature mismatch');
      await tx
        .update(notifications)
        .set({ status: 'sent', providerId: receipt.providerId, sentAt: new Date() })
        .where(eq(notifications.id, id));
    } catch (error) {
      if (error instanceof ProviderRejected && !error.retryable) {
        await tx.update(notifications).set({ status: 'failed' }).where(eq(notifications.id, id));
        return;
      }
      throw error;
    }
  };
}
