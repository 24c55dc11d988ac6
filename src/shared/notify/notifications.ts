import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { callingJob, enqueueInsert, type QueueHandler } from '../jobs/queue.ts';
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

type SendOutcome = { kind: 'sent'; providerId: string } | { kind: 'refused' } | { kind: 'nothing' };

/**
 * Sends a recorded message. The provider is called with no transaction open, so a slow or hanging gateway
 * holds no row lock and no connection (see `callingJob`). The message's id goes with it as the provider's
 * reference: a send repeated after a crash between the call and its record is recognised by the provider and
 * not delivered twice.
 */
export function notificationJob(adapter: NotificationAdapter): QueueHandler {
  return callingJob<SendOutcome>({
    async call(db, job) {
      const { id } = job.payload as { id: string };
      const [message] = await db.select().from(notifications).where(eq(notifications.id, id));
      if (!message || message.status !== 'queued') return { kind: 'nothing' };
      try {
        const receipt = await adapter.send({
          reference: message.id,
          channel: message.channel,
          recipient: message.recipient,
          body: message.body,
        });
        if (!adapter.verifyReceipt(receipt)) throw new Error('provider receipt signature mismatch');
        return { kind: 'sent', providerId: receipt.providerId };
      } catch (error) {
        if (error instanceof ProviderRejected && !error.retryable) return { kind: 'refused' };
        throw error;
      }
    },
    async record(tx, job, outcome) {
      const { id } = job.payload as { id: string };
      if (outcome.kind === 'nothing') return;
      await tx
        .update(notifications)
        .set(
          outcome.kind === 'sent'
            ? { status: 'sent', providerId: outcome.providerId, sentAt: new Date() }
            : { status: 'failed' },
        )
        .where(and(eq(notifications.id, id), eq(notifications.status, 'queued')));
    },
  });
}
