import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { preparedStatement, type Executor, type Tx } from '../../shared/db/database.ts';
import {
  paymentAlarms,
  paymentOrders,
  paymentReceipts,
  paymentRefunds,
  payables,
  type PayableKind,
} from './payments.tables.ts';

export type PayableRow = typeof payables.$inferSelect;
export type OrderRow = typeof paymentOrders.$inferSelect;

/** Opens a payable once per kind and reference; a redelivered request finds the one already there. */
export async function openPayable(tx: Tx, payable: typeof payables.$inferInsert): Promise<PayableRow> {
  await tx.insert(payables).values(payable).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(payables)
    .where(and(eq(payables.kind, payable.kind), eq(payables.reference, payable.reference)));
  return row!;
}

export async function payableById(ex: Executor, id: string, options: { lock?: boolean } = {}) {
  const query = ex.select().from(payables).where(eq(payables.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function payableOf(ex: Executor, kind: PayableKind, reference: string) {
  const [row] = await ex
    .select()
    .from(payables)
    .where(and(eq(payables.kind, kind), eq(payables.reference, reference)));
  return row;
}

export async function payablesOfCitizen(ex: Executor, citizenId: string): Promise<PayableRow[]> {
  return ex
    .select()
    .from(payables)
    .where(eq(payables.citizenId, citizenId))
    .orderBy(desc(payables.createdAt))
    .limit(100);
}

export async function ordersOfPayable(ex: Executor, payableId: string): Promise<OrderRow[]> {
  return ex
    .select()
    .from(paymentOrders)
    .where(eq(paymentOrders.payableId, payableId))
    .orderBy(desc(paymentOrders.createdAt));
}

export async function orderByNo(ex: Executor, orderNo: string, options: { lock?: boolean } = {}) {
  const query = ex.select().from(paymentOrders).where(eq(paymentOrders.orderNo, orderNo));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function insertOrder(tx: Tx, order: typeof paymentOrders.$inferInsert): Promise<void> {
  await tx.insert(paymentOrders).values(order);
}

export async function setGatewayOrder(ex: Executor, orderNo: string, gatewayOrderId: string, payUrl: string) {
  await ex.update(paymentOrders).set({ gatewayOrderId, payUrl }).where(eq(paymentOrders.orderNo, orderNo));
}

/** A gateway's word that an order was paid, as `payOrders` takes it. */
export interface PaidWord {
  orderNo: string;
  /** What the gateway says was paid: a word naming another amount than the order asks moves nothing. */
  amountFen: number;
  at: Date;
  via: 'notification' | 'query';
  gatewayOrderId: string | null;
  receiptNo: string;
  verificationCode: string;
}

/** What paying an order did, as `payOrders` reports it. */
export interface PaidOrder {
  /** What the order asks: a word naming another amount moves nothing. */
  amountFen: number;
  surchargeFen: number;
  /** False when the order was paid already (a repeated or late word). */
  moved: boolean;
  /** The payable this payment settled; undefined when it moved but another order had paid the payable first. */
  settled: PayableRow | undefined;
}

interface PaidOrderRow {
  known: boolean;
  order_amount_fen: number | null;
  order_surcharge_fen: number | null;
  moved: boolean;
  id: string | null;
  kind: PayableRow['kind'];
  reference: string;
  citizen_id: string;
  amount_fen: number;
  surcharge_fen: number;
  description: PayableRow['description'];
  payee_unit: string;
  status: PayableRow['status'];
  paid_order_no: string | null;
  created_at: string;
  settled_at: string | null;
}

// Written out once and prepared by name: the words come as arrays, one element per word, so a batch of words
// is one statement as a single word is. Each order is marked paid unless it is (and only for the amount it
// asks); each payable with a moved order is settled if still due, by the first of its orders in the batch
// (ordinality), once; and a settled payment without a surcharge gets its receipt. The final select answers
// per word, in order: the order as it stood before (amount and surcharge never change), whether it moved, and
// the payable it settled.
const payOrdersStatement = preparedStatement<PaidOrderRow>(
  'payments_pay_orders',
  `WITH word AS (
     SELECT * FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[])
       WITH ORDINALITY AS w(order_no, amount_fen, paid_at, via, gateway_order_id, receipt_no, verification_code, ord)
   ), moved AS (
     UPDATE payment_orders o
        SET status = 'paid', gateway_status = 'paid', paid_at = w.paid_at, paid_via = w.via,
            gateway_order_id = coalesce(o.gateway_order_id, w.gateway_order_id)
       FROM word w
      WHERE o.order_no = w.order_no AND o.status <> 'paid' AND o.amount_fen = w.amount_fen
     RETURNING w.ord, o.order_no, o.payable_id, o.amount_fen, o.surcharge_fen, w.paid_at, w.receipt_no,
               w.verification_code
   ), first AS (
     SELECT DISTINCT ON (payable_id) * FROM moved ORDER BY payable_id, ord
   ), settled AS (
     UPDATE payables p
        SET status = 'paid', paid_order_no = f.order_no, amount_fen = f.amount_fen,
            surcharge_fen = f.surcharge_fen, settled_at = $8::timestamptz
       FROM first f
      WHERE p.id = f.payable_id AND p.status = 'due'
     RETURNING f.ord, p.*
   ), receipt AS (
     INSERT INTO payment_receipts (receipt_no, payable_id, order_no, verification_code, amount_fen, description,
                                   payee_unit, paid_at, issued_at)
     SELECT f.receipt_no, s.id, f.order_no, f.verification_code, f.amount_fen, s.description, s.payee_unit,
            f.paid_at, $8::timestamptz
       FROM settled s JOIN first f ON f.ord = s.ord
      WHERE f.surcharge_fen = 0
     ON CONFLICT DO NOTHING
   )
   SELECT o.order_no IS NOT NULL AS known, o.amount_fen AS order_amount_fen,
          o.surcharge_fen AS order_surcharge_fen, m.ord IS NOT NULL AS moved, s.id, s.kind, s.reference,
          s.citizen_id, s.amount_fen, s.surcharge_fen, s.description, s.payee_unit, s.status, s.paid_order_no,
          s.created_at, s.settled_at
     FROM word w
     LEFT JOIN payment_orders o ON o.order_no = w.order_no
     LEFT JOIN moved m ON m.ord = w.ord
     LEFT JOIN settled s ON s.ord = w.ord
    ORDER BY w.ord`,
);

const dateOf = (text: string): Date => new Date(text);

/**
 * Pays orders in one statement, whatever their number: each order marked paid unless it already is, its
 * payable settled if still due (the first paid order counts, once; the payable then says what that order
 * asked) and the receipt of a payment without a surcharge issued (one with a surcharge names it in words,
 * `issueReceipt`). One answer per word, in order; undefined for an unknown order. No row lock is read first:
 * the conditional updates take it, and a concurrent word for the same order waits on it and then finds the
 * order paid. The words must name distinct orders.
 */
export async function payOrders(tx: Tx, words: PaidWord[], now: Date): Promise<(PaidOrder | undefined)[]> {
  const found = await payOrdersStatement(tx, [
    words.map((w) => w.orderNo),
    words.map((w) => w.amountFen),
    words.map((w) => w.at.toISOString()),
    words.map((w) => w.via),
    words.map((w) => w.gatewayOrderId),
    words.map((w) => w.receiptNo),
    words.map((w) => w.verificationCode),
    now.toISOString(),
  ]);
  return found.map((row) =>
    row.known
      ? {
          amountFen: row.order_amount_fen!,
          surchargeFen: row.order_surcharge_fen!,
          moved: row.moved,
          settled:
            row.id === null
              ? undefined
              : {
                  id: row.id,
                  kind: row.kind,
                  reference: row.reference,
                  citizenId: row.citizen_id,
                  amountFen: row.amount_fen,
                  surchargeFen: row.surcharge_fen,
                  description: row.description,
                  payeeUnit: row.payee_unit,
                  status: row.status,
                  paidOrderNo: row.paid_order_no,
                  createdAt: dateOf(row.created_at),
                  settledAt: row.settled_at === null ? null : dateOf(row.settled_at),
                },
        }
      : undefined,
  );
}

/** Closes a pending order (cancelled, failed, expired at the gateway); a paid one is never moved back. */
export async function closeOrder(tx: Tx, orderNo: string, gatewayStatus: string): Promise<boolean> {
  const moved = await tx
    .update(paymentOrders)
    .set({ status: 'closed', gatewayStatus })
    .where(and(eq(paymentOrders.orderNo, orderNo), eq(paymentOrders.status, 'pending')))
    .returning({ orderNo: paymentOrders.orderNo });
  return moved.length > 0;
}

/** Sets what a due payable asks now (its late-payment surcharge as of the order being made). */
export async function setPayableAmount(
  tx: Tx,
  payableId: string,
  due: { amountFen: number; surchargeFen: number },
): Promise<void> {
  await tx
    .update(payables)
    .set({ amountFen: due.amountFen, surchargeFen: due.surchargeFen })
    .where(and(eq(payables.id, payableId), eq(payables.status, 'due')));
}

/** Cancels a payable still due (its case ended); one paid meanwhile is left for the refund. */
export async function cancelDuePayable(tx: Tx, payableId: string): Promise<void> {
  await tx
    .update(payables)
    .set({ status: 'cancelled' })
    .where(and(eq(payables.id, payableId), eq(payables.status, 'due')));
}

export async function setPayableStatus(tx: Tx, payableId: string, status: PayableRow['status']) {
  await tx.update(payables).set({ status }).where(eq(payables.id, payableId));
}

/** Books a refund and counts it against the order; false when the order has one already (no second one). */
export async function addRefund(tx: Tx, refund: typeof paymentRefunds.$inferInsert): Promise<boolean> {
  const inserted = await tx
    .insert(paymentRefunds)
    .values(refund)
    .onConflictDoNothing({ target: paymentRefunds.orderNo })
    .returning({ refundNo: paymentRefunds.refundNo });
  if (inserted.length === 0) return false;
  await tx
    .update(paymentOrders)
    .set({ refundedFen: sql`${paymentOrders.refundedFen} + ${refund.amountFen}` })
    .where(eq(paymentOrders.orderNo, refund.orderNo));
  return true;
}

export async function refundByNo(ex: Executor, refundNo: string) {
  const [row] = await ex.select().from(paymentRefunds).where(eq(paymentRefunds.refundNo, refundNo));
  return row;
}

export async function refundsOfOrder(ex: Executor, orderNo: string) {
  return ex.select().from(paymentRefunds).where(eq(paymentRefunds.orderNo, orderNo));
}

export async function markRefundDone(ex: Executor, refundNo: string, at: Date): Promise<void> {
  await ex
    .update(paymentRefunds)
    .set({ status: 'done', doneAt: at })
    .where(and(eq(paymentRefunds.refundNo, refundNo), eq(paymentRefunds.status, 'requested')));
}

export async function raiseAlarm(
  ex: Executor,
  kind: string,
  detail: Record<string, string | number | null>,
  at: Date,
): Promise<void> {
  await ex.insert(paymentAlarms).values({ kind, detail, at });
}

export async function alarms(ex: Executor) {
  return ex.select().from(paymentAlarms).orderBy(paymentAlarms.id);
}

/** The orders paid and the refunds booked in [from, to): what the day's reconciliation file should list. */
export async function bookedBetween(ex: Executor, from: Date, to: Date) {
  const paid = await ex
    .select({ orderNo: paymentOrders.orderNo, amountFen: paymentOrders.amountFen })
    .from(paymentOrders)
    .where(
      and(eq(paymentOrders.status, 'paid'), gte(paymentOrders.paidAt, from), lt(paymentOrders.paidAt, to)),
    );
  const refunds = await ex
    .select({
      refundNo: paymentRefunds.refundNo,
      orderNo: paymentRefunds.orderNo,
      amountFen: paymentRefunds.amountFen,
    })
    .from(paymentRefunds)
    .where(and(gte(paymentRefunds.requestedAt, from), lt(paymentRefunds.requestedAt, to)));
  return { paid, refunds };
}

export type ReceiptRow = typeof paymentReceipts.$inferSelect;

/** Issues the payable's receipt once; a second settlement word finds it there. */
export async function insertReceipt(tx: Tx, receipt: typeof paymentReceipts.$inferInsert): Promise<void> {
  await tx.insert(paymentReceipts).values(receipt).onConflictDoNothing();
}

export async function receiptOfPayable(ex: Executor, payableId: string): Promise<ReceiptRow | undefined> {
  const [row] = await ex.select().from(paymentReceipts).where(eq(paymentReceipts.payableId, payableId));
  return row;
}

export async function receiptByCode(ex: Executor, code: string) {
  const [row] = await ex
    .select({ receipt: paymentReceipts, status: payables.status })
    .from(paymentReceipts)
    .innerJoin(payables, eq(payables.id, paymentReceipts.payableId))
    .where(eq(paymentReceipts.verificationCode, code));
  return row;
}
