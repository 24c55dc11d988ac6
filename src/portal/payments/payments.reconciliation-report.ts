import {
  MAX_REPORTED_DIFFERENCES,
  paymentReconciliationReported,
  paymentReconciliationRequested,
} from '../../exchange/contracts/index.ts';
import { onMessage, send, type MessageHandler } from '../../exchange/facade.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { callingJob, enqueue, type QueueHandler } from '../../shared/jobs/queue.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { reconcileFile, type DayReconciliation } from './payments.reconciliation.ts';
import type { PaymentRuntime } from './payments.service.ts';

// The day's reconciliation goes to the finance officers in the workbench: the portal alone talks to the gateway,
// so it fetches the day's signed file, compares it with its books and reports the totals and every difference.
// Nightly for the day before (the file is complete once the Beijing day is over), and whenever a finance
// officer asks for a day. A gateway that does not answer is asked again by the job queue's backoff.

export const RECONCILE_QUEUE = 'payments.reconcile';

/** The Beijing hour after which the previous day is reconciled: the gateway closes its books at midnight. */
const NIGHTLY_HOUR = 2;

/** The day before `day` (YYYY-MM-DD), on the calendar. */
export function dayBefore(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The report as it crosses: references cut to the contract's length, the differences beyond the cap counted. */
export function reportOf(day: string, result: DayReconciliation, now: Date) {
  const differences = result.differences.slice(0, MAX_REPORTED_DIFFERENCES).map((d) => ({
    kind: d.kind,
    type: d.type,
    reference: d.reference.slice(0, 64),
    hereFen: d.here,
    thereFen: d.there,
  }));
  return {
    day,
    computedAt: now.toISOString(),
    here: result.here,
    there: result.there,
    differences,
    omitted: result.differences.length - differences.length,
  };
}

/**
 * The day's file is fetched with no transaction open; the comparison with the books and the report are made in
 * the transaction that marks the job done (a crash in between fetches the file again).
 */
export function reconcileJob(services: ZoneServices, runtime: PaymentRuntime): QueueHandler {
  return callingJob<string>({
    call: (_db, job) => runtime.gateway.reconciliationFile((job.payload as { day: string }).day),
    async record(tx, job, file) {
      const { day } = job.payload as { day: string };
      const result = await reconcileFile(tx, file, day);
      await send(tx, paymentReconciliationReported, reportOf(day, result, services.now()), {
        stream: `reconciliation:${day}`,
      });
    },
  });
}

/** Queues last night's reconciliation once, when the zone's clock has passed the nightly hour in Beijing. */
export async function scheduleReconciliation(services: ZoneServices): Promise<void> {
  const now = services.now();
  const beijingHour = (now.getUTCHours() + 8) % 24;
  if (beijingHour < NIGHTLY_HOUR) return;
  const day = dayBefore(todayInShanghai(now));
  await enqueue(services.db, RECONCILE_QUEUE, { day }, { dedupeKey: `${RECONCILE_QUEUE}:${day}:nightly` });
}

/** A finance officer's request: the day is reconciled again, now, whatever ran before. */
export function reconciliationRequestedHandler(): MessageHandler {
  return onMessage(paymentReconciliationRequested, async (tx, request) => {
    await enqueue(
      tx,
      RECONCILE_QUEUE,
      { day: request.day },
      { dedupeKey: `${RECONCILE_QUEUE}:${request.day}:${request.requestedAt}` },
    );
  });
}
