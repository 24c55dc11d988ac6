import type { Executor, Tx } from '../../shared/db/database.ts';
import type { PayableRow } from './payments.repository.ts';
import type { PayableKind } from './payments.tables.ts';

/**
 * What follows once payables of a kind are paid (a case's fee goes on to the workbench as payment.settled; a
 * fine clears the violation), run in the transaction that settles them, so the consequence is never lost and
 * never doubled. Payments settle in batches, so a hook is given every payable of its kind the batch settled, in
 * the order they were paid. Features register theirs at start-up; a kind without one is simply recorded as paid.
 */
export type SettledHook = (tx: Tx, payables: PayableRow[], at: Date) => Promise<void>;

const hooks = new Map<PayableKind, SettledHook>();

export function onPayablesSettled(kind: PayableKind, hook: SettledHook): void {
  hooks.set(kind, hook);
}

/** Runs each kind's hook once for its payables among those settled, kinds in the order they first appear. */
export async function runSettledHooks(tx: Tx, payables: PayableRow[], at: Date): Promise<void> {
  const byKind = new Map<PayableKind, PayableRow[]>();
  for (const payable of payables) {
    const list = byKind.get(payable.kind);
    if (list) list.push(payable);
    else byKind.set(payable.kind, [payable]);
  }
  for (const [kind, list] of byKind) await hooks.get(kind)?.(tx, list, at);
}

/** What a payable asks if paid now: the amount it was opened for plus any late-payment surcharge. */
export interface AmountDue {
  amountFen: number;
  surchargeFen: number;
  overdueDays: number;
  /** The last day it may be paid without a surcharge, where a kind has one (Beijing date). */
  dueOn: string | null;
}

/** A kind whose amount grows when paid late (a fine's 加处罚款): the surcharge on its opened amount now. */
export type SurchargeHook = (
  ex: Executor,
  payable: PayableRow,
  openedFen: number,
  now: Date,
) => Promise<Omit<AmountDue, 'amountFen'>>;

const surcharges = new Map<PayableKind, SurchargeHook>();

export function onSurcharge(kind: PayableKind, hook: SurchargeHook): void {
  surcharges.set(kind, hook);
}

/** The amount due now; a paid or closed payable is what it was settled at. */
export async function amountDue(ex: Executor, payable: PayableRow, now: Date): Promise<AmountDue> {
  const openedFen = payable.amountFen - payable.surchargeFen;
  const hook = surcharges.get(payable.kind);
  if (payable.status !== 'due' || !hook)
    return { amountFen: payable.amountFen, surchargeFen: payable.surchargeFen, overdueDays: 0, dueOn: null };
  const late = await hook(ex, payable, openedFen, now);
  return { ...late, amountFen: openedFen + late.surchargeFen };
}

/** A refund booked against a payable's counted payment (not a duplicate one). */
export interface BookedRefund {
  refundNo: string;
  orderNo: string;
  amountFen: number;
  reason: 'refused' | 'withdrawn' | 'not-accepted';
}

/** What follows a paid payable's refund (a case fee's income comes off), in the booking transaction. */
export type RefundedHook = (tx: Tx, payable: PayableRow, refund: BookedRefund, at: Date) => Promise<void>;

const refundHooks = new Map<PayableKind, RefundedHook>();

export function onPayableRefunded(kind: PayableKind, hook: RefundedHook): void {
  refundHooks.set(kind, hook);
}

export async function runRefundedHook(
  tx: Tx,
  payable: PayableRow,
  refund: BookedRefund,
  at: Date,
): Promise<void> {
  await refundHooks.get(payable.kind)?.(tx, payable, refund, at);
}
