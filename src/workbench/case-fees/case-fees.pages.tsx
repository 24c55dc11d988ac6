import { formatDateTime } from '../../shared/i18n/index.ts';
import { SummaryList, Tag } from '../../shared/ui/components.tsx';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { Button, Form, TextField, type FieldError } from '../../shared/ui/forms.tsx';
import type { CaseFeeRow } from './case-fees.repository.ts';

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/**
 * The case page's fee: what was assessed and whether it is paid; without one, the holder's form to assess it,
 * filled in with the catalogue's fixed fee when the item has one.
 */
export function FeeSection(p: {
  ctx: PageContext;
  caseNumber: string;
  fee: CaseFeeRow | undefined;
  /** The holder may assess one now (open case, claimed by him). */
  mayAssess: boolean;
  suggested: { name: string; amount: string } | undefined;
  errors: FieldError[];
  values: Record<string, string>;
}) {
  const { ctx, fee } = p;
  if (fee)
    return (
      <section>
        <h2>{inLang(ctx, '收费', 'Fee')}</h2>
        <SummaryList
          rows={[
            {
              key: inLang(ctx, '收费项目', 'Fee'),
              value: ctx.lang === 'en' ? fee.description.en : fee.description.zh,
            },
            { key: inLang(ctx, '金额', 'Amount'), value: yuan(fee.amountFen) },
            {
              key: inLang(ctx, '缴费状态', 'Payment'),
              value:
                fee.status === 'due' ? (
                  <Tag tone="amber">{inLang(ctx, '待缴费', 'Fee due')}</Tag>
                ) : (
                  <Tag tone="green">{inLang(ctx, '已缴费', 'Paid')}</Tag>
                ),
            },
            ...(fee.paidAt
              ? [{ key: inLang(ctx, '缴费时间', 'Paid on'), value: formatDateTime(ctx.lang, fee.paidAt) }]
              : []),
          ]}
        />
        {fee.status === 'due' ? (
          <p>
            {inLang(
              ctx,
              '申请人缴费后，支付平台确认的结果会自动送达，案件方可出证或办结。',
              'Once the applicant pays and the payment platform confirms it, the case can be issued or completed.',
            )}
          </p>
        ) : null}
      </section>
    );
  if (!p.mayAssess) return null;
  const error = (field: string) => p.errors.find((e) => e.field === field)?.message;
  return (
    <section>
      <h2>{inLang(ctx, '核定收费', 'Assess a fee')}</h2>
      <Form action={`/cases/${p.caseNumber}/fee`} csrfToken={ctx.csrfToken ?? ''}>
        <TextField
          name="name"
          label={inLang(ctx, '收费项目', 'Fee')}
          value={p.values.name ?? p.suggested?.name ?? ''}
          error={error('name')}
        />
        <TextField
          name="amount"
          label={inLang(ctx, '金额（元）', 'Amount (yuan)')}
          hint={inLang(ctx, '例如 20 或 20.50', 'For example 20 or 20.50')}
          inputmode="decimal"
          width={10}
          value={p.values.amount ?? p.suggested?.amount ?? ''}
          error={error('amount')}
        />
        <Button variant="secondary">{inLang(ctx, '核定并通知缴费', 'Assess and ask for payment')}</Button>
      </Form>
    </section>
  );
}
