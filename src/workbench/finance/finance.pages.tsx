import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { Select } from '../../shared/ui/choices.tsx';
import { BackLink, SummaryList, Table, Tag } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, DateField, ErrorSummary, Form, TextArea, type FieldError } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { FlashBanner } from '../../shared/ui/notification-banner.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { kindWords, resolutionWords, stateWords, typeWords, word, yuan } from './finance.messages.ts';
import type { IncomeLine } from './finance.repository.ts';
import type { DayDetail } from './finance.service.ts';
import type { DayRow, DifferenceRow, Totals } from './finance.tables.ts';
import { resolutions } from './finance.workflow.ts';
import { IncomeTable } from './finance.income-table.tsx';

// 对账: the reconciled days, one day's totals on both sides with every difference and the fee income by
// department, and one difference with the form that resolves it.

type Day = Awaited<ReturnType<typeof import('./finance.repository.ts').recentDays>>[number];

interface FormState {
  values?: Record<string, string> | undefined;
  errors?: FieldError[] | undefined;
  flash?: string | undefined;
}

export function daysPage(p: FormState & { ctx: PageContext; days: Day[] | null; mayRequest: boolean }) {
  const { ctx } = p;
  const errors = p.errors ?? [];
  const title = inLang(ctx, '支付对账', 'Payment reconciliation');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <FlashBanner text={p.flash} lang={ctx.lang} />
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <h1>{title}</h1>
      <p>
        <a href="/finance/income">{inLang(ctx, '各部门收费收入', 'Fee income by department')}</a>
      </p>
      {p.days === null ? (
        <p>
          {inLang(
            ctx,
            '对账由市局财务人员办理；您可以查看所辖部门的收费收入。',
            "Reconciliation is the city bureau's finance officers' work; you may read the fee income of your departments.",
          )}
        </p>
      ) : p.days.length === 0 ? (
        <p>{inLang(ctx, '还没有对账记录。', 'No day has been reconciled yet.')}</p>
      ) : (
        <Table
          caption={inLang(ctx, '对账日', 'Reconciled days')}
          head={[
            inLang(ctx, '日期', 'Day'),
            inLang(ctx, '本方收款', 'Paid here'),
            inLang(ctx, '银行收款', 'Paid at the gateway'),
            inLang(ctx, '差异', 'Differences'),
            inLang(ctx, '待处理', 'Open'),
          ]}
          numeric={[1, 2, 3, 4]}
          rows={p.days.map((d) => [
            <a href={`/finance/reconciliation/${d.day}`}>{d.day}</a>,
            yuan(d.here.paymentFen),
            yuan(d.there.paymentFen),
            String(d.total),
            d.open > 0 ? <Tag tone="red">{String(d.open)}</Tag> : '0',
          ])}
        />
      )}
      {p.mayRequest ? (
        <Form action="/finance/reconciliation/request" csrfToken={ctx.csrfToken ?? ''}>
          <h2>{inLang(ctx, '重新对账', 'Reconcile a day now')}</h2>
          <DateField
            name="day"
            label={inLang(ctx, '对账日期', 'Day')}
            hint={inLang(
              ctx,
              '系统每天凌晨自动核对前一天；如银行更正了对账单，可在此重新核对。',
              'Each night the day before is reconciled; after a correction by the gateway, ask again here.',
            )}
            value={p.values?.day}
            error={errorFor(errors, 'day')}
          />
          <Button variant="secondary">{inLang(ctx, '发起对账', 'Reconcile')}</Button>
        </Form>
      ) : null}
    </Layout>,
  );
}

function totalsRow(side: string, t: Totals) {
  return [
    side,
    String(t.payments),
    yuan(t.paymentFen),
    String(t.refunds),
    yuan(t.refundFen),
    yuan(t.paymentFen - t.refundFen),
  ];
}

function Resolved({ ctx, d }: { ctx: PageContext; d: DifferenceRow }) {
  if (d.state !== 'resolved') return <Tag tone="red">{word(ctx.lang, stateWords, d.state)}</Tag>;
  return (
    <span>
      <Tag tone="green">{word(ctx.lang, resolutionWords, d.resolution ?? '')}</Tag> {d.resolvedBy}
      {d.resolvedAt ? ` · ${formatDateTime(ctx.lang, d.resolvedAt)}` : ''}
      <br />
      {d.reason}
    </span>
  );
}

export function dayPage(p: { ctx: PageContext; detail: DayDetail; flash?: string | undefined }) {
  const { ctx, detail } = p;
  const { day } = detail;
  const title = inLang(ctx, `${day.day} 对账`, `Reconciliation of ${day.day}`);
  const stale = (d: DifferenceRow) => d.lastSeenAt.getTime() < day.computedAt.getTime();
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href="/finance/reconciliation" lang={ctx.lang} />
      <FlashBanner text={p.flash} lang={ctx.lang} />
      <h1>{title}</h1>
      <p class="hint">
        {inLang(ctx, '计算时间：', 'Computed: ')}
        {formatDateTime(ctx.lang, day.computedAt)}
        {day.requestedBy
          ? inLang(ctx, `（${day.requestedBy} 发起重新对账）`, ` (asked again by ${day.requestedBy})`)
          : ''}
      </p>
      <Table
        caption={inLang(ctx, '双方合计', 'Totals on both sides')}
        head={[
          inLang(ctx, '账方', 'Side'),
          inLang(ctx, '收款笔数', 'Payments'),
          inLang(ctx, '收款金额', 'Paid'),
          inLang(ctx, '退款笔数', 'Refunds'),
          inLang(ctx, '退款金额', 'Refunded'),
          inLang(ctx, '净额', 'Net'),
        ]}
        numeric={[1, 2, 3, 4, 5]}
        rows={[
          totalsRow(inLang(ctx, '本方', 'Here'), day.here),
          totalsRow(inLang(ctx, '银行对账单', "Gateway's file"), day.there),
        ]}
      />
      <h2>{inLang(ctx, '差异', 'Differences')}</h2>
      {day.omitted > 0 ? (
        <p>
          <Tag tone="red">
            {inLang(
              ctx,
              `另有 ${String(day.omitted)} 条差异未列出，请联系银行核查`,
              `${String(day.omitted)} more differences not listed: ask the gateway`,
            )}
          </Tag>
        </p>
      ) : null}
      {detail.differences.length === 0 ? (
        <p>{inLang(ctx, '双方一致，没有差异。', 'Both sides agree: no differences.')}</p>
      ) : (
        <Table
          caption={inLang(ctx, '差异明细', 'Every difference')}
          stackOnNarrow
          head={[
            inLang(ctx, '类型', 'Kind'),
            inLang(ctx, '单号', 'Reference'),
            inLang(ctx, '本方', 'Here'),
            inLang(ctx, '银行', 'Gateway'),
            inLang(ctx, '处理', 'Resolution'),
          ]}
          rows={detail.differences.map((d) => [
            <span>
              {word(ctx.lang, kindWords, d.kind)}（{word(ctx.lang, typeWords, d.type)}）
              {stale(d) ? (
                <>
                  <br />
                  <small>{inLang(ctx, '最近一次对账已不再出现', 'Not found by the latest run')}</small>
                </>
              ) : null}
            </span>,
            <a href={`/finance/reconciliation/${day.day}/differences/${d.id}`}>{d.reference}</a>,
            yuan(d.hereFen),
            yuan(d.thereFen),
            <Resolved ctx={ctx} d={d} />,
          ])}
        />
      )}
      <h2>{inLang(ctx, '当日收费收入（按收款部门）', "The day's fee income by department")}</h2>
      <IncomeTable ctx={ctx} lines={detail.income} />
    </Layout>,
  );
}

export function differencePage(
  p: FormState & { ctx: PageContext; day: DayRow; difference: DifferenceRow; mayResolve: boolean },
) {
  const { ctx, difference: d } = p;
  const errors = p.errors ?? [];
  const title = inLang(ctx, `对账差异 ${d.reference}`, `Difference ${d.reference}`);
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <BackLink href={`/finance/reconciliation/${p.day.day}`} lang={ctx.lang} />
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <h1>{title}</h1>
      <SummaryList
        lang={ctx.lang}
        rows={[
          { key: inLang(ctx, '对账日', 'Day'), value: p.day.day },
          { key: inLang(ctx, '类型', 'Kind'), value: word(ctx.lang, kindWords, d.kind) },
          { key: inLang(ctx, '业务', 'Line'), value: word(ctx.lang, typeWords, d.type) },
          { key: inLang(ctx, '本方金额', 'Here'), value: yuan(d.hereFen) },
          { key: inLang(ctx, '银行金额', 'Gateway'), value: yuan(d.thereFen) },
          { key: inLang(ctx, '状态', 'State'), value: <Resolved ctx={ctx} d={d} /> },
          ...(d.state === 'open' && d.dueOn
            ? [{ key: inLang(ctx, '处理期限', 'Resolve by'), value: d.dueOn }]
            : []),
        ]}
      />
      {d.state === 'open' && p.mayResolve ? (
        <Form
          action={`/finance/reconciliation/${p.day.day}/differences/${d.id}/resolve`}
          csrfToken={ctx.csrfToken ?? ''}
        >
          <Select
            name="resolution"
            label={inLang(ctx, '处理结果', 'Resolution')}
            placeholder
            options={resolutions.map((r) => ({ value: r, label: word(ctx.lang, resolutionWords, r) }))}
            value={p.values?.resolution}
            error={errorFor(errors, 'resolution')}
          />
          <TextArea
            name="reason"
            label={inLang(ctx, '处理理由', 'Reason')}
            hint={inLang(ctx, '将记入审计日志', 'Kept in the audit log')}
            rows={3}
            value={p.values?.reason}
            error={errorFor(errors, 'reason')}
          />
          <Button>{inLang(ctx, '确认处理', 'Resolve')}</Button>
        </Form>
      ) : null}
    </Layout>,
  );
}

export function incomePage(p: { ctx: PageContext; day: string; lines: IncomeLine[]; errors?: FieldError[] }) {
  const { ctx } = p;
  const title = inLang(ctx, '收费收入', 'Fee income');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href="/finance/reconciliation" lang={ctx.lang} />
      <h1>{title}</h1>
      <form method="get" action="/finance/income" class="filter-form">
        <DateField name="day" label={inLang(ctx, '日期', 'Day')} value={p.day} />
        <Button variant="secondary">{inLang(ctx, '查看', 'Show')}</Button>
      </form>
      <h2>{inLang(ctx, `${p.day} 各部门收入`, `Income by department on ${p.day}`)}</h2>
      <IncomeTable ctx={ctx} lines={p.lines} />
    </Layout>,
  );
}
