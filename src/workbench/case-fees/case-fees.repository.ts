import { and, eq } from 'drizzle-orm';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { caseFees } from './case-fees.tables.ts';

export type CaseFeeRow = typeof caseFees.$inferSelect;

export async function feeOf(ex: Executor, caseNumber: string): Promise<CaseFeeRow | undefined> {
  const [row] = await ex.select().from(caseFees).where(eq(caseFees.caseNumber, caseNumber));
  return row;
}

/** Books the case's fee; false when one was assessed already (one fee per case). */
export async function insertFee(tx: Tx, fee: typeof caseFees.$inferInsert): Promise<boolean> {
  const inserted = await tx
    .insert(caseFees)
    .values(fee)
    .onConflictDoNothing()
    .returning({ caseNumber: caseFees.caseNumber });
  return inserted.length > 0;
}

/** Marks the due fee paid: the fee as paid, or none for a redelivered word about a fee already paid. */
export async function markFeePaid(
  tx: Tx,
  caseNumber: string,
  paid: { orderNo: string; amountFen: number; at: Date },
): Promise<CaseFeeRow | undefined> {
  const [moved] = await tx
    .update(caseFees)
    .set({ status: 'paid', orderNo: paid.orderNo, paidFen: paid.amountFen, paidAt: paid.at })
    .where(and(eq(caseFees.caseNumber, caseNumber), eq(caseFees.status, 'due')))
    .returning();
  return moved;
}
