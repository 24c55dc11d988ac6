import { count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { approvalResultPublished, PayloadOf } from '../../exchange/contracts/index.ts';
import type { Executor } from '../../shared/db/database.ts';
import { approvalResults, type ApprovalResultRow } from './approval-results.tables.ts';

/** Keeps a result once: a redelivery of the same id changes nothing. */
export async function saveApprovalResult(
  tx: Executor,
  result: PayloadOf<typeof approvalResultPublished>,
  receivedAt: Date,
): Promise<void> {
  await tx
    .insert(approvalResults)
    .values({ ...result, receivedAt })
    .onConflictDoNothing({ target: approvalResults.id });
}

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);
const creditCodeLike = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** One page of results, newest decision first; `company` matches part of the name, or a whole credit code. */
export async function listApprovalResults(
  db: Executor,
  filter: { company?: string | undefined; page: number; pageSize: number },
): Promise<{ rows: ApprovalResultRow[]; total: number }> {
  const company = filter.company?.trim();
  let where: SQL | undefined;
  if (company) {
    const byName = ilike(approvalResults.companyName, `%${escapeLike(company)}%`);
    const code = company.toUpperCase();
    where = creditCodeLike.test(code) ? or(byName, eq(approvalResults.creditCode, code)) : byName;
  }
  const [counted] = await db.select({ n: count() }).from(approvalResults).where(where);
  const rows = await db
    .select()
    .from(approvalResults)
    .where(where)
    .orderBy(desc(approvalResults.decidedOn), desc(approvalResults.receivedAt), desc(approvalResults.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  return { rows, total: counted?.n ?? 0 };
}
