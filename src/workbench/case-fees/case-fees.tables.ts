import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A case's fee in the police zone: what was assessed (fixed by the item or by the officer), to which unit the
 * income is booked, and the payment the portal reported (payment.settled). One per case.
 */
export const caseFees = pgTable('case_fees', {
  caseNumber: text('case_number').primaryKey(),
  amountFen: integer('amount_fen').notNull(),
  description: jsonb('description').notNull().$type<{ zh: string; en: string }>(),
  payeeUnit: text('payee_unit').notNull(),
  /**
   * The receiving departments and their shares in basis points (finance.split.ts), fixed when the fee is
   * assessed; empty for fees assessed before splits were kept, which go wholly to the payee unit.
   */
  split: jsonb('split').notNull().default([]).$type<{ unitCode: string; shareBp: number }[]>(),
  status: text('status').notNull().default('due').$type<'due' | 'paid'>(),
  assessedBy: text('assessed_by').notNull(),
  assessedAt: timestamp('assessed_at', { withTimezone: true }).notNull(),
  orderNo: text('order_no'),
  paidFen: integer('paid_fen'),
  paidAt: timestamp('paid_at', { withTimezone: true }),
});
