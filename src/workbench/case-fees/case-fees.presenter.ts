import type { CaseFeeRow } from './case-fees.repository.ts';

/** A case's fee as the API shows it: what is owed and whether it is paid, never more of the payment. */
export function presentFee(fee: CaseFeeRow | undefined) {
  if (!fee) return null;
  return {
    amountFen: fee.amountFen,
    description: fee.description,
    payeeUnit: fee.payeeUnit,
    status: fee.status,
    assessedAt: fee.assessedAt.toISOString(),
    paidAt: fee.paidAt?.toISOString() ?? null,
  };
}
