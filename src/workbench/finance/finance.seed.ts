import type { ZoneServices } from '../../shared/zone.ts';
import { feeIncomeLines, reconciliationDays, reconciliationDifferences } from './finance.tables.ts';
import { splitFen } from './finance.split.ts';

// One fictional reconciled day for the demo: each kind of difference (one already resolved, with who and why)
// and the day's fee income split to the departments. Order numbers are made up; nothing here was ever paid.
// Idempotent: a day already there is left alone.

const DAY = '2026-11-30';
const AT = new Date('2026-12-01T02:05:00+08:00');
const ref = (n: number) => `P20261130${String(n).padStart(12, '0')}`;

export async function seedFinance(services: ZoneServices): Promise<void> {
  const inserted = await services.db
    .insert(reconciliationDays)
    .values({
      day: DAY,
      here: { payments: 6, paymentFen: 26_400, refunds: 1, refundFen: 2_000 },
      there: { payments: 7, paymentFen: 27_800, refunds: 1, refundFen: 2_000 },
      computedAt: AT,
      receivedAt: AT,
    })
    .onConflictDoNothing()
    .returning({ day: reconciliationDays.day });
  if (inserted.length === 0) return;
  const start = {
    day: DAY,
    workflowId: 'reconciliation-difference',
    workflowVersion: 1,
    dueOn: '2026-12-03',
  };
  const seen = { updatedAt: AT, firstSeenAt: AT, lastSeenAt: AT };
  await services.db.insert(reconciliationDifferences).values([
    {
      ...start,
      ...seen,
      kind: 'paid-here-not-there',
      type: 'payment',
      reference: ref(11),
      hereFen: 4_000,
      thereFen: null,
      state: 'open',
    },
    {
      ...start,
      ...seen,
      kind: 'paid-there-not-here',
      type: 'payment',
      reference: ref(12),
      hereFen: null,
      thereFen: 1_000,
      state: 'open',
    },
    {
      ...start,
      ...seen,
      kind: 'amount-differs',
      type: 'payment',
      reference: ref(13),
      hereFen: 12_000,
      thereFen: 12_400,
      state: 'open',
    },
    {
      ...start,
      ...seen,
      kind: 'unknown-order',
      type: 'payment',
      reference: 'P20261130999999999999',
      hereFen: null,
      thereFen: 4_000,
      state: 'resolved',
      resolution: 'gateway-corrected',
      reason: '银行确认系其他商户订单误记，已出具更正对账单',
      resolvedBy: 'SF8801',
      resolvedAt: new Date('2026-12-01T10:20:00+08:00'),
    },
  ]);
  const fees = [
    {
      orderNo: ref(21),
      caseNumber: 'SF-D01-P01-20261130-000003',
      amountFen: 4_000,
      split: [
        { unitCode: 'SF-D01', shareBp: 7_000 },
        { unitCode: 'SF-D01-P01', shareBp: 3_000 },
      ],
    },
    {
      orderNo: ref(22),
      caseNumber: 'SF-CRJ-20261130-000001',
      amountFen: 12_000,
      split: [{ unitCode: 'SF-CRJ', shareBp: 10_000 }],
    },
    {
      orderNo: ref(23),
      caseNumber: 'SF-ZA-20261130-000002',
      amountFen: 2_000,
      split: [{ unitCode: 'SF-ZA', shareBp: 10_000 }],
    },
    {
      orderNo: ref(24),
      caseNumber: 'SF-JJ-20261130-000004',
      amountFen: 1_000,
      split: [{ unitCode: 'SF-JJ', shareBp: 10_000 }],
    },
  ];
  await services.db
    .insert(feeIncomeLines)
    .values(
      fees.flatMap((fee) =>
        splitFen(fee.amountFen, fee.split).map((line) => ({
          orderNo: fee.orderNo,
          caseNumber: fee.caseNumber,
          unitCode: line.unitCode,
          amountFen: line.amountFen,
          shareBp: line.shareBp,
          bookedOn: DAY,
          paidAt: new Date('2026-11-30T10:00:00+08:00'),
        })),
      ),
    )
    .onConflictDoNothing();
}
