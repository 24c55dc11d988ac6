import { sectionNames } from '../../shared/content/content.columns.ts';
import { formatDate } from '../../shared/i18n/index.ts';
import { BackLink, Pagination, Table } from '../../shared/ui/components.tsx';
import type { PageContext } from '../../shared/ui/context.ts';
import { Button, Form, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { shownText } from '../content/content.pages.tsx';
import type { ArticleSummary } from '../content/content.service.ts';
import { approvalText, approvalWords as w, decisionWords } from './approval-results.messages.ts';
import type { ApprovalResultRow } from './approval-results.tables.ts';

// 警务公开 › 审批结果公示: the published results as a table (cards on a phone), a search by company, pages, and
// the column's periodic notices below. Company and unit names are registered in Chinese, so on English pages
// they keep lang="zh-CN" for screen readers; the item shows its English name where it has one.

export interface ApprovalResultsView {
  rows: readonly ApprovalResultRow[];
  total: number;
  page: number;
  pageCount: number;
  company: string;
  notices: readonly ArticleSummary[];
}

export const APPROVAL_RESULTS_PATH = '/disclosure/approval-results';

function hrefOf(company: string, page: number): string {
  const query = new URLSearchParams();
  if (company) query.set('company', company);
  if (page > 1) query.set('page', String(page));
  const qs = query.toString();
  return qs ? `${APPROVAL_RESULTS_PATH}?${qs}` : APPROVAL_RESULTS_PATH;
}

function ResultsTable({ ctx, rows }: { ctx: PageContext; rows: readonly ApprovalResultRow[] }) {
  const l = ctx.lang;
  const zh = (text: string) => (l === 'en' ? <span lang="zh-CN">{text}</span> : text);
  return (
    <Table
      caption={w.title[l]}
      stackOnNarrow
      head={[w.company[l], w.creditCode[l], w.item[l], w.decision[l], w.date[l], w.unit[l]]}
      rows={rows.map((r) => [
        zh(r.companyName),
        <span class="nowrap">{r.creditCode}</span>,
        l === 'en' && r.itemNameEn ? r.itemNameEn : zh(r.itemName),
        <span class="nowrap">{decisionWords[r.decision][l]}</span>,
        <time class="nowrap" datetime={r.decidedOn}>
          {formatDate(l, new Date(`${r.decidedOn}T00:00:00+08:00`))}
        </time>,
        l === 'en' && r.unitNameEn ? r.unitNameEn : zh(r.unitName),
      ])}
    />
  );
}

export function approvalResultsPage(ctx: PageContext, view: ApprovalResultsView): string {
  const l = ctx.lang;
  const title = w.title[l];
  const counted = view.total === 1 ? w.foundOne[l] : approvalText(l, 'found', { n: view.total });
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href="/disclosure">{sectionNames.disclosure[l]}</BackLink>
      <h1>{title}</h1>
      <p>{w.intro[l]}</p>
      {w.companyLang[l] ? <p class="hint">{w.companyLang[l]}</p> : null}
      <Form method="get" action={APPROVAL_RESULTS_PATH} class="search-form">
        <TextField name="company" type="search" label={w.search[l]} value={view.company} />
        <Button>{w.searchButton[l]}</Button>
      </Form>
      {view.rows.length > 0 ? (
        <>
          <p role="status">{counted}</p>
          <ResultsTable ctx={ctx} rows={view.rows} />
        </>
      ) : (
        <p role="status">{view.company ? w.noneFound[l] : w.none[l]}</p>
      )}
      <Pagination
        page={view.page}
        pageCount={view.pageCount}
        href={(n) => hrefOf(view.company, n)}
        lang={l}
      />
      {view.notices.length > 0 ? (
        <section aria-labelledby="approval-notices">
          <h2 id="approval-notices">{w.notices[l]}</h2>
          <ul class="article-list">
            {view.notices.map((a) => {
              const shown = shownText(ctx, a);
              return (
                <li>
                  <a href={`/articles/${a.id}`} lang={shown.lang}>
                    {shown.title}
                  </a>
                  {shown.chineseOnly ? <span class="hint"> (in Chinese only)</span> : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </Layout>,
  );
}
