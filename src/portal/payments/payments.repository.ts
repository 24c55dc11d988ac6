import { and, desc, eq, getTableColumns, gte, lt, ne, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../shared/db/database.ts';
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

/** What paying an order did, as `payOrder` reports it. */
export interface PaidOrder {
  /** What the order asks: a word naming another amount moves nothing. */
  amountFen: number;
  surchargeFen: number;
  /** False when the order was paid already (a repeated or late word). */
  moved: boolean;
  /** The payable this payment settled; undefined when it moved but another order had paid the payable first. */
  settled: PayableRow | undefined;
}

/**
 * Pays an order in one statement: marks it paid unless it already is, settles its payable if still due (the
 * first paid order counts, once; the payable then says what that order asked) and issues the receipt of a
 * payment without a surcharge (one with a surcharge names it in words, `issueReceipt`). Undefined for an
 * unknown order. No row lock is read first: the conditional updates take it, and a concurrent word for the
 * same order waits on it and then finds the order paid.
 */
export async function payOrder(
  tx: Tx,
  paid: {
    orderNo: string;
    amountFen: number;
    at: Date;
    via: 'notification' | 'query';
    gatewayOrderId: string | null;
    receiptNo: string;
    verificationCode: string;
    now: Date;
  },
): Promise<PaidOrder | undefined> {
  const moved = tx.$with('moved').as(
    tx
      .update(paymentOrders)
      .set({
        status: 'paid',
        gatewayStatus: 'paid',
        paidAt: paid.at,
        paidVia: paid.via,
        gatewayOrderId: sql`coalesce(${paymentOrders.gatewayOrderId}, ${paid.gatewayOrderId})`,
      })
      .where(
        and(
          eq(paymentOrders.orderNo, paid.orderNo),
          ne(paymentOrders.status, 'paid'),
          eq(paymentOrders.amountFen, paid.amountFen),
        ),
      )
      .returning({
        orderNo: paymentOrders.orderNo,
        payableId: paymentOrders.payableId,
        amountFen: paymentOrders.amountFen,
        surchargeFen: paymentOrders.surchargeFen,
      }),
  );
  const settled = tx.$with('settled').as(
    tx
      .update(payables)
      .set({
        status: 'paid',
        paidOrderNo: sql`${moved.orderNo}`,
        amountFen: sql`${moved.amountFen}`,
        surchargeFen: sql`${moved.surchargeFen}`,
        settledAt: paid.now,
      })
      .from(moved)
      .where(and(eq(payables.id, moved.payableId), eq(payables.status, 'due')))
      .returning(getTableColumns(payables)),
  );
  const receipt = tx.$with('receipt').as(
    tx
      .insert(paymentReceipts)
      .select(
        tx
          .select({
            receiptNo: sql<string>`${paid.receiptNo}::text`.as('receipt_no'),
            payableId: settled.id,
            orderNo: moved.orderNo,
            verificationCode: sql<string>`${paid.verificationCode}::text`.as('verification_code'),
            amountFen: moved.amountFen,
            description: settled.description,
            payeeUnit: settled.payeeUnit,
            paidAt: sql<Date>`${paid.at.toISOString()}::timestamptz`.as('paid_at'),
            issuedAt: sql<Date>`${paid.now.toISOString()}::timestamptz`.as('issued_at'),
          })
          .from(settled)
          .innerJoin(moved, eq(moved.payableId, settled.id))
          .where(eq(moved.surchargeFen, 0)),
      )
      .onConflictDoNothing(),
  );
  // The order as it stood before this statement (amount and surcharge never change), beside what moved.
  const [row] = await tx
    .with(moved, settled, receipt)
    .select({
      amountFen: paymentOrders.amountFen,
      surchargeFen: paymentOrders.surchargeFen,
      moved: sql<boolean>`${moved.orderNo} is not null`.mapWith(Boolean),
      settled: settled._.selectedFields,
    })
    .from(paymentOrders)
    .leftJoin(moved, sql`true`)
    .leftJoin(settled, sql`true`)
    .where(eq(paymentOrders.orderNo, paid.orderNo));
  if (!row) return undefined;
  return { ...row, settled: row.settled ?? undefined };
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
