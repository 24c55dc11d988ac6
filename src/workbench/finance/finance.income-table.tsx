import { Table } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { yuan } from './finance.messages.ts';
import type { IncomeLine } from './finance.repository.ts';

/** The day's fee income per receiving department: paid, refunded and net, with the departments' totals. */
export function IncomeTable({ ctx, lines }: { ctx: PageContext; lines: IncomeLine[] }) {
  if (lines.length === 0)
    return <p>{inLang(ctx, '当日没有入账的收费。', 'No fee income booked that day.')}</p>;
  const sum = (pick: (l: IncomeLine) => number) => lines.reduce((total, l) => total + pick(l), 0);
  return (
    <Table
      caption={inLang(ctx, '收费收入分成', 'Fee income split')}
      stackOnNarrow
      head={[
        inLang(ctx, '收款部门', 'Department'),
        inLang(ctx, '笔数', 'Payments'),
        inLang(ctx, '收款', 'Paid'),
        inLang(ctx, '退款', 'Refunded'),
        inLang(ctx, '净收入', 'Net income'),
      ]}
      numeric={[1, 2, 3, 4]}
      rows={[
        ...lines.map((l) => [
          `${(ctx.lang === 'en' ? l.unitNameEn : null) ?? l.unitName ?? l.unitCode}（${l.unitCode}）`,
          String(l.payments),
          yuan(l.paidFen),
          l.refunds ? `−${yuan(l.refundedFen)}` : yuan(0),
          yuan(l.amountFen),
        ]),
        [
          inLang(ctx, '合计', 'Total'),
          String(sum((l) => l.payments)),
          yuan(sum((l) => l.paidFen)),
          `−${yuan(sum((l) => l.refundedFen))}`,
          yuan(sum((l) => l.amountFen)),
        ],
      ]}
    />
  );
}
