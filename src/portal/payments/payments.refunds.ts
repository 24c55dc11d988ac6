import { callingJob, enqueue, type QueueHandler } from '../../shared/jobs/queue.ts';
import type { Executor, Tx } from '../../shared/db/database.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { PaymentRuntime } from './payments.service.ts';
import { runRefundedHook } from './payments.payables.ts';
import * as repo from './payments.repository.ts';

// Money going back: a case refused or withdrawn after its fee was paid, or a second payment of one payable.
// The refund is booked in the transaction that decides it (under the order's row lock, one row per order),
// with a job that asks the gateway; a gateway that is away or refuses is asked again with backoff, under the
// same refund number, which the gateway books once however often it is asked. Nothing is dropped: the row
// stays "requested" until the gateway confirms.

export const REFUND_QUEUE = 'payments.refund';
/** With the queue's backoff capped at an hour, about two days of asking before an operator must look. */
const REFUND_ATTEMPTS = 50;

export type RefundReason = 'refused' | 'withdrawn' | 'not-accepted' | 'duplicate-payment';

/**
 * Books the refund of what is left of a paid order and the job that sends it, in the caller's transaction.
 * Concurrent triggers wait on the order's lock and then find it refunded: one row, never more than was paid.
 */
export async function bookRefund(
  tx: Tx,
  orderNo: string,
  reason: RefundReason,
  now: Date,
): Promise<{ refundNo: string; amountFen: number } | undefined> {
  // Locks are taken payable first, then its order, as closeCaseFee takes them: concurrent triggers then queue
  // on the payable instead of deadlocking on each other's rows.
  const peek = await repo.orderByNo(tx, orderNo);
  if (!peek) return undefined;
  const payable = await repo.payableById(tx, peek.payableId, { lock: true });
  const order = await repo.orderByNo(tx, orderNo, { lock: true });
  if (!order || order.status !== 'paid') return undefined;
  const left = order.amountFen - order.refundedFen;
  if (left <= 0) return undefined;
  const refund = { refundNo: `R${orderNo.slice(1)}01`, amountFen: left };
  if (!(await repo.addRefund(tx, { ...refund, orderNo, reason, requestedAt: now }))) return undefined;
  if (payable?.paidOrderNo === orderNo) {
    await repo.setPayableStatus(tx, payable.id, 'refunded');
    // The counted payment goes back: its consequences (a case fee's income) are undone with it.
    if (reason !== 'duplicate-payment')
      await runRefundedHook(tx, payable, { ...refund, orderNo, reason }, now);
  }
  await enqueue(
    tx,
    REFUND_QUEUE,
    { refundNo: refund.refundNo },
    { dedupeKey: `refund:${refund.refundNo}`, maxAttempts: REFUND_ATTEMPTS },
  );
  return refund;
}

/** Asks the gateway for a booked refund and marks it done; throws (to be retried) when the gateway does not confirm. */
export async function sendRefund(
  ex: Executor,
  runtime: PaymentRuntime,
  refundNo: string,
  now: Date,
): Promise<void> {
  const refund = await repo.refundByNo(ex, refundNo);
  if (!refund || refund.status === 'done') return;
  await runtime.gateway.refund({ orderNo: refund.orderNo, refundNo, amountFen: refund.amountFen });
  await repo.markRefundDone(ex, refundNo, now);
}

/**
 * The worker's side: each booked refund until the gateway confirms it. The gateway is asked with no transaction
 * open and the confirmation recorded afterwards; asked again after a crash in between, the gateway books the
 * refund number once and confirms it again.
 */
export function refundJob(services: ZoneServices, runtime: PaymentRuntime): QueueHandler {
  return callingJob<boolean>({
    async call(db, job) {
      const { refundNo } = job.payload as { refundNo: string };
      const refund = await repo.refundByNo(db, refundNo);
      if (!refund || refund.status === 'done') return false;
      await runtime.gateway.refund({ orderNo: refund.orderNo, refundNo, amountFen: refund.amountFen });
      return true;
    },
    async record(tx, job, confirmed) {
      const { refundNo } = job.payload as { refundNo: string };
      if (confirmed) await repo.markRefundDone(tx, refundNo, services.now());
    },
  });
}

/**
 * Refunds an order now: booked, then the gateway asked at once so the payer is not kept waiting; if it does
 * not answer, the job asks again.
 */
export async function refundOrder(
  services: ZoneServices,
  runtime: PaymentRuntime,
  orderNo: string,
  reason: RefundReason,
): Promise<{ refundNo: string; amountFen: number } | undefined> {
  const booked = await services.db.transaction((tx) => bookRefund(tx, orderNo, reason, services.now()));
  if (!booked) return undefined;
  try {
    await sendRefund(services.db, runtime, booked.refundNo, services.now());
  } catch (error) {
    services.log.warn({ err: error, refundNo: booked.refundNo }, 'refund not yet confirmed by the gateway');
  }
  return booked;
}

/** Refunds a paid payable in full; nothing when it was never paid or is refunded already. */
export async function refundPayable(
  services: ZoneServices,
  runtime: PaymentRuntime,
  payableId: string,
  reason: RefundReason,
) {
  const payable = await repo.payableById(services.db, payableId);
  if (!payable?.paidOrderNo || payable.status !== 'paid') return undefined;
  return refundOrder(services, runtime, payable.paidOrderNo, reason);
}

/**
 * A case ended without its result (refused, not accepted, withdrawn): a fee still due is cancelled, so it can no
 * longer be paid, and a paid one is refunded. In the transaction that records the step, so it happens once.
 */
export async function closeCaseFee(
  tx: Tx,
  caseNumber: string,
  reason: RefundReason,
  now: Date,
): Promise<void> {
  const found = await repo.payableOf(tx, 'case-fee', caseNumber);
  // Locked and read again: a payment settling at this moment either finished first (and is refunded here) or
  // waits and finds the fee cancelled (and is refunded as a second payment).
  const payable = found ? await repo.payableById(tx, found.id, { lock: true }) : undefined;
  if (!payable) return;
  if (payable.status === 'due') await repo.cancelDuePayable(tx, payable.id);
  else if (payable.status === 'paid' && payable.paidOrderNo)
    await bookRefund(tx, payable.paidOrderNo, reason, now);
}
