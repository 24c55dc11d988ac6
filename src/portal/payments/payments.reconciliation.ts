import type { Executor } from '../../shared/db/database.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { PaymentGateway } from './payments.gateway.ts';
import * as repo from './payments.repository.ts';

export type DifferenceKind =
  'paid-here-not-there' | 'paid-there-not-here' | 'amount-differs' | 'unknown-order';

/** One line of the day's reconciliation that does not agree. */
export interface Difference {
  kind: DifferenceKind;
  /** The order, or the refund's number for a refund line. */
  reference: string;
  type: 'payment' | 'refund';
  here: number | null;
  there: number | null;
}

interface FileLine {
  orderNo: string;
  type: 'payment' | 'refund';
  amountFen: number;
  refundNo: string;
}

/** The gateway's CSV (header, then gateway id, order, type, amount, booked at, refund number); bad lines refused. */
export function parseReconciliationFile(csv: string): FileLine[] {
  const lines = csv.split('\n').filter((line) => line.trim() !== '');
  if (lines[0] !== 'gateway_order_id,order_no,type,amount_fen,booked_at,refund_no')
    throw new Error('reconciliation file: unexpected header');
  return lines.slice(1).map((line, i) => {
    const [, orderNo, type, amount, , refundNo] = line.split(',');
    const amountFen = Number(amount);
    if (!orderNo || (type !== 'payment' && type !== 'refund') || !Number.isSafeInteger(amountFen))
      throw new Error(`reconciliation file: line ${String(i + 2)} malformed`);
    return { orderNo, type, amountFen, refundNo: refundNo ?? '' };
  });
}

/** The Beijing day [00:00, 24:00) as instants. */
function beijingDay(day: string): { from: Date; to: Date } {
  const from = new Date(`${day}T00:00:00+08:00`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

/** What one side booked on the day, counted and summed in fen. */
export interface DayTotals {
  payments: number;
  paymentFen: number;
  refunds: number;
  refundFen: number;
}

function totalsOf(lines: { type: 'payment' | 'refund'; amountFen: number }[]): DayTotals {
  const totals: DayTotals = { payments: 0, paymentFen: 0, refunds: 0, refundFen: 0 };
  for (const line of lines)
    if (line.type === 'payment') {
      totals.payments++;
      totals.paymentFen += line.amountFen;
    } else {
      totals.refunds++;
      totals.refundFen += line.amountFen;
    }
  return totals;
}

/** The day's reconciliation: both sides' totals and every line that does not agree. */
export interface DayReconciliation {
  here: DayTotals;
  there: DayTotals;
  differences: Difference[];
}

/**
 * The day's file against the records: every payment and refund booked on one side and not the other, or with
 * another amount, and every order the file names that this platform never made.
 */
export async function reconcileDay(
  services: ZoneServices,
  gateway: PaymentGateway,
  day: string,
): Promise<Difference[]> {
  return (await reconcile(services.db, gateway, day)).differences;
}

export async function reconcile(
  ex: Executor,
  gateway: PaymentGateway,
  day: string,
): Promise<DayReconciliation> {
  return reconcileFile(ex, await gateway.reconciliationFile(day), day);
}

/** The day's file, as the gateway sent it, against the records. */
export async function reconcileFile(ex: Executor, text: string, day: string): Promise<DayReconciliation> {
  const file = parseReconciliationFile(text);
  const { from, to } = beijingDay(day);
  const booked = await repo.bookedBetween(ex, from, to);
  const here = totalsOf([
    ...booked.paid.map((p) => ({ type: 'payment' as const, amountFen: p.amountFen })),
    ...booked.refunds.map((r) => ({ type: 'refund' as const, amountFen: r.amountFen })),
  ]);
  const there = totalsOf(file);
  const differences: Difference[] = [];
  const herePaid = new Map(booked.paid.map((p) => [p.orderNo, p.amountFen]));
  const hereRefunds = new Map(booked.refunds.map((r) => [r.refundNo, r.amountFen]));
  const therePaid = new Set<string>();
  const thereRefunds = new Set<string>();
  for (const line of file) {
    const key = line.type === 'payment' ? line.orderNo : line.refundNo;
    (line.type === 'payment' ? therePaid : thereRefunds).add(key);
    const here = (line.type === 'payment' ? herePaid : hereRefunds).get(key);
    if (here === undefined) {
      const known = await repo.orderByNo(ex, line.orderNo);
      differences.push({
        kind: known ? 'paid-there-not-here' : 'unknown-order',
        reference: key,
        type: line.type,
        here: null,
        there: line.amountFen,
      });
    } else if (here !== line.amountFen) {
      differences.push({
        kind: 'amount-differs',
        reference: key,
        type: line.type,
        here,
        there: line.amountFen,
      });
    }
  }
  for (const [orderNo, amount] of herePaid)
    if (!therePaid.has(orderNo))
      differences.push({
        kind: 'paid-here-not-there',
        reference: orderNo,
        type: 'payment',
        here: amount,
        there: null,
      });
  for (const [refundNo, amount] of hereRefunds)
    if (!thereRefunds.has(refundNo))
      differences.push({
        kind: 'paid-here-not-there',
        reference: refundNo,
        type: 'refund',
        here: amount,
        there: null,
      });
  return { here, there, differences };
}
