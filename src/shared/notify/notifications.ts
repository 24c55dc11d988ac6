import { eq } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { enqueue, type JobHandler } from '../jobs/queue.ts';
import { notifications } from '../db/tables.ts';
import { ProviderRejected, type NotificationAdapter } from './adapter.ts';

export const NOTIFY_QUEUE = 'notify.send';

/** Records the message and queues its delivery in the caller's transaction; nothing is sent before commit. */
export async function queueNotification(
  ex: Executor,
  message: { channel: 'sms' | 'email'; recipient: string; template: string; body: string },
): Promise<string> {
  const [row] = await ex.insert(notifications).values(message).returning({ id: notifications.id });
  if (!row) throw new Error('notification insert returned nothing');
  await enqueue(ex, NOTIFY_QUEUE, { id: row.id }, { dedupeKey: `notify:${row.id}` });
  return row.id;
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
