import { formatDateTime } from '../../shared/i18n/index.ts';
import { SummaryList, Tag } from '../../shared/ui/components.tsx';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { payableStatusWords, yuan } from './payments.messages.ts';
import type { PayableRow } from './payments.repository.ts';

/**
 * The fee on the applicant's case page: what is owed and its state, with 去缴费 leading to the fee's own page
 * (where the order is made) while it is due, and the receipt once it is paid.
 */
export function CaseFeePanel({ ctx, fee }: { ctx: PageContext; fee: PayableRow | undefined }) {
  if (!fee) return null;
  const words = payableStatusWords[fee.status];
  return (
    <section aria-labelledby="case-fee">
      <h2 id="case-fee">{inLang(ctx, '缴费', 'Fee')}</h2>
      <SummaryList
        lang={ctx.lang}
        rows={[
          { key: inLang(ctx, '收费项目', 'Fee'), value: fee.description[ctx.lang] },
          { key: inLang(ctx, '金额', 'Amount'), value: yuan(fee.amountFen) },
          {
            key: inLang(ctx, '缴费状态', 'Payment'),
            value: <Tag tone={words.tone}>{words[ctx.lang]}</Tag>,
          },
          ...(fee.settledAt
            ? [{ key: inLang(ctx, '缴费时间', 'Paid on'), value: formatDateTime(ctx.lang, fee.settledAt) }]
            : []),
        ]}
      />
      {fee.status === 'due' ? (
        <p>
          {inLang(ctx, '本件需缴费后才能继续办理。', 'The case goes on once this fee is paid.')}{' '}
          <a class="button button--primary" href={`/my/payments/${fee.id}`}>
            {inLang(ctx, '去缴费', 'Pay')}
          </a>
        </p>
      ) : (
        <p>
          <a href={`/my/payments/${fee.id}`}>{inLang(ctx, '查看缴费详情', 'See the payment')}</a>
          {fee.status === 'paid' || fee.status === 'refunded' ? (
            <>
              {' · '}
              <a href={`/my/payments/${fee.id}/receipt`} download>
                {inLang(ctx, '下载缴费凭证', 'Download the receipt')}
              </a>
            </>
          ) : null}
        </p>
      )}
    </section>
  );
}
