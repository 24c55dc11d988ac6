import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { Tx } from '../../shared/db/database.ts';
import type { CaseFeeRow } from '../case-fees/case-fees.repository.ts';
import * as repo from './finance.repository.ts';
import { splitFen, WHOLE_BP } from './finance.split.ts';

/**
 * Books a settled fee's income to its receiving departments: the fee's split applied to what was paid, one
 * line per department on the Beijing day of the payment. A fee assessed before splits were kept goes wholly to
 * its payee unit. Called in the transaction that records the payment; a redelivery books nothing twice.
 */
export async function bookFeeIncome(
  tx: Tx,
  fee: CaseFeeRow,
  paid: { orderNo: string; amountFen: number; paidAt: string },
): Promise<void> {
  const shares = fee.split.length > 0 ? fee.split : [{ unitCode: fee.payeeUnit, shareBp: WHOLE_BP }];
  const paidAt = new Date(paid.paidAt);
  await repo.insertIncomeLines(
    tx,
    splitFen(paid.amountFen, shares).map((line) => ({
      orderNo: paid.orderNo,
      unitCode: line.unitCode,
      caseNumber: fee.caseNumber,
      amountFen: line.amountFen,
      shareBp: line.shareBp,
      bookedOn: todayInShanghai(paidAt),
      paidAt,
    })),
  );
}

/**
 * Takes a refunded fee off the income of the departments its payment was booked to: the same split applied to
 * what was refunded (a whole refund gives back each department exactly its line), on the Beijing day the refund
 * was booked. A redelivered refund books nothing twice.
 */
export async function bookFeeRefund(
  tx: Tx,
  fee: CaseFeeRow,
  refund: { refundNo: string; orderNo: string; amountFen: number; reason: string; refundedAt: string },
): Promise<void> {
  const shares = fee.split.length > 0 ? fee.split : [{ unitCode: fee.payeeUnit, shareBp: WHOLE_BP }];
  const refundedAt = new Date(refund.refundedAt);
  await repo.insertRefundLines(
    tx,
    splitFen(refund.amountFen, shares).map((line) => ({
      refundNo: refund.refundNo,
      orderNo: refund.orderNo,
      unitCode: line.unitCode,
      caseNumber: fee.caseNumber,
      amountFen: line.amountFen,
      shareBp: line.shareBp,
      reason: refund.reason,
      bookedOn: todayInShanghai(refundedAt),
      refundedAt,
    })),
  );
}
