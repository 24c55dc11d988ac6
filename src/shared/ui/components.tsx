import { langOf } from './as-written.tsx';
import type { Child } from 'hono/jsx';
import { t, type Lang } from '../i18n/index.ts';
import { useLang } from './context.ts';
import { cx } from './forms.tsx';
import { Icon, type IconName } from './icons.tsx';

/** Text for screen readers only, e.g. the context after a "修改" link. */
export function VisuallyHidden({ children }: { children?: Child }) {
  return <span class="visually-hidden">{children}</span>;
}

/** A link back to the previous step. Its target is a real URL, so it works without history or JS. */
export function BackLink({ href, children, lang }: { href: string; children?: Child; lang?: Lang }) {
  return (
    <a class="back-link" href={href}>
      <Icon name="chevronLeft" />
      {children ?? t(useLang(lang), 'form.back')}
    </a>
  );
}

/** One row of a check-your-answers list. */
export interface SummaryRow {
  key: string;
  value?: Child;
  /** Where "修改" goes; the link's hidden text names the row for screen readers. */
  changeHref?: string;
}

function isEmpty(value: Child | undefined): boolean {
  return value === undefined || value === null || value === false || value === '';
}

/** Question/answer pairs with "修改" links (GOV.UK summary list); empty answers read "未填写". */
export function SummaryList({ rows, lang }: { rows: readonly SummaryRow[]; lang?: Lang }) {
  const l = useLang(lang);
  return (
    <dl class="summary-list">
      {rows.map((row) => (
        <div class="summary-row">
          <dt class="summary-key">{row.key}</dt>
          {/* A value written in Chinese (a name, an address) is marked as such on an English page. */}
          <dd class="summary-value" lang={typeof row.value === 'string' ? langOf(l, row.value) : undefined}>
            {isEmpty(row.value) ? <span class="muted">{t(l, 'cya.notProvided')}</span> : row.value}
          </dd>
          {row.changeHref ? (
            <dd class="summary-actions">
              <a href={row.changeHref}>
                {t(l, 'cya.change')}
                <span class="visually-hidden"> {row.key}</span>
              </a>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

/** The confirmation panel: the page's `<h1>` and the reference number. */
export function Panel({
  title,
  reference,
  children,
  lang,
}: {
  title: Child;
  reference: string;
  children?: Child;
  lang?: Lang;
}) {
  return (
    <div class="panel">
      <h1 class="panel-title">{title}</h1>
      <div class="panel-body">
        {t(useLang(lang), 'confirm.reference')}
        <br />
        <strong class="reference">{reference}</strong>
        {children}
      </div>
    </div>
  );
}

/** Warning text: something the user must not miss (legal consequence, deadline). */
export function Notice({ children, lang }: { children?: Child; lang?: Lang }) {
  return (
    <div class="notice">
      <span class="notice-icon" aria-hidden="true">
        !
      </span>
      <strong class="notice-text">
        <span class="visually-hidden">{t(useLang(lang), 'form.warning')}</span>
        {children}
      </strong>
    </div>
  );
}

/** Indented text set apart from the content around it (a quote, an example, a side note). */
export function InsetText({ children }: { children?: Child }) {
  return <div class="inset-text">{children}</div>;
}

/** Status colours; the text inside always states the status too, colour is never the only cue. */
export type TagTone = 'green' | 'amber' | 'red' | 'blue' | 'grey';

/** A short status label such as 已受理 or 已超期. */
export function Tag({ tone = 'blue', children }: { tone?: TagTone; children?: Child }) {
  return <strong class={`tag tag--${tone}`}>{children}</strong>;
}

/** Props of `Table`. */
export interface TableProps {
  /** Also names the scroll region, so it is required. */
  caption: string;
  head: readonly Child[];
  rows: readonly (readonly Child[])[];
  /** Makes each row's first cell a row header. */
  rowHeaders?: boolean;
  /** Indexes of columns with numbers, right-aligned. */
  numeric?: readonly number[];
  /**
   * On a narrow screen, shows each row as a card of labelled fields instead of a table to scroll sideways
   * (the column heads must then be text: each cell is labelled with its column's head).
   */
  stackOnNarrow?: boolean;
}

/**
 * A data table inside a focusable, named scroll region, so wide tables scroll
 * on a phone instead of widening the page, and keyboard users can scroll them.
 */
export function Table({
  caption,
  head,
  rows,
  rowHeaders = false,
  numeric = [],
  stackOnNarrow = false,
}: TableProps) {
  const l = useLang(undefined);
  const num = (i: number) => (numeric.includes(i) ? 'cell--numeric' : undefined);
  // A cell written in Chinese (a name, a unit) is marked as such on an English page.
  const langOfCell = (cell: unknown) => (typeof cell === 'string' ? langOf(l, cell) : undefined);
  const labelOf = (i: number) => {
    const h = head[i];
    return stackOnNarrow && typeof h === 'string' ? h : undefined;
  };
  return (
    <div class="table-scroll" role="region" aria-label={caption} tabindex={0}>
      <table class={stackOnNarrow ? 'table table--stack' : 'table'}>
        <caption class="table-caption">{caption}</caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th scope="col" class={num(i)}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {row.map((cell, i) =>
                i === 0 && rowHeaders ? (
                  <th scope="row" lang={langOfCell(cell)}>
                    {cell}
                  </th>
                ) : (
                  <td class={num(i)} data-label={labelOf(i)} lang={langOfCell(cell)}>
                    {/* One box beside the label, however many pieces the cell holds. */}
                    {stackOnNarrow ? <div>{cell}</div> : cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function pageWindow(page: number, count: number): (number | null)[] {
  const wanted = new Set([1, count, page - 1, page, page + 1].filter((n) => n >= 1 && n <= count));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of sorted) {
    const prev = out[out.length - 1];
    if (typeof prev === 'number' && n - prev > 1) out.push(null);
    out.push(n);
  }
  return out;
}

/** Previous / numbered / next links. Renders nothing for a single page. */
export function Pagination({
  page,
  pageCount,
  href,
  lang,
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
  lang?: Lang;
}) {
  const l = useLang(lang);
  if (pageCount <= 1) return null;
  return (
    <nav class="pagination" aria-label={t(l, 'pagination.label')}>
      <ul>
        {page > 1 ? (
          <li class="pagination-prev">
            <a href={href(page - 1)} rel="prev">
              <Icon name="chevronLeft" />
              {t(l, 'pagination.prev')}
            </a>
          </li>
        ) : null}
        {pageWindow(page, pageCount).map((n) =>
          n === null ? (
            <li class="pagination-gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li>
              <a
                href={href(n)}
                aria-label={t(l, 'pagination.page', { page: n })}
                aria-current={n === page ? 'page' : undefined}
              >
                {n}
              </a>
            </li>
          ),
        )}
        {page < pageCount ? (
          <li class="pagination-next">
            <a href={href(page + 1)} rel="next">
              {t(l, 'pagination.next')}
              <Icon name="chevronRight" />
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** One entry on the home page's card grid. */
export interface CardItem {
  href: string;
  title: string;
  description?: Child;
  icon?: IconName;
}

/** Large linked cards, e.g. the portal's four columns. The whole card is the link target. */
export function CardGrid({ items, headingLevel = 2 }: { items: readonly CardItem[]; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="card-grid">
      {items.map((c) => (
        <li class="card">
          {c.icon ? <Icon name={c.icon} class="card-icon" /> : null}
          <H class="card-title">
            <a class="card-link" href={c.href}>
              {c.title}
            </a>
          </H>
          {c.description ? <p class="card-desc">{c.description}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/** One line of the workbench to-do list. */
export interface TodoItem {
  href: string;
  title: string;
  count?: number;
  meta?: Child;
  tag?: { tone: TagTone; text: string };
}

/** The workbench dashboard list: what needs doing, with counts and deadline status. */
export function TodoList({ items }: { items: readonly TodoItem[] }) {
  return (
    <ul class="todo-list">
      {items.map((item) => (
        <li class={cx('todo-item', item.tag && `todo-item--${item.tag.tone}`)}>
          <a class="todo-link" href={item.href}>
            {item.title}
          </a>
          {item.count !== undefined ? <span class="todo-count">{item.count}</span> : null}
          {item.tag ? <Tag tone={item.tag.tone}>{item.tag.text}</Tag> : null}
          {item.meta ? <p class="todo-meta">{item.meta}</p> : null}
        </li>
      ))}
    </ul>
  );
}
