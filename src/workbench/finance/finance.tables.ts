import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Payments and refunds one side booked on a day, as the portal reported them. */
export interface Totals {
  payments: number;
  paymentFen: number;
  refunds: number;
  refundFen: number;
}

/**
 * One Beijing day's reconciliation of the merchant account, as last computed by the portal: our books (here)
 * and the gateway's file (there). A later computation replaces an earlier one, whatever the order of arrival.
 */
export const reconciliationDays = pgTable('reconciliation_days', {
  day: date('day').primaryKey(),
  here: jsonb('here').notNull().$type<Totals>(),
  there: jsonb('there').notNull().$type<Totals>(),
  /** Differences beyond what one report carries (a day gone badly wrong): counted, not listed. */
  omitted: integer('omitted').notNull().default(0),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  /** Who last asked for the day to be reconciled again, and when (null: only the nightly run). */
  requestedBy: text('requested_by'),
  requestedAt: timestamp('requested_at', { withTimezone: true }),
});

/**
 * A line of the day that does not agree, to be resolved by a finance officer under the `reconciliation-difference`
 * workflow (open → resolved). One per day, type and reference: a later report updates the amounts of an open
 * one; a resolved one keeps who resolved it and why. `lastSeenAt` older than the day's `computedAt` means the
 * latest computation no longer found it.
 */
export const reconciliationDifferences = pgTable(
  'reconciliation_differences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    day: date('day').notNull(),
    kind: text('kind').notNull(),
    type: text('type').notNull().$type<'payment' | 'refund'>(),
    reference: text('reference').notNull(),
    hereFen: bigint('here_fen', { mode: 'number' }),
    thereFen: bigint('there_fen', { mode: 'number' }),
    workflowId: text('workflow_id').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    state: text('state').notNull(),
    dueOn: date('due_on'),
    // The Beijing day the workbench received the difference, which its working days count from (the holiday
    // recount counts again from it). Null for one received before it was kept, until the recount works it out.
    dueSince: date('due_since'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    resolution: text('resolution'),
    reason: text('reason'),
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('reconciliation_differences_line_idx').on(t.day, t.type, t.reference)],
);

/**
 * A settled fee's income booked to one receiving department: the fee's split applied to what was paid, in fen,
 * the lines of one payment adding up to it exactly. Booked once per order and unit.
 */
export const feeIncomeLines = pgTable(
  'fee_income_lines',
  {
    orderNo: text('order_no').notNull(),
    unitCode: text('unit_code').notNull(),
    caseNumber: text('case_number').notNull(),
    amountFen: integer('amount_fen').notNull(),
    /** The share in basis points (1/10,000) the split gave this unit. */
    shareBp: integer('share_bp').notNull(),
    /** The Beijing day the payment was made: the reconciliation day it belongs to. */
    bookedOn: date('booked_on').notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('fee_income_lines_order_unit_idx').on(t.orderNo, t.unitCode),
    index('fee_income_lines_day_idx').on(t.bookedOn, t.unitCode),
  ],
);

/**
 * A refund of a settled fee taken off one receiving department's income: the fee's split applied to what was
 * refunded, so a whole refund takes back exactly the lines its payment booked. Booked once per refund and unit,
 * on the Beijing day the refund was booked (the day the reconciliation lists it).
 */
export const feeRefundLines = pgTable(
  'fee_refund_lines',
  {
    refundNo: text('refund_no').notNull(),
    orderNo: text('order_no').notNull(),
    unitCode: text('unit_code').notNull(),
    caseNumber: text('case_number').notNull(),
    /** What comes off the unit's income, in fen (positive). */
    amountFen: integer('amount_fen').notNull(),
    shareBp: integer('share_bp').notNull(),
    reason: text('reason').notNull(),
    bookedOn: date('booked_on').notNull(),
    refundedAt: timestamp('refunded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('fee_refund_lines_refund_unit_idx').on(t.refundNo, t.unitCode),
    index('fee_refund_lines_day_idx').on(t.bookedOn, t.unitCode),
  ],
);

export type DifferenceRow = typeof reconciliationDifferences.$inferSelect;
export type DayRow = typeof reconciliationDays.$inferSelect;
