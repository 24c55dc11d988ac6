import { EstimatedDueNote } from '../../shared/ui/estimated-due.tsx';
import { raw } from 'hono/html';
import type { Label } from '../../shared/catalog/index.ts';
import { BackLink, Notice, Table, Tag } from '../../shared/ui/components.tsx';
import { LangContext, type PageContext, inLang } from '../../shared/ui/context.ts';
import {
  Button,
  ErrorSummary,
  fieldId,
  Form,
  TextArea,
  TextField,
  type FieldError,
} from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderFragment, renderPage } from '../../shared/ui/render.ts';
import type { ItemView } from './supervision.presenter.ts';
import type { ListFilter } from './supervision.sources.ts';
import type { Figures, Line, UnitView } from './supervision.view.ts';

// The supervision pages: one unit's figures (every number a link to the list it counts) and the list itself
// (every row a link to the case), with the urging form beneath the list for those who may urge.

const word = (ctx: PageContext, label: Label) => (ctx.lang === 'en' ? label.en : label.zh);

export interface ListQueryValues {
  tone?: string | undefined;
  service?: string | undefined;
  step?: string | undefined;
  officer?: string | undefined;
}

export function listHref(unit: string, q: ListQueryValues & { page?: number }): string {
  const params = new URLSearchParams();
  for (const key of ['tone', 'service', 'step', 'officer'] as const) {
    const value = q[key];
    if (value) params.set(key, value);
  }
  if (q.page && q.page > 1) params.set('page', String(q.page));
  const query = params.toString();
  return `/supervision/units/${encodeURIComponent(unit)}/cases${query ? `?${query}` : ''}`;
}

/** A count as a link to the list it counts; zero is plain text, there is nothing to open. */
function Count({ n, href }: { n: number; href: string }) {
  return n === 0 ? <span>0</span> : <a href={href}>{String(n)}</a>;
}

function figureCells(unit: string, figures: Figures, q: ListQueryValues) {
  return [
    <Count n={figures.open} href={listHref(unit, { ...q, tone: 'open' })} />,
    <Count n={figures.amber} href={listHref(unit, { ...q, tone: 'amber' })} />,
    <Count n={figures.red} href={listHref(unit, { ...q, tone: 'red' })} />,
  ];
}

const figureHead = (ctx: PageContext) => [
  inLang(ctx, '在办', 'In hand'),
  inLang(ctx, '即将到期', 'Due soon'),
  inLang(ctx, '已超期', 'Overdue'),
];

function Breakdown(p: {
  ctx: PageContext;
  caption: string;
  first: string;
  unit: string;
  lines: readonly Line[];
  filter: (key: string) => ListQueryValues;
}) {
  // An empty breakdown says so, as the other empty lists do, rather than showing its headings alone.
  if (p.lines.length === 0)
    return (
      <div class="table-scroll">
        <p class="table-caption">{p.caption}</p>
        <p>{inLang(p.ctx, '暂无在办的案件和来信。', 'No cases or letters in hand.')}</p>
      </div>
    );
  return (
    <Table
      caption={p.caption}
      head={[p.first, ...figureHead(p.ctx)]}
      rows={p.lines.map((l) => [word(p.ctx, l.label), ...figureCells(p.unit, l, p.filter(l.key))])}
      rowHeaders
      numeric={[1, 2, 3]}
    />
  );
}

const unitTitle = (ctx: PageContext, view: UnitView) =>
  inLang(ctx, `一键督办：${view.unit.name}`, `Supervision: ${view.unit.nameEn ?? view.unit.name}`);

/**
 * The figures of the unit's page, everything below the way back up: the same for every officer who reaches
 * the same units, so the route keeps it rendered per version of the tallies (supervision.cache.ts).
 */
export function unitFigures(p: { ctx: PageContext; view: UnitView }): string {
  const { ctx, view } = p;
  const code = view.unit.code;
  const title = unitTitle(ctx, view);
  // Rendered apart from the layout, so the language its components read is provided here as the layout does.
  return renderFragment(
    <LangContext.Provider value={ctx.lang}>
      <h1>{title}</h1>
      <p>
        {inLang(
          ctx,
          '即将到期：本环节时限的最后三分之一；已超期：已过本环节时限。点击数字查看对应的案件和来信。',
          'Due soon: the last third of the step’s time; overdue: past it. Select a number to see those cases and letters.',
        )}
      </p>
      <Table
        caption={inLang(ctx, '本单位及下级单位', 'This unit and the units below it')}
        head={[inLang(ctx, '单位', 'Unit'), ...figureHead(ctx)]}
        rows={[
          [<strong>{inLang(ctx, '合计', 'Total')}</strong>, ...figureCells(code, view.total, {})],
          [inLang(ctx, '本单位直接办理', 'Handled by this unit itself'), ...figureCells(code, view.own, {})],
          ...view.children.map((c) => [
            <a href={`/supervision/units/${encodeURIComponent(c.key)}`}>{word(ctx, c.label)}</a>,
            ...figureCells(c.key, c, {}),
          ]),
        ]}
        rowHeaders
        numeric={[1, 2, 3]}
      />
      <Breakdown
        ctx={ctx}
        caption={inLang(ctx, '按事项', 'By service')}
        first={inLang(ctx, '事项', 'Service')}
        unit={code}
        lines={view.byService}
        filter={(key) => ({ service: key })}
      />
      <Breakdown
        ctx={ctx}
        caption={inLang(ctx, '按环节', 'By step')}
        first={inLang(ctx, '环节', 'Step')}
        unit={code}
        lines={view.byStep}
        filter={(key) => ({ step: key })}
      />
      <Breakdown
        ctx={ctx}
        caption={inLang(ctx, '按民警', 'By officer')}
        first={inLang(ctx, '民警（警号）', 'Officer (badge)')}
        unit={code}
        lines={view.byOfficer}
        filter={(key) => ({ officer: key || '-' })}
      />
      {view.otherOfficers ? (
        <p>
          {inLang(
            ctx,
            `另有 ${String(view.otherOfficers.officers)} 名民警：在办 ${String(view.otherOfficers.open)}，即将到期 ${String(view.otherOfficers.amber)}，已超期 ${String(view.otherOfficers.red)}。打开下级单位可查看其民警。`,
            `${String(view.otherOfficers.officers)} more officers: ${String(view.otherOfficers.open)} in hand, ${String(view.otherOfficers.amber)} due soon, ${String(view.otherOfficers.red)} overdue. Open a unit below to see its officers.`,
          )}
        </p>
      ) : null}
    </LangContext.Provider>,
  );
}

export function unitPage(p: {
  ctx: PageContext;
  view: UnitView;
  parent: string | null;
  /** The figures as unitFigures renders them, when kept. */
  figures?: string;
}): string {
  const { ctx, view } = p;
  return renderPage(
    <Layout ctx={ctx} title={unitTitle(ctx, view)}>
      {p.parent ? (
        <BackLink href={`/supervision/units/${encodeURIComponent(p.parent)}`}>
          {inLang(ctx, '上一级单位', 'Unit above')}
        </BackLink>
      ) : null}
      {raw(p.figures ?? unitFigures({ ctx, view }))}
    </Layout>,
  );
}

const toneWords: Record<string, Label> = {
  green: { zh: '正常', en: 'On time' },
  amber: { zh: '即将到期', en: 'Due soon' },
  red: { zh: '已超期', en: 'Overdue' },
};

export function listPage(p: {
  ctx: PageContext;
  unit: { code: string; name: Label };
  query: ListQueryValues;
  filter: Omit<ListFilter, 'units'>;
  items: readonly ItemView[];
  page: number;
  hasNext: boolean;
  mayUrge: boolean;
  /** Whether a due date was counted on Monday to Friday only (see estimated-due.tsx). */
  estimated?: (dueOn: string | null) => boolean;
  flash?: string | undefined;
  errors?: FieldError[];
  values?: Record<string, string>;
}): string {
  const { ctx } = p;
  const errors = p.errors ?? [];
  const values = p.values ?? {};
  const error = (f: string) => errors.find((e) => e.field === f)?.message;
  const title = inLang(ctx, `督办清单：${p.unit.name.zh}`, `Supervision list: ${p.unit.name.en}`);
  const chosen = new Set((values.cases ?? '').split(',').filter(Boolean));
  // The first tick box carries the field's id, so the error summary's link for `cases` lands on it.
  const boxId = (index: number, ref: string) => (index === 0 ? fieldId('cases') : `urge-${ref}`);
  const rows = p.items.map((i, index) => [
    <a href={i.href}>{i.ref}</a>,
    word(ctx, i.serviceName),
    word(ctx, i.stepName),
    i.dueOn && i.tone ? (
      <span>
        {i.dueOn} <Tag tone={i.tone}>{word(ctx, toneWords[i.tone]!)}</Tag>
        {p.estimated?.(i.dueOn) ? <EstimatedDueNote ctx={ctx} /> : null}
      </span>
    ) : (
      inLang(ctx, '无时限', 'No limit running')
    ),
    i.officer ?? inLang(ctx, '未认领', 'Unclaimed'),
    ...(p.mayUrge
      ? [
          <span class="choice">
            <input
              class="choice-input"
              type="checkbox"
              name="cases"
              value={i.ref}
              id={boxId(index, i.ref)}
              checked={chosen.has(i.ref)}
            />
            <label class="choice-label" for={boxId(index, i.ref)}>
              <span class="visually-hidden">{inLang(ctx, `催办 ${i.ref}`, `Urge ${i.ref}`)}</span>
            </label>
          </span>,
        ]
      : []),
  ]);
  const table = (
    <Table
      caption={title}
      head={[
        inLang(ctx, '案件或来信编号', 'Case or letter number'),
        inLang(ctx, '事项', 'Service'),
        inLang(ctx, '环节', 'Step'),
        inLang(ctx, '本环节时限', 'Due'),
        inLang(ctx, '认领人', 'Claimed by'),
        ...(p.mayUrge ? [inLang(ctx, '选择', 'Choose')] : []),
      ]}
      rows={rows}
      rowHeaders
      stackOnNarrow
    />
  );
  const hidden = Object.entries(p.query).filter(([, v]) => v) as [string, string][];
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href={`/supervision/units/${encodeURIComponent(p.unit.code)}`}>
        {inLang(ctx, '返回督办概况', 'Back to the figures')}
      </BackLink>
      <ErrorSummary errors={errors} />
      {p.flash ? <Notice>{p.flash}</Notice> : null}
      <h1>{title}</h1>
      {p.items.length === 0 ? (
        <p>{inLang(ctx, '没有符合条件的案件或来信。', 'No cases or letters match.')}</p>
      ) : p.mayUrge ? (
        <Form
          action={`/supervision/units/${encodeURIComponent(p.unit.code)}/urge`}
          csrfToken={ctx.csrfToken ?? ''}
        >
          {hidden.map(([k, v]) => (
            <input type="hidden" name={k} value={v} />
          ))}
          {table}
          <h2>{inLang(ctx, '发出催办单', 'Send an urging notice')}</h2>
          <TextArea
            name="message"
            label={inLang(ctx, '催办事由', 'What the urging is about')}
            value={values.message ?? ''}
            error={error('message')}
          />
          <TextField
            name="replyDays"
            label={inLang(ctx, '答复时限（工作日）', 'Reply within (working days)')}
            hint={inLang(
              ctx,
              '1 至 10 个工作日，节假日不计。',
              '1 to 10 working days; holidays do not count.',
            )}
            value={values.replyDays ?? '2'}
            width={2}
            error={error('replyDays')}
          />
          {error('cases') ? <p class="error-message">{error('cases')}</p> : null}
          <Button name="all" value="">
            {inLang(ctx, '催办所选案件和来信', 'Urge the chosen cases and letters')}
          </Button>{' '}
          <Button name="all" value="1" variant="secondary">
            {inLang(ctx, '催办清单中全部案件和来信', 'Urge everything in this list')}
          </Button>
        </Form>
      ) : (
        table
      )}
      <nav class="pagination" aria-label={inLang(ctx, '分页', 'Pages')}>
        <ul>
          {p.page > 1 ? (
            <li class="pagination-prev">
              <a href={listHref(p.unit.code, { ...p.query, page: p.page - 1 })} rel="prev">
                {inLang(ctx, '上一页', 'Previous')}
              </a>
            </li>
          ) : null}
          {p.hasNext ? (
            <li class="pagination-next">
              <a href={listHref(p.unit.code, { ...p.query, page: p.page + 1 })} rel="next">
                {inLang(ctx, '下一页', 'Next')}
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
    </Layout>,
  );
}
