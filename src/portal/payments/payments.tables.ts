import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { citizens } from '../db/schema.ts';

/** What a payable is for; each kind says what happens once it is paid (payments.payables.ts). */
export type PayableKind = 'case-fee' | 'traffic-fine';
export type PayableStatus = 'due' | 'paid' | 'refunded' | 'cancelled';
export type OrderStatus = 'pending' | 'paid' | 'closed';

/**
 * Something a citizen owes and may pay online: a case's fee now, a traffic fine later. One per kind and
 * reference (a case's fee is one payable, however many orders it takes to pay it).
 */
export const payables = pgTable(
  'payables',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull().$type<PayableKind>(),
    reference: text('reference').notNull(),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id),
    /** What is owed: as opened, or as the latest order (or the paid one) asked, late-payment surcharge included. */
    amountFen: integer('amount_fen').notNull(),
    /** The part of amountFen that is a late-payment surcharge (加处罚款); the rest is what was opened. */
    surchargeFen: integer('surcharge_fen').notNull().default(0),
    description: jsonb('description').notNull().$type<{ zh: string; en: string }>(),
    /** The department the income is booked to (a unit code), for the fee income split. */
    payeeUnit: text('payee_unit').notNull(),
    status: text('status').notNull().default('due').$type<PayableStatus>(),
    paidOrderNo: text('paid_order_no'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('payables_kind_reference_idx').on(t.kind, t.reference),
    index('payables_citizen_idx').on(t.citizenId, t.createdAt),
  ],
);

/**
 * One attempt to pay a payable at the gateway. Paid only on a verified notification or a query answer, never
 * on the browser's return; an expired or closed order is left as it is and a new order is made.
 */
export const paymentOrders = pgTable(
  'payment_orders',
  {
    orderNo: text('order_no').primaryKey(),
    payableId: uuid('payable_id')
      .notNull()
      .references(() => payables.id),
    amountFen: integer('amount_fen').notNull(),
    /** The late-payment surcharge included in amountFen when the order was made. */
    surchargeFen: integer('surcharge_fen').notNull().default(0),
    status: text('status').notNull().default('pending').$type<OrderStatus>(),
    /** What the gateway last said (pending, paid, cancelled, failed, expired). */
    gatewayStatus: text('gateway_status').notNull().default('pending'),
    gatewayOrderId: text('gateway_order_id'),
    payUrl: text('pay_url'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    /** How the payment became known: a notification or a query. */
    paidVia: text('paid_via').$type<'notification' | 'query'>(),
    refundedFen: integer('refunded_fen').notNull().default(0),
  },
  // A payable counts one paid order (payables.paid_order_no); money taken twice is refunded, never counted.
  (t) => [index('payment_orders_payable_idx').on(t.payableId, t.createdAt)],
);

/**
 * A refund asked of the gateway: booked here first, under the order's lock, so it can never exceed the payment.
 * One per order, the whole of what was paid (a payable counts one paid order, so one refund per payable): a
 * second trigger finds the row and books nothing. The gateway is asked by the refund job until it confirms.
 */
export const paymentRefunds = pgTable(
  'payment_refunds',
  {
    refundNo: text('refund_no').primaryKey(),
    orderNo: text('order_no')
      .notNull()
      .references(() => paymentOrders.orderNo),
    amountFen: integer('amount_fen').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('requested').$type<'requested' | 'done'>(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('payment_refunds_order_idx').on(t.orderNo)],
);

/**
 * What the payment engine raised for someone to look at: a forged notification, one for an unknown order, an
 * amount that differs. It holds order numbers and reasons, never a person's data.
 */
export const paymentAlarms = pgTable(
  'payment_alarms',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    detail: jsonb('detail').notNull().$type<Record<string, string | number | null>>(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('payment_alarms_at_idx').on(t.at)],
);

/**
 * The electronic receipt (缴费凭证) of a settled payable, issued in the transaction that settles it. The PDF is
 * drawn from this row when the payer downloads it; its QR code leads to the public verification page by code.
 */
export const paymentReceipts = pgTable(
  'payment_receipts',
  {
    receiptNo: text('receipt_no').primaryKey(),
    payableId: uuid('payable_id')
      .notNull()
      .references(() => payables.id),
    orderNo: text('order_no').notNull(),
    /** 26 random base32 characters: nobody can compute the code of a receipt he has not seen. */
    verificationCode: text('verification_code').notNull(),
    amountFen: integer('amount_fen').notNull(),
    description: jsonb('description').notNull().$type<{ zh: string; en: string }>(),
    payeeUnit: text('payee_unit').notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('payment_receipts_payable_idx').on(t.payableId),
    uniqueIndex('payment_receipts_code_idx').on(t.verificationCode),
  ],
);
