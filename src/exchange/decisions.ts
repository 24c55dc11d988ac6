import { rows } from '../shared/db/database.ts';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../shared/db/database.ts';
import { recordAudit } from '../shared/audit/audit-log.ts';
import type { ExchangeZone } from './contracts/index.ts';
import {
  exchangeQuarantineMirror,
  exchangeQuarantineRequests,
  quarantine,
  type QuarantineOutcome,
} from './tables.ts';

/**
 * Releasing and discarding quarantined messages.
 *
 * An administrator decides on the workbench's monitor page; the decision is stored there as a request (with its
 * audit entry, in one transaction: src/workbench/exchange-monitor/exchange-monitor.decisions.ts) and carried
 * out here by the relay on its next beat (its completion audited in the same transaction as its outcome), because a message quarantined
 * on the portal's side, or one whose sender is the portal, can only be reached through the portal's database,
 * which the workbench never touches. One path for both zones keeps the rules in one place.
 *
 * Release never bypasses a check. It puts the original message back in its sender's outbox queue, unchanged:
 * the relay then checks it against the whitelist, size and schema again, signs it afresh, and the receiver
 * verifies everything again. A message refused for a lasting reason (not on the whitelist, wrong shape, forged)
 * is quarantined again; release helps only when the cause has gone (a contract deployed late, a key rotated,
 * a clock put right). A message that never was in the sender's outbox (forged from outside) cannot be released,
 * only discarded. Discarding records the decision and leaves the message where it is, refused for good.
 */

export interface DecisionReport {
  done: number;
  outcomes: Record<string, QuarantineOutcome>;
}

/** Carries out waiting decisions (the relay's beat); each step is safe to repeat after a crash. */
export async function carryOutDecisions(
  ends: { portal: Db; workbench: Db },
  now: Date,
  limit = 50,
): Promise<DecisionReport> {
  const report: DecisionReport = { done: 0, outcomes: {} };
  const waiting = await ends.workbench
    .select()
    .from(exchangeQuarantineRequests)
    .where(isNull(exchangeQuarantineRequests.doneAt))
    .orderBy(asc(exchangeQuarantineRequests.requestedAt))
    .limit(limit);
  for (const request of waiting) {
    const outcome = await carryOut(ends, request, now);
    await ends.workbench.transaction(async (tx) => {
      const updated = await tx
        .update(exchangeQuarantineRequests)
        .set({ doneAt: now, outcome })
        .where(and(eq(exchangeQuarantineRequests.id, request.id), isNull(exchangeQuarantineRequests.doneAt)))
        .returning({ id: exchangeQuarantineRequests.id });
      if (updated.length === 0) return;
      if (request.zone === 'portal' && (outcome === 'released' || outcome === 'discarded')) {
        await tx
          .update(exchangeQuarantineMirror)
          .set({
            ...(outcome === 'released' ? { releasedAt: now } : { discardedAt: now }),
            decidedBy: request.requestedBy,
            decisionReason: request.reason,
          })
          .where(eq(exchangeQuarantineMirror.id, request.quarantineId));
      }
      await recordAudit(tx, {
        actor: 'exchange',
        actorUnit: null,
        action: 'exchange.quarantine.done',
        target: `quarantine:${request.zone}:${request.quarantineId}`,
        sourceIp: null,
        detail: { request: request.id, action: request.action, outcome, requestedBy: request.requestedBy },
        at: now,
      });
    });
    report.done++;
    report.outcomes[request.id] = outcome;
  }
  return report;
}

type Request = typeof exchangeQuarantineRequests.$inferSelect;

async function carryOut(
  ends: { portal: Db; workbench: Db },
  request: Request,
  now: Date,
): Promise<QuarantineOutcome> {
  const zoneDb = request.zone === 'portal' ? ends.portal : ends.workbench;
  const [entry] = await zoneDb.select().from(quarantine).where(eq(quarantine.id, request.quarantineId));
  if (!entry) return 'not-found';
  if (entry.releasedAt || entry.discardedAt) return 'already-decided';
  if (request.action === 'release') {
    // Outbound: refused by the relay at its sender, this zone. Inbound: refused here, sent by the other zone.
    const sender: ExchangeZone =
      entry.direction === 'outbound' ? request.zone : request.zone === 'portal' ? 'workbench' : 'portal';
    if (!entry.messageId) return 'not-releasable';
    const requeued = await requeue(sender === 'portal' ? ends.portal : ends.workbench, entry, now);
    if (!requeued) return 'not-releasable';
  }
  const decided = await zoneDb
    .update(quarantine)
    .set({
      ...(request.action === 'release' ? { releasedAt: now } : { discardedAt: now }),
      decidedBy: request.requestedBy,
      decisionReason: request.reason,
    })
    .where(and(eq(quarantine.id, entry.id), isNull(quarantine.releasedAt), isNull(quarantine.discardedAt)))
    .returning({ id: quarantine.id });
  if (decided.length === 0) return 'already-decided';
  return request.action === 'release' ? 'released' : 'discarded';
}

/**
 * Puts the message back in its sender's queue. The time guard makes a repeat harmless: once the message has
 * been sent (or refused) again after this quarantine entry, the row is left alone.
 */
async function requeue(sender: Db, entry: typeof quarantine.$inferSelect, now: Date): Promise<boolean> {
  const at = entry.at.toISOString();
  const result =
    entry.direction === 'outbound'
      ? await sender.execute(sql`
          UPDATE outbox SET quarantined_at = NULL, attempts = 0, last_error = NULL,
                            next_attempt_at = ${now.toISOString()}::timestamptz
          WHERE id = ${entry.messageId} AND quarantined_at IS NOT NULL AND quarantined_at <= ${at}::timestamptz
          RETURNING id`)
      : await sender.execute(sql`
          UPDATE outbox SET sent_at = NULL, attempts = 0, last_error = NULL,
                            next_attempt_at = ${now.toISOString()}::timestamptz
          WHERE id = ${entry.messageId} AND sent_at IS NOT NULL AND sent_at <= ${at}::timestamptz
          RETURNING id`);
  if (rows<unknown>(result).length > 0) return true;
  // Nothing to put back: either it went out again already (a repeat of this step), or it never existed there.
  const exists = await sender.execute(sql`SELECT 1 FROM outbox WHERE id = ${entry.messageId}`);
  return rows<unknown>(exists).length > 0;
}
