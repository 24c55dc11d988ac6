import type { Child } from 'hono/jsx';
import { EstimatedDueNote } from '../../shared/ui/estimated-due.tsx';
import { BadReviewsSection } from '../ratings/ratings.inspection.tsx';
import type { BadReviewView } from '../ratings/ratings.presenter.ts';
import type { Label } from '../../shared/catalog/index.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { BackLink, Notice, SummaryList, Table, Tag } from '../../shared/ui/components.tsx';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { Button, DateField, ErrorSummary, Form, TextArea, type FieldError } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { roleLabel, isRole } from '../staff/roles.ts';
import type { UrgingView } from './supervision.presenter.ts';

// The urged unit's pages (the urgings sent to it, one urging with its answer form) and discipline
// inspection's read-only view.

const word = (ctx: PageContext, label: Label) => (ctx.lang === 'en' ? label.en : label.zh);
const toneOf = (state: string) => (state === 'answered' ? 'green' : state === 'escalated' ? 'red' : 'amber');

function StateTag({ ctx, u }: { ctx: PageContext; u: UrgingView }) {
  return <Tag tone={toneOf(u.state)}>{word(ctx, u.stateName)}</Tag>;
}

/** Whether a due date was counted on Monday to Friday only (see estimated-due.tsx). */
type Estimated = (dueOn: string | null) => boolean;

function ReplyBy({
  ctx,
  u,
  estimated,
}: {
  ctx: PageContext;
  u: UrgingView;
  estimated?: Estimated | undefined;
}) {
  if (!u.replyDueOn) return <>—</>;
  return (
    <>
      {u.replyDueOn}
      {u.state !== 'answered' && estimated?.(u.replyDueOn) ? <EstimatedDueNote ctx={ctx} /> : null}
    </>
  );
}

/** Discipline inspection reads the urgings here and opens nothing: its rows name the case without a link. */
function urgingRows(
  ctx: PageContext,
  list: readonly UrgingView[],
  link = true,
  estimated?: Estimated,
  unit: (code: string) => Child = (code) => code,
) {
  return list.map((u) => [
    link ? <a href={`/urgings/${u.id}`}>{u.itemRef}</a> : u.itemRef,
    unit(u.fromUnitCode),
    <ReplyBy ctx={ctx} u={u} estimated={estimated} />,
    String(u.round),
    <StateTag ctx={ctx} u={u} />,
  ]);
}

const urgingHead = (ctx: PageContext) => [
  inLang(ctx, '催办的案件', 'Case urged'),
  inLang(ctx, '催办单位', 'Urged by'),
  inLang(ctx, '答复期限', 'Reply by'),
  inLang(ctx, '第几次催办', 'Urging no.'),
  inLang(ctx, '状态', 'State'),
];

export function urgingsPage(p: {
  ctx: PageContext;
  urgings: readonly UrgingView[];
  estimated?: Estimated;
}): string {
  const { ctx } = p;
  const title = inLang(ctx, '催办单', 'Urging notices');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {p.urgings.length === 0 ? (
        <p>
          {inLang(ctx, '没有发给您所在单位的催办单。', 'No urging notices have been sent to your units.')}
        </p>
      ) : (
        <Table
          caption={title}
          head={urgingHead(ctx)}
          rows={urgingRows(ctx, p.urgings, true, p.estimated)}
          rowHeaders
          stackOnNarrow
        />
      )}
    </Layout>,
  );
}

export function urgingPage(p: {
  ctx: PageContext;
  urging: UrgingView;
  mayAnswer: boolean;
  estimated?: Estimated;
  flash?: string | undefined;
  errors?: FieldError[];
  values?: Record<string, string>;
}): string {
  const { ctx, urging: u } = p;
  const errors = p.errors ?? [];
  const error = (f: string) => errors.find((e) => e.field === f)?.message;
  const title = inLang(ctx, `催办单：${u.itemRef}`, `Urging notice: ${u.itemRef}`);
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href="/urgings">{inLang(ctx, '全部催办单', 'All urging notices')}</BackLink>
      <ErrorSummary errors={errors} />
      {p.flash ? <Notice>{p.flash}</Notice> : null}
      <h1>{title}</h1>
      <SummaryList
        rows={[
          { key: inLang(ctx, '状态', 'State'), value: <StateTag ctx={ctx} u={u} /> },
          { key: inLang(ctx, '案件', 'Case'), value: <a href={u.itemHref}>{u.itemRef}</a> },
          { key: inLang(ctx, '催办单位', 'Urged by'), value: `${u.fromUnitCode}（${u.sentBy}）` },
          { key: inLang(ctx, '催办时间', 'Sent'), value: formatDateTime(ctx.lang, u.sentAt) },
          { key: inLang(ctx, '催办事由', 'About'), value: u.message },
          { key: inLang(ctx, '第几次催办', 'Urging no.'), value: String(u.round) },
          {
            key: inLang(ctx, '答复期限', 'Reply by'),
            value: <ReplyBy ctx={ctx} u={u} estimated={p.estimated} />,
          },
          ...(u.answer
            ? [
                { key: inLang(ctx, '答复原因', 'Reason given'), value: u.answer.reason },
                { key: inLang(ctx, '承诺办结日期', 'Promised by'), value: u.answer.promisedOn },
                {
                  key: inLang(ctx, '答复人', 'Answered by'),
                  value: `${u.answer.by}，${formatDateTime(ctx.lang, u.answer.at)}`,
                },
              ]
            : []),
          ...u.escalations.map((e) => ({
            key: inLang(ctx, '已升级至', 'Escalated to'),
            value: `${e.toUnitCode} · ${isRole(e.toRole) ? roleLabel(e.toRole, ctx.lang) : e.toRole}（${formatDateTime(ctx.lang, e.at)}）`,
          })),
        ]}
      />
      {p.mayAnswer && u.state !== 'answered' ? (
        <Form action={`/urgings/${u.id}/answer`} csrfToken={ctx.csrfToken ?? ''}>
          <h2>{inLang(ctx, '答复催办', 'Answer the urging')}</h2>
          <TextArea
            name="reason"
            label={inLang(ctx, '未按时办理的原因', 'Why the work is late')}
            value={p.values?.reason ?? ''}
            error={error('reason')}
          />
          <DateField
            name="promisedOn"
            label={inLang(ctx, '承诺办结日期', 'Promised completion date')}
            hint={inLang(ctx, '格式：2026-12-31', 'For example 2026-12-31')}
            value={p.values?.promisedOn ?? ''}
            width={10}
            error={error('promisedOn')}
          />
          <Button>{inLang(ctx, '提交答复', 'Send the answer')}</Button>
        </Form>
      ) : null}
    </Layout>,
  );
}

export interface InspectionView {
  escalated: readonly UrgingView[];
  repeated: readonly { itemRef: string; unitCode: string; urgings: number; lastSentAt: string }[];
  badReviews: readonly BadReviewView[];
  /** The names of the units the lists mention, by code. */
  unitNames: Readonly<Record<string, Label>>;
}

/** A unit as a reader knows it: its name, with its code beside it (the code alone if the name is unknown). */
export function UnitName({
  ctx,
  code,
  names,
}: {
  ctx: PageContext;
  code: string;
  names: InspectionView['unitNames'];
}) {
  const name = names[code];
  if (!name) return <>{code}</>;
  return (
    <>
      {word(ctx, name)} <span class="hint nowrap">{code}</span>
    </>
  );
}

export function inspectionPage(p: { ctx: PageContext; view: InspectionView }): string {
  const { ctx, view } = p;
  const title = inLang(ctx, '纪检督察：超期与催办', 'Discipline inspection: late and urged work');
  const unit = (code: string) => <UnitName ctx={ctx} code={code} names={view.unitNames} />;
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        {inLang(
          ctx,
          '本页只读，每次查看均记入审计日志。',
          'This page is read-only; every reading is recorded in the audit log.',
        )}
      </p>
      <h2>{inLang(ctx, '升级到纪检的催办', 'Urgings escalated to discipline inspection')}</h2>
      {view.escalated.length === 0 ? (
        <p>{inLang(ctx, '暂无。', 'None.')}</p>
      ) : (
        <Table
          caption={inLang(ctx, '升级到纪检的催办', 'Urgings escalated to discipline inspection')}
          head={[...urgingHead(ctx), inLang(ctx, '答复', 'Answer')]}
          stackOnNarrow
          rows={view.escalated.map((u) => [
            ...urgingRows(ctx, [u], false, undefined, unit)[0]!,
            u.answer ? `${u.answer.reason}（${u.answer.promisedOn}）` : inLang(ctx, '未答复', 'Not answered'),
          ])}
          rowHeaders
        />
      )}
      <h2>{inLang(ctx, '被多次催办的案件', 'Cases urged more than once')}</h2>
      {view.repeated.length === 0 ? (
        <p>{inLang(ctx, '暂无。', 'None.')}</p>
      ) : (
        <Table
          caption={inLang(ctx, '被多次催办的案件', 'Cases urged more than once')}
          head={[
            inLang(ctx, '案件', 'Case'),
            inLang(ctx, '办理单位', 'Handling unit'),
            inLang(ctx, '催办次数', 'Urgings'),
            inLang(ctx, '最近催办', 'Last urged'),
          ]}
          rows={view.repeated.map((r) => [
            r.itemRef,
            unit(r.unitCode),
            String(r.urgings),
            formatDateTime(ctx.lang, r.lastSentAt),
          ])}
          rowHeaders
          numeric={[2]}
          stackOnNarrow
        />
      )}
      <BadReviewsSection ctx={ctx} list={view.badReviews} unit={unit} />
    </Layout>,
  );
}
