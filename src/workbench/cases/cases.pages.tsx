import type { Child } from 'hono/jsx';
import type { SummarySection } from '../../shared/application-forms/index.ts';
import { BackLink, Notice, SummaryList, Table } from '../../shared/ui/components.tsx';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextField, type FieldError } from '../../shared/ui/forms.tsx';
import { EstimatedDueNote } from '../../shared/ui/estimated-due.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { ActionForm } from './cases.action-form.tsx';
import { historyLabels } from './cases.messages.ts';
import type { CaseView } from './cases.presenter.ts';
import type { CaseAction } from './cases.workflows.ts';
import { actorWords, Due, word } from './cases.page-parts.tsx';

function answerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value))
    return value
      .map((v) =>
        v && typeof v === 'object' && 'name' in v && 'size' in v
          ? String((v as { name: string }).name)
          : answerText(v),
      )
      .join('；');
  if (value && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${answerText(v)}`)
      .join('，');
  return '';
}

export function casePage(p: {
  ctx: PageContext;
  view: CaseView;
  claimable: boolean;
  mayAssign: boolean;
  /** The answers in words, section by section, when the form version is held. */
  summary?: SummarySection[] | undefined;
  flash: string | undefined;
  errors: FieldError[];
  values: Record<string, string>;
  /** The delivery of the result: its panel, and its steps merged into the history. */
  delivery?: { panel: Child; history: { at: string; step: string; by: string; note: string }[] };
  /** The case's fee, or the form to assess one (case-fees.pages.tsx). */
  fee?: Child;
}): string {
  const { ctx, view } = p;
  const history = [
    ...view.history.map((h) => ({
      at: h.at,
      step: historyLabels[h.action] ? word(ctx, historyLabels[h.action]!) : h.action,
      by: actorWords[h.actor]
        ? word(ctx, actorWords[h.actor]!)
        : h.unitCode
          ? `${h.actor}${inLang(ctx, `（${h.unitCode}）`, ` (${h.unitCode})`)}`
          : h.actor,
      note: [
        h.reason ?? '',
        h.legalBasis ?? '',
        ...h.missing.map((m) => `${m.name}${inLang(ctx, '：', ': ')}${m.problem}`),
      ]
        .filter(Boolean)
        .join(inLang(ctx, '；', '; ')),
    })),
    ...(p.delivery?.history ?? []),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const title = `${inLang(ctx, '案件', 'Case')} ${view.caseNumber}`;
  const a = view.applicantDetails;
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={p.errors.length > 0}>
      <BackLink href="/cases">{inLang(ctx, '返回待办案件', 'Back to the queue')}</BackLink>
      <ErrorSummary errors={p.errors} />
      {p.flash ? <Notice>{p.flash}</Notice> : null}
      <h1>{title}</h1>
      <SummaryList
        rows={[
          {
            key: inLang(ctx, '事项', 'Service'),
            value: ctx.lang === 'en' ? view.service.nameEn : view.service.name,
          },
          { key: inLang(ctx, '状态', 'State'), value: word(ctx, view.stateName) },
          {
            key: inLang(ctx, '本环节时限', 'Due'),
            value: (
              <>
                <Due ctx={ctx} due={view.stateDueOn} tone={view.tone} />
                {view.tone && view.estimated.stateDueOn ? <EstimatedDueNote ctx={ctx} /> : null}
              </>
            ),
          },
          {
            key: inLang(ctx, '办结时限', 'Overall time limit'),
            value: view.dueOn ? (
              <>
                {view.dueOn}
                {view.estimated.dueOn ? <EstimatedDueNote ctx={ctx} /> : null}
              </>
            ) : (
              <span class="muted">{inLang(ctx, '无时限', 'No limit running')}</span>
            ),
          },
          { key: inLang(ctx, '申请人', 'Applicant'), value: a.name },
          { key: inLang(ctx, '身份证号', 'ID number'), value: a.idNumber },
          { key: inLang(ctx, '手机号', 'Mobile'), value: a.mobile },
          ...(view.company ? [{ key: inLang(ctx, '单位', 'Company'), value: view.company }] : []),
          {
            key: inLang(ctx, '认领人', 'Claimed by'),
            value: view.claimedBy ?? inLang(ctx, '未认领', 'Unclaimed'),
          },
        ]}
      />
      {p.claimable ? (
        <Form action={`/cases/${view.caseNumber}/claim`} csrfToken={ctx.csrfToken ?? ''}>
          <Button>{inLang(ctx, '认领办理', 'Claim this case')}</Button>
        </Form>
      ) : null}
      {view.claimedBy !== null && view.actions.length > 0 ? (
        <Form action={`/cases/${view.caseNumber}/release`} csrfToken={ctx.csrfToken ?? ''}>
          <Button variant="secondary">{inLang(ctx, '退回待认领', 'Give back to the queue')}</Button>
        </Form>
      ) : null}
      {view.actions.map((action) => (
        <ActionForm ctx={ctx} view={view} action={action as CaseAction} errors={p.errors} values={p.values} />
      ))}
      {p.fee ?? null}
      {p.mayAssign ? (
        <Form action={`/cases/${view.caseNumber}/assign`} csrfToken={ctx.csrfToken ?? ''}>
          <TextField
            name="badgeNo"
            label={inLang(
              ctx,
              '转办给（警号，留空则退回待认领）',
              'Reassign to (badge number; empty returns it to the queue)',
            )}
            value={p.values.badgeNo ?? ''}
            error={p.errors.find((e) => e.field === 'badgeNo')?.message}
          />
          <Button variant="secondary">{inLang(ctx, '转办', 'Reassign')}</Button>
        </Form>
      ) : null}
      {p.delivery?.panel ?? null}
      <h2>{inLang(ctx, '申请内容', 'Answers')}</h2>
      {p.summary ? (
        p.summary.map((section) => (
          <>
            <h3>{section.title}</h3>
            <SummaryList
              rows={section.rows.map((r) => ({ key: r.label, value: r.value.join(inLang(ctx, '；', '; ')) }))}
            />
          </>
        ))
      ) : (
        <SummaryList
          rows={Object.entries(view.answers).map(([key, value]) => ({
            key: view.questions[key] ? word(ctx, view.questions[key]) : key,
            value: answerText(value),
          }))}
        />
      )}
      <h2>{inLang(ctx, '申请材料', 'Files')}</h2>
      {view.files.length === 0 ? (
        <p>{inLang(ctx, '没有上传的材料。', 'No files were uploaded.')}</p>
      ) : (
        <ul>
          {view.files.map((f) =>
            f.received ? (
              <li>
                <a href={`/cases/${view.caseNumber}/files/${f.attachmentId}`}>{f.name ?? f.attachmentId}</a>
              </li>
            ) : (
              <li>
                {f.name ?? f.attachmentId}{' '}
                <span class="muted">{inLang(ctx, '（尚未送达）', '(not yet arrived)')}</span>
              </li>
            ),
          )}
        </ul>
      )}
      <Table
        caption={inLang(ctx, '办理记录', 'History')}
        head={[
          inLang(ctx, '时间', 'When'),
          inLang(ctx, '环节', 'Step'),
          inLang(ctx, '办理人', 'By'),
          inLang(ctx, '说明', 'Reasons'),
        ]}
        rows={history.map((h) => [formatDateTime(ctx.lang, h.at), h.step, h.by, h.note])}
      />
    </Layout>,
  );
}
