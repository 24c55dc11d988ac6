import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { Radios } from '../../shared/ui/choices.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Notice, Table, Tag } from '../../shared/ui/components.tsx';
import { Button, ErrorSummary, Form, TextArea, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { Flash } from '../exchange-monitor/exchange-monitor.pages.tsx';
import type { ScheduleListItem, YearStatus } from './holidays.service.ts';
import { WithChineseMarked } from '../../shared/ui/as-written.tsx';

// 节假日安排: which years the working-day calendar knows, the schedules waiting for a second administrator, and
// the form to enter a year a line a day.

export interface PendingView {
  row: ScheduleListItem;
  text: string;
  /** The viewer entered it: he may not decide on it. */
  own: boolean;
}

function coverageTag(ctx: PageContext, y: YearStatus) {
  switch (y.coverage) {
    case 'package':
      return <Tag tone="green">{inLang(ctx, '软件包数据', 'Package data')}</Tag>;
    case 'overrides':
      return (
        <Tag tone="green">
          {inLang(
            ctx,
            `已批准的安排（${String(y.approvedDays ?? 0)}天）`,
            `Approved schedule (${String(y.approvedDays ?? 0)} days)`,
          )}
        </Tag>
      );
    // The tag stays short: on a phone a long one runs out of its card (tags do not wrap).
    case 'none':
      return (
        <>
          <Tag tone="red">{inLang(ctx, '未覆盖', 'Not covered')}</Tag>{' '}
          <span class="muted">{inLang(ctx, '按周一至周五推算', 'Monday to Friday assumed')}</span>
        </>
      );
  }
}

function stateTag(ctx: PageContext, state: string) {
  switch (state) {
    case 'pending':
      return <Tag tone="amber">{inLang(ctx, '待审核', 'Awaiting approval')}</Tag>;
    case 'approved':
      return <Tag tone="green">{inLang(ctx, '已生效', 'In force')}</Tag>;
    case 'rejected':
      return <Tag tone="grey">{inLang(ctx, '已驳回', 'Rejected')}</Tag>;
    default:
      return <Tag tone="grey">{inLang(ctx, '已被更正取代', 'Superseded')}</Tag>;
  }
}

export function holidaysPage(p: {
  ctx: PageContext;
  years: readonly YearStatus[];
  schedules: readonly ScheduleListItem[];
  pending: readonly PendingView[];
  needed: number | undefined;
  flash?: string | undefined;
  values?: Record<string, string> | undefined;
  errors?: FieldError[] | undefined;
}): string {
  const { ctx } = p;
  const title = inLang(ctx, '节假日安排', 'Holiday schedule');
  const errors = p.errors ?? [];
  const dayErrors = errors.filter((e) => e.field === 'days').map((e) => e.message);
  // The year that needs a schedule may already have one awaiting approval: then the warning says so, and the
  // form does not offer that year again (a second pending schedule for it would be refused).
  const neededPending =
    p.needed !== undefined && p.pending.some((v) => v.row.year === p.needed && v.row.state === 'pending');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <Flash text={p.flash} />
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      {p.needed !== undefined && neededPending ? (
        <Notice>
          {inLang(
            ctx,
            `${String(p.needed)}年的安排已录入，正等待另一位管理员审核；批准前，跨入该年的办理时限仍按周一至周五推算。`,
            `The ${String(p.needed)} schedule has been entered and awaits another administrator's approval; until then, deadlines reaching into that year are still counted on Monday to Friday.`,
          )}
        </Notice>
      ) : p.needed !== undefined ? (
        <Notice>
          {inLang(
            ctx,
            `${String(p.needed)}年既无软件包数据，也无已批准的节假日安排：跨入该年的办理时限目前按周一至周五推算。国务院办公厅公布安排后，请在下方录入并请另一位管理员审核。`,
            `${String(p.needed)} has neither package data nor an approved holiday schedule: deadlines reaching into it are counted on Monday to Friday. When the State Council General Office publishes the schedule, enter it below and ask another administrator to approve it.`,
          )}
        </Notice>
      ) : null}
      <p>
        {inLang(
          ctx,
          '办理时限、答复期限、窗口开放日和预约日都按工作日计算。所录安排须经另一位管理员批准才生效，生效后同步到门户。',
          'Statutory deadlines, reply periods, counter days and booking days are counted in working days. A schedule takes effect only when another administrator approves it, and then reaches the portal too.',
        )}
      </p>
      <Table
        caption={inLang(ctx, '各年份的数据来源', 'Where each year comes from')}
        stackOnNarrow
        head={[inLang(ctx, '年份', 'Year'), inLang(ctx, '数据来源', 'Source')]}
        rows={p.years.map((y) => [String(y.year), coverageTag(ctx, y)])}
      />
      {p.pending.map((v) => (
        <section>
          <h2>
            {inLang(
              ctx,
              `${String(v.row.year)}年安排待审核`,
              `${String(v.row.year)} schedule awaiting approval`,
            )}
          </h2>
          <p>
            {inLang(
              ctx,
              `依据：${v.row.source}。录入：${v.row.enteredBy}，${formatDateTime(ctx.lang, v.row.enteredAt)}；共${String(v.row.dayCount)}天。`,
              `Source: ${v.row.source}. Entered by ${v.row.enteredBy}, ${formatDateTime(ctx.lang, v.row.enteredAt)}; ${String(v.row.dayCount)} days.`,
            )}
          </p>
          <pre class="schedule-lines" lang="zh-CN">
            {v.text}
          </pre>
          {v.own ? (
            <p>
              {inLang(
                ctx,
                '这是您录入的安排，须由另一位管理员核对原文后批准。',
                'You entered this schedule; another administrator must check it against the notice and approve it.',
              )}
            </p>
          ) : (
            <Form action={`/holidays/${v.row.id}/decision`} csrfToken={ctx.csrfToken ?? ''}>
              <Radios
                name="decision"
                legend={inLang(ctx, '核对原文后的决定', 'Your decision, after checking the notice')}
                items={[
                  { value: 'approve', label: inLang(ctx, '批准，立即生效', 'Approve: it takes effect now') },
                  { value: 'reject', label: inLang(ctx, '驳回', 'Reject') },
                ]}
              />
              <TextField name="note" label={inLang(ctx, '意见（可选）', 'Note (optional)')} />
              <Button>{inLang(ctx, '提交决定', 'Record the decision')}</Button>
            </Form>
          )}
        </section>
      ))}
      <h2>{inLang(ctx, '录入一年的安排', "Enter a year's schedule")}</h2>
      <Form action="/holidays" csrfToken={ctx.csrfToken ?? ''}>
        <TextField
          name="year"
          label={inLang(ctx, '年份', 'Year')}
          inputmode="numeric"
          width={4}
          value={p.values?.year ?? (neededPending ? '' : String(p.needed ?? ''))}
          error={errorFor(errors, 'year')}
        />
        <TextField
          name="source"
          label={inLang(ctx, '依据', 'Source')}
          hint={inLang(
            ctx,
            '国务院办公厅通知的标题或文号',
            "The State Council General Office notice's title or number",
          )}
          value={p.values?.source ?? ''}
          error={errorFor(errors, 'source')}
        />
        <TextArea
          name="days"
          rows={14}
          label={inLang(ctx, '放假和调休上班日，每行一天', 'Days off and make-up working days, one a line')}
          hint={
            <WithChineseMarked
              lang={ctx.lang}
              text={inLang(
                ctx,
                '格式：日期 休/班 名称，例如“YYYY-01-01 休 元旦”“YYYY-02-07 班 春节调休”。放假期间的每一天（含周末）都写“休”；调休上班的周末写“班”。以 # 开头的行不计。',
                'As: date 休/班 name, e.g. "YYYY-01-01 休 元旦", "YYYY-02-07 班 春节调休". Write 休 (rest) for every day of a holiday, weekends included, and 班 (work) for a weekend worked in exchange. Lines starting with # are skipped.',
              )}
            />
          }
          value={p.values?.days ?? ''}
          error={dayErrors.length ? dayErrors.join(inLang(ctx, '；', '; ')) : undefined}
        />
        <Button>{inLang(ctx, '提交审核', 'Submit for approval')}</Button>
      </Form>
      <h2>{inLang(ctx, '录入记录', 'Schedules entered')}</h2>
      {p.schedules.length === 0 ? (
        <p>{inLang(ctx, '尚未录入任何安排。', 'No schedule has been entered yet.')}</p>
      ) : (
        <Table
          caption={inLang(ctx, '每份安排的录入、审核和状态', 'Each schedule: entered, decided, status')}
          stackOnNarrow
          head={[
            inLang(ctx, '年份', 'Year'),
            inLang(ctx, '天数', 'Days'),
            inLang(ctx, '录入', 'Entered'),
            inLang(ctx, '审核', 'Decided'),
            inLang(ctx, '状态', 'Status'),
          ]}
          rows={p.schedules.map((s) => [
            String(s.year),
            String(s.dayCount),
            `${s.enteredBy} ${formatDateTime(ctx.lang, s.enteredAt)}`,
            s.decidedBy && s.decidedAt ? `${s.decidedBy} ${formatDateTime(ctx.lang, s.decidedAt)}` : '—',
            stateTag(ctx, s.state),
          ])}
        />
      )}
    </Layout>,
  );
}
