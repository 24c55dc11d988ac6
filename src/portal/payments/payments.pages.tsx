import { formatDateTime } from '../../shared/i18n/index.ts';
import { BackLink, InsetText, SummaryList, Table, Tag } from '../../shared/ui/components.tsx';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { Button, Form } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { expiredOrderWords, orderStatusWords, payableStatusWords, yuan } from './payments.messages.ts';
import type { AmountDue } from './payments.payables.ts';
import type { OrderRow, PayableRow, ReceiptRow } from './payments.repository.ts';

type Words = { zh: string; en: string };
const say = (ctx: PageContext, words: Words) => words[ctx.lang];

function Flash({ text }: { text?: string | undefined }) {
  return text ? (
    <div class="notification-banner" role="status">
      {text}
    </div>
  ) : null;
}

function StatusTag({ ctx, status }: { ctx: PageContext; status: PayableRow['status'] }) {
  const words = payableStatusWords[status];
  return <Tag tone={words.tone}>{say(ctx, words)}</Tag>;
}

/** 我的缴费: every fee and fine of the person, each due one at what it asks today. */
export function listPage({
  ctx,
  rows,
}: {
  ctx: PageContext;
  rows: { payable: PayableRow; due: AmountDue }[];
}) {
  const title = inLang(ctx, '我的缴费', 'My payments');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href="/account" lang={ctx.lang} />
      <h1>{title}</h1>
      {rows.length === 0 ? (
        <InsetText>
          {inLang(ctx, '您没有需要缴纳或已缴纳的费用。', 'You have no fees to pay or paid.')}
        </InsetText>
      ) : (
        <Table
          caption={inLang(ctx, `共 ${rows.length} 项`, `${rows.length} in all`)}
          head={[inLang(ctx, '费用', 'Fee'), inLang(ctx, '金额', 'Amount'), inLang(ctx, '状态', 'Status')]}
          numeric={[1]}
          rows={rows.map(({ payable: p, due }) => [
            <a href={`/my/payments/${p.id}`}>{say(ctx, p.description)}</a>,
            p.status === 'due' && due.surchargeFen > 0 ? (
              <>
                {yuan(due.amountFen)}
                <br />
                <small>
                  {inLang(
                    ctx,
                    `含加处罚款 ${yuan(due.surchargeFen)}`,
                    `incl. late surcharge ${yuan(due.surchargeFen)}`,
                  )}
                </small>
              </>
            ) : (
              yuan(due.amountFen)
            ),
            <StatusTag ctx={ctx} status={p.status} />,
          ])}
        />
      )}
    </Layout>,
  );
}

/** The amount, and for a fine paid late the fine, the days overdue and the surcharge (加处罚款) that make it. */
function surchargeRows(ctx: PageContext, due: AmountDue) {
  const total = { key: inLang(ctx, '金额', 'Amount'), value: yuan(due.amountFen) };
  if (due.surchargeFen === 0) return [total];
  return [
    { key: inLang(ctx, '罚款', 'Fine'), value: yuan(due.amountFen - due.surchargeFen) },
    {
      key: inLang(ctx, '加处罚款', 'Late-payment surcharge'),
      value: inLang(
        ctx,
        `${yuan(due.surchargeFen)}（${due.dueOn ? `缴款期限 ${due.dueOn}，` : ''}逾期 ${due.overdueDays} 日，每日 3%，不超过罚款数额）`,
        `${yuan(due.surchargeFen)} (${due.dueOn ? `due by ${due.dueOn}, ` : ''}${due.overdueDays} days late, 3% a day, never more than the fine)`,
      ),
    },
    { ...total, key: inLang(ctx, '应缴合计', 'Total to pay') },
  ];
}

/**
 * One fee: what it is for, its state, and the way to pay it. A live order is offered as a link to the
 * gateway's checkout; without one, a button makes a new order (a form post, so no page can make one for him).
 */
export function detailPage({
  ctx,
  payable,
  due,
  orders,
  live,
  flash,
  receipt,
  now,
}: {
  ctx: PageContext;
  payable: PayableRow;
  due: AmountDue;
  orders: OrderRow[];
  live: OrderRow | undefined;
  now: Date;
  flash?: string | undefined;
  receipt?: ReceiptRow | undefined;
}) {
  const title = say(ctx, payable.description);
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href="/my/payments" lang={ctx.lang} />
      <Flash text={flash} />
      <h1>{title}</h1>
      <SummaryList
        rows={[
          ...surchargeRows(ctx, due),
          { key: inLang(ctx, '状态', 'Status'), value: <StatusTag ctx={ctx} status={payable.status} /> },
          {
            key: inLang(ctx, '缴费事由', 'For'),
            value:
              payable.kind === 'case-fee' ? (
                inLang(ctx, `办件 ${payable.reference}`, `Case ${payable.reference}`)
              ) : (
                <a href={`/my/traffic/violations/${payable.reference}`}>
                  {inLang(ctx, '交通违法', 'Traffic violation')}
                </a>
              ),
          },
          ...(payable.settledAt
            ? [
                {
                  key: inLang(ctx, '缴费时间', 'Paid on'),
                  value: formatDateTime(ctx.lang, payable.settledAt),
                },
              ]
            : []),
        ]}
      />
      {receipt ? (
        <p>
          <a href={`/my/payments/${payable.id}/receipt`} download>
            {inLang(
              ctx,
              `下载缴费凭证（${receipt.receiptNo}，PDF）`,
              `Download the receipt (${receipt.receiptNo}, PDF)`,
            )}
          </a>
        </p>
      ) : null}
      {payable.status === 'refunded' ? (
        <InsetText>
          {inLang(
            ctx,
            '该笔费用已原路退回您的支付账户，到账时间以支付平台为准。',
            'This fee has been refunded to the account you paid from; when it arrives depends on the payment platform.',
          )}
        </InsetText>
      ) : null}
      {payable.status === 'due' && live?.payUrl ? (
        <>
          <p>
            {inLang(
              ctx,
              `支付订单 ${live.orderNo} 已生成，请在 ${formatDateTime(ctx.lang, live.expiresAt)} 前完成支付。`,
              `Order ${live.orderNo} is ready; pay it before ${formatDateTime(ctx.lang, live.expiresAt)}.`,
            )}
          </p>
          <Button href={live.payUrl}>{inLang(ctx, '前往收银台支付', 'Go to the checkout and pay')}</Button>
        </>
      ) : null}
      {payable.status === 'due' && !live?.payUrl ? (
        <Form action={`/my/payments/${payable.id}/pay`} csrfToken={ctx.csrfToken ?? ''}>
          <p>
            {inLang(
              ctx,
              '支付由第三方支付平台完成，本站不收集您的银行卡信息。',
              'The payment is made on the payment platform’s own page; this site never sees your card.',
            )}
          </p>
          <Button>{inLang(ctx, `缴费 ${yuan(due.amountFen)}`, `Pay ${yuan(due.amountFen)}`)}</Button>
        </Form>
      ) : null}
      {orders.length > 0 ? (
        <Table
          caption={inLang(ctx, '支付记录', 'Payment attempts')}
          head={[inLang(ctx, '订单号', 'Order'), inLang(ctx, '时间', 'Made'), inLang(ctx, '状态', 'Status')]}
          rows={orders.map((o) => [
            o.orderNo,
            formatDateTime(ctx.lang, o.createdAt),
            // A pending order past its time can no longer be paid at the gateway: it is shown as what it is.
            o.status === 'pending' && o.orderNo !== live?.orderNo && o.expiresAt <= now
              ? say(ctx, expiredOrderWords)
              : say(ctx, orderStatusWords[o.status]),
          ])}
        />
      ) : null}
    </Layout>,
  );
}

/** The public check of a receipt by its code: what was paid and whether it still stands; no personal data. */
export function verifyPage({
  ctx,
  code,
  found,
}: {
  ctx: PageContext;
  code: string;
  found: { receipt: ReceiptRow; status: PayableRow['status'] } | undefined;
}) {
  const title = inLang(ctx, '缴费凭证核验', 'Check a payment receipt');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {found ? (
        <>
          <p role="status">
            {inLang(
              ctx,
              `核验码 ${code} 对应的缴费凭证真实有效。`,
              `The receipt with code ${code} is genuine.`,
            )}
          </p>
          <SummaryList
            rows={[
              { key: inLang(ctx, '凭证号', 'Receipt'), value: found.receipt.receiptNo },
              { key: inLang(ctx, '缴费项目', 'Fee'), value: say(ctx, found.receipt.description) },
              { key: inLang(ctx, '金额', 'Amount'), value: yuan(found.receipt.amountFen) },
              { key: inLang(ctx, '收款单位', 'Paid to'), value: found.receipt.payeeUnit },
              {
                key: inLang(ctx, '缴费时间', 'Paid on'),
                value: formatDateTime(ctx.lang, found.receipt.paidAt),
              },
              { key: inLang(ctx, '状态', 'Status'), value: <StatusTag ctx={ctx} status={found.status} /> },
            ]}
          />
        </>
      ) : (
        <InsetText>
          {inLang(
            ctx,
            `没有核验码为 ${code} 的缴费凭证。请核对凭证上的核验码。`,
            `No receipt has the code ${code}. Check the code printed on the receipt.`,
          )}
        </InsetText>
      )}
    </Layout>,
  );
}
