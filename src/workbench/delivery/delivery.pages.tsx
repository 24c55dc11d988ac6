import type { Child } from 'hono/jsx';
import { deliveryStatusLabels, type DeliveryStatus } from '../../shared/delivery/delivery.status.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { BackLink, SummaryList } from '../../shared/ui/components.tsx';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { Button, Form } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { DeliveryEventRow, DeliveryRow } from './delivery.repository.ts';
import type { DeliveryAction } from './delivery.service.ts';
import type { DeliveryParty } from './delivery.tables.ts';

const statusText = (ctx: PageContext, status: DeliveryStatus | 'requested') =>
  status === 'requested'
    ? inLang(ctx, '已交寄，等待快递单号', 'Sent out; waiting for the waybill')
    : deliveryStatusLabels[status][ctx.lang];

/** A phone as the case page shows it: the middle hidden (the printout, audited, shows it whole). */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '*'.repeat(phone.length);
}

/** The case page's delivery panel: where the result stands, and what the officer may do about it. */
export function DeliveryPanel(p: {
  ctx: PageContext;
  caseNumber: string;
  delivery: DeliveryRow | undefined;
  recipient: DeliveryParty | undefined;
  actions: DeliveryAction[];
}): Child {
  const { ctx, delivery } = p;
  if (!delivery && p.actions.length === 0) return null;
  const base = `/cases/${p.caseNumber}`;
  return (
    <section aria-labelledby="delivery-heading">
      <h2 id="delivery-heading">{inLang(ctx, '结果送达', 'Delivery of the result')}</h2>
      {delivery ? (
        <SummaryList
          rows={[
            { key: inLang(ctx, '状态', 'Status'), value: statusText(ctx, delivery.status) },
            ...(delivery.waybillNo
              ? [{ key: inLang(ctx, '运单号', 'Waybill'), value: delivery.waybillNo }]
              : []),
            ...(p.recipient
              ? [
                  {
                    key: inLang(ctx, '收件人', 'Recipient'),
                    value: `${p.recipient.name} ${maskPhone(p.recipient.phone)}`,
                  },
                ]
              : []),
          ]}
        />
      ) : null}
      {delivery?.waybillNo ? (
        <p>
          <a href={`${base}/waybill`}>{inLang(ctx, '打印运单', 'Print the waybill')}</a>
        </p>
      ) : null}
      {p.actions.map((action) => (
        <Form action={`${base}/delivery`} csrfToken={ctx.csrfToken ?? ''}>
          <input type="hidden" name="action" value={action} />
          <Button variant={action === 'cancel' ? 'secondary' : 'primary'}>
            {action === 'create'
              ? inLang(ctx, '寄送办理结果', 'Send the result by courier')
              : inLang(ctx, '取消运单', 'Cancel the waybill')}
          </Button>
        </Form>
      ))}
    </section>
  );
}

/** The delivery steps as rows of the case's history. */
export function deliveryHistory(ctx: PageContext, events: DeliveryEventRow[]) {
  return events.map((e) => ({
    at: e.occurredAt.toISOString(),
    step: `${inLang(ctx, '快递：', 'Courier: ')}${deliveryStatusLabels[e.status][ctx.lang]}`,
    by: e.waybillNo ?? '',
    note: e.note,
  }));
}

/** The waybill to print and put with the result: number, both parties in full, and when it was made. */
export function waybillPage(p: {
  ctx: PageContext;
  caseNumber: string;
  delivery: DeliveryRow;
  recipient: DeliveryParty | undefined;
}): string {
  const { ctx, delivery } = p;
  const party = (who: DeliveryParty | null | undefined) =>
    who ? `${who.name}，${who.phone}，${who.address}` : '';
  const title = `${inLang(ctx, '运单', 'Waybill')} ${delivery.waybillNo ?? ''}`;
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href={`/cases/${p.caseNumber}`}>{inLang(ctx, '返回案件', 'Back to the case')}</BackLink>
      <h1>{title}</h1>
      <SummaryList
        rows={[
          { key: inLang(ctx, '运单号', 'Waybill number'), value: delivery.waybillNo ?? '' },
          { key: inLang(ctx, '案件编号', 'Case number'), value: p.caseNumber },
          { key: inLang(ctx, '寄件人', 'Sender'), value: party(delivery.sender) },
          { key: inLang(ctx, '收件人', 'Recipient'), value: party(p.recipient) },
          { key: inLang(ctx, '状态', 'Status'), value: statusText(ctx, delivery.status) },
          { key: inLang(ctx, '交寄时间', 'Sent out'), value: formatDateTime(ctx.lang, delivery.requestedAt) },
        ]}
      />
      <p class="muted">
        {inLang(
          ctx,
          '用浏览器的打印功能（Ctrl+P）打印本页，随办理结果一并装袋。',
          'Print this page with the browser (Ctrl+P) and put it in the envelope with the result.',
        )}
      </p>
    </Layout>,
  );
}
