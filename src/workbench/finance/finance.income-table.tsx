import { Table } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { yuan } from './finance.messages.ts';
import type { IncomeLine } from './finance.repository.ts';

/** The day's fee income per receiving department, with the total of the departments shown. */
export function IncomeTable({ ctx, lines }: { ctx: PageContext; lines: IncomeLine[] }) {
  if (lines.length === 0)
    return <p>{inLang(ctx, '当日没有入账的收费。', 'No fee income booked that day.')}</p>;
  const total = lines.reduce((sum, l) => sum + l.amountFen, 0);
  return (
    <Table
      caption={inLang(ctx, '收费收入分成', 'Fee income split')}
      head={[
        inLang(ctx, '收款部门', 'Department'),
        inLang(ctx, '笔数', 'Payments'),
        inLang(ctx, '金额', 'Amount'),
      ]}
      numeric={[1, 2]}
      rows={[
        ...lines.map((l) => [
          `${(ctx.lang === 'en' ? l.unitNameEn : null) ?? l.unitName ?? l.unitCode}（${l.unitCode}）`,
          String(l.payments),
          yuan(l.amountFen),
        ]),
        [inLang(ctx, '合计', 'Total'), '', yuan(total)],
      ]}
    />
  );
}
