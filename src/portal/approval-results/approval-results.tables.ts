import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ApprovalDecision } from '../../exchange/contracts/index.ts';

/**
 * 审批结果公开: the results of companies' licences and filings the workbench published as they were decided.
 * Only what the contract carries (item, decision, day, company, credit code, deciding unit); nothing here
 * leads back to a case or a person. One row per result, kept once however often it is delivered.
 */
export const approvalResults = pgTable(
  'approval_results',
  {
    id: uuid('id').primaryKey(),
    itemId: text('item_id').notNull(),
    itemName: text('item_name').notNull(),
    itemNameEn: text('item_name_en').notNull(),
    kind: text('kind').notNull().$type<'licence' | 'filing'>(),
    decision: text('decision').notNull().$type<ApprovalDecision>(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    companyName: text('company_name').notNull(),
    creditCode: text('credit_code').notNull(),
    unitName: text('unit_name').notNull(),
    unitNameEn: text('unit_name_en').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // The list: newest decision first, ties in arrival order.
    index('approval_results_list_idx').on(t.decidedOn, t.receivedAt),
    index('approval_results_credit_idx').on(t.creditCode),
  ],
);

export type ApprovalResultRow = typeof approvalResults.$inferSelect;
