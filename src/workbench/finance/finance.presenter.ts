import type { IncomeLine } from './finance.repository.ts';
import type { DayDetail } from './finance.service.ts';
import type { DifferenceRow } from './finance.tables.ts';

// The reconciliation as the API shows it: amounts in fen, times as ISO strings, who resolved what and why.

export function presentDifference(d: DifferenceRow, computedAt: Date) {
  return {
    id: d.id,
    kind: d.kind,
    type: d.type,
    reference: d.reference,
    hereFen: d.hereFen,
    thereFen: d.thereFen,
    state: d.state,
    dueOn: d.dueOn,
    resolution: d.resolution,
    reason: d.reason,
    resolvedBy: d.resolvedBy,
    resolvedAt: d.resolvedAt?.toISOString() ?? null,
    /** False when the day's latest computation no longer found this line. */
    inLatestRun: d.lastSeenAt.getTime() >= computedAt.getTime(),
  };
}

export function presentIncome(lines: IncomeLine[]) {
  return lines.map((l) => ({
    unitCode: l.unitCode,
    payments: l.payments,
    paidFen: l.paidFen,
    refunds: l.refunds,
    refundedFen: l.refundedFen,
    /** Net of the day's refunds. */
    amountFen: l.amountFen,
  }));
}

export function presentDay(detail: DayDetail) {
  const { day } = detail;
  return {
    day: day.day,
    here: day.here,
    there: day.there,
    omitted: day.omitted,
    computedAt: day.computedAt.toISOString(),
    differences: detail.differences.map((d) => presentDifference(d, day.computedAt)),
    income: presentIncome(detail.income),
  };
}
