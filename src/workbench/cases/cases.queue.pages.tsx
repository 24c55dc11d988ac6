import { EstimatedDueNote } from '../../shared/ui/estimated-due.tsx';
import { Select } from '../../shared/ui/choices.tsx';
import { Table, Tag } from '../../shared/ui/components.tsx';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { Button, Form, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { stateLabel, type QueueItemView } from './cases.presenter.ts';
import { Due, word } from './cases.page-parts.tsx';

const field = (name: string) => (ctx: PageContext) => inLang(ctx, ...names[name]!);
const names: Record<string, [string, string]> = {
  state: ['状态', 'State'],
  claim: ['认领', 'Claimed'],
  overdue: ['时限', 'Time limit'],
};

export function queuePage(p: {
  ctx: PageContext;
  counts: Record<string, number>;
  cases: QueueItemView[];
  first: boolean;
  next: string | null;
  /** Whether a due date was counted on Monday to Friday only (see estimated-due.tsx). */
  estimated?: (dueOn: string | null) => boolean;
  query: {
    state?: string | undefined;
    service?: string | undefined;
    claim?: string | undefined;
    overdue?: string | undefined;
    idNumber?: string | undefined;
  };
}): string {
  const { ctx } = p;
  const title = inLang(ctx, '待办案件', 'Case queue');
  const states = Object.keys(p.counts).sort();
  // The filters stay on every page; the counts above the list are the whole queue's, whatever the page.
  const link = (after: string | undefined) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(p.query)) if (v && k !== 'after') q.set(k, v);
    if (after) q.set('after', after);
    return `/cases?${q.toString()}`;
  };
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <Table
        caption={inLang(ctx, '各状态案件数', 'Cases by state')}
        head={[inLang(ctx, '状态', 'State'), inLang(ctx, '件数', 'Cases')]}
        rows={states.map((s) => [
          <a href={`/cases?state=${encodeURIComponent(s)}`}>{word(ctx, stateLabel(s))}</a>,
          String(p.counts[s]),
        ])}
        numeric={[1]}
      />
      <Form method="get" action="/cases">
        <Select
          name="state"
          label={field('state')(ctx)}
          value={p.query.state ?? ''}
          options={[
            { value: '', label: inLang(ctx, '全部', 'All') },
            ...states.map((s) => ({ value: s, label: word(ctx, stateLabel(s)) })),
          ]}
        />
        <Select
          name="claim"
          label={field('claim')(ctx)}
          value={p.query.claim ?? ''}
          options={[
            { value: '', label: inLang(ctx, '全部', 'All') },
            { value: 'mine', label: inLang(ctx, '我认领的', 'Claimed by me') },
            { value: 'unclaimed', label: inLang(ctx, '未认领', 'Unclaimed') },
          ]}
        />
        <Select
          name="overdue"
          label={field('overdue')(ctx)}
          value={p.query.overdue ?? ''}
          options={[
            { value: '', label: inLang(ctx, '全部', 'All') },
            { value: '1', label: inLang(ctx, '已超期', 'Overdue') },
          ]}
        />
        <TextField
          name="idNumber"
          label={inLang(ctx, '申请人身份证号', 'Applicant’s ID number')}
          optional
          width={20}
          value={p.query.idNumber ?? ''}
        />
        <Button variant="secondary">{inLang(ctx, '筛选', 'Filter')}</Button>
      </Form>
      {p.cases.length === 0 ? (
        <p>{inLang(ctx, '没有符合条件的案件。', 'No cases match.')}</p>
      ) : (
        <Table
          caption={title}
          head={[
            inLang(ctx, '案件编号', 'Case number'),
            inLang(ctx, '事项', 'Service'),
            inLang(ctx, '申请人', 'Applicant'),
            inLang(ctx, '状态', 'State'),
            inLang(ctx, '本环节时限', 'Due'),
            inLang(ctx, '认领人', 'Claimed by'),
          ]}
          rows={p.cases.map((c) => [
            <a href={`/cases/${c.caseNumber}`}>{c.caseNumber}</a>,
            ctx.lang === 'en' ? c.service.nameEn : c.service.name,
            c.company ? `${c.company}${inLang(ctx, `（${c.applicant}）`, ` (${c.applicant})`)}` : c.applicant,
            c.feeDue ? (
              <span>
                {word(ctx, c.stateName)} <Tag tone="amber">{inLang(ctx, '待缴费', 'Fee due')}</Tag>
              </span>
            ) : (
              word(ctx, c.stateName)
            ),
            <span>
              <Due ctx={ctx} due={c.stateDueOn} tone={c.tone} />
              {c.tone && p.estimated?.(c.stateDueOn) ? <EstimatedDueNote ctx={ctx} /> : null}
            </span>,
            c.claimedBy ?? inLang(ctx, '未认领', 'Unclaimed'),
          ])}
          rowHeaders
        />
      )}
      <nav class="pagination" aria-label={inLang(ctx, '分页', 'Pages')}>
        <ul>
          {!p.first ? (
            <li class="pagination-prev">
              <a href={link(undefined)} rel="first">
                {inLang(ctx, '回到第一页', 'Back to the first page')}
              </a>
            </li>
          ) : null}
          {p.next ? (
            <li class="pagination-next">
              <a href={link(p.next)} rel="next">
                {inLang(ctx, '下一页', 'Next')}
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
    </Layout>,
  );
}
