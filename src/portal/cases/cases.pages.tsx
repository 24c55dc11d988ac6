import type { Child } from 'hono/jsx';
import { displayDate } from '../../shared/application-forms/index.ts';
import { FlashBanner as Flash } from '../../shared/ui/notification-banner.tsx';
import { formatDateTime } from '../../shared/i18n/index.ts';
import {
  BackLink,
  InsetText,
  Pagination,
  SummaryList,
  Table,
  Tag,
  VisuallyHidden,
} from '../../shared/ui/components.tsx';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { EstimatedDueNote } from '../../shared/ui/estimated-due.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { UnitName } from '../../shared/ui/unit-name.tsx';
import { AsWritten, langOf } from '../../shared/ui/as-written.tsx';
import { documentKindWords, statusWords, stepWords } from './cases.messages.ts';
import type { CaseFilter } from './cases.repository.ts';
import type { DetailView, ListView } from './cases.service.ts';

type Words = { zh: string; en: string };
const say = (ctx: PageContext, words: Words) => words[ctx.lang];

export function Stylesheet() {
  return <link rel="stylesheet" href="/my/cases.css" />;
}

export function StatusTag({ ctx, status }: { ctx: PageContext; status: keyof typeof statusWords }) {
  const words = statusWords[status];
  return <Tag tone={words.tone}>{say(ctx, words)}</Tag>;
}

/** The due date and the working days left, or how far past it the case is. */
export function DueText({
  ctx,
  dueOn,
  daysLeft,
  estimated = false,
}: {
  ctx: PageContext;
  dueOn: string | null;
  daysLeft: number | null;
  /** Counted on Monday to Friday only: the year's holiday schedule is not entered yet. */
  estimated?: boolean;
}) {
  if (!dueOn || daysLeft === null) return <span>—</span>;
  const days = Math.abs(daysLeft);
  const unit = days === 1 ? 'working day' : 'working days';
  const left =
    daysLeft >= 0
      ? inLang(ctx, `剩余 ${days} 个工作日`, `${days} ${unit} left`)
      : inLang(ctx, `已超期 ${days} 个工作日`, `${days} ${unit} overdue`);
  return (
    <span>
      {displayDate(dueOn, ctx.lang)}
      {inLang(ctx, `（${left}）`, ` (${left})`)}
      {estimated ? <EstimatedDueNote ctx={ctx} /> : null}
    </span>
  );
}

/** The account page's way in to 我的办件 and the messages, with how many are unread. */
export function CasesPanel({ ctx, unread }: { ctx: PageContext; unread: number }) {
  return (
    <ul class="todo-list">
      <li class="todo-item">
        <a class="todo-link" href="/my/cases">
          {inLang(ctx, '我的办件', 'My cases')}
        </a>
      </li>
      <li class="todo-item">
        <a class="todo-link" href="/my/messages">
          {inLang(ctx, '站内消息', 'Messages')}
        </a>
        {unread > 0 ? <Tag tone="blue">{inLang(ctx, `${unread} 条未读`, `${unread} unread`)}</Tag> : null}
      </li>
      <li class="todo-item">
        <a class="todo-link" href="/my/payments">
          {inLang(ctx, '我的缴费', 'My payments')}
        </a>
      </li>
      <li class="todo-item">
        <a class="todo-link" href="/my/traffic">
          {inLang(ctx, '我的交通违法', 'My traffic violations')}
        </a>
      </li>
    </ul>
  );
}

const filters: { value: CaseFilter; words: Words }[] = [
  { value: 'all', words: { zh: '全部', en: 'All' } },
  { value: 'open', words: { zh: '办理中', en: 'In progress' } },
  { value: 'missing-materials', words: { zh: '待补正', en: 'Materials missing' } },
  { value: 'draft', words: { zh: '草稿', en: 'Drafts' } },
  { value: 'closed', words: { zh: '已结束', en: 'Finished' } },
];

// 好差评: a finished, refused or not-accepted case may be rated (src/portal/ratings).
const rateable = (status: string) => ['completed', 'refused', 'not-accepted'].includes(status);

export function listPage({
  ctx,
  view,
  unread,
  flash,
}: {
  ctx: PageContext;
  view: ListView;
  unread: number;
  flash?: string | undefined;
}) {
  const title = inLang(ctx, '我的办件', 'My cases');
  const href = (filter: CaseFilter, page = 1) =>
    `/my/cases?${new URLSearchParams({ status: filter, ...(page > 1 ? { page: String(page) } : {}) }).toString()}`;
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <Stylesheet />
      <BackLink href="/account" lang={ctx.lang} />
      <Flash text={flash} />
      <h1>{title}</h1>
      <p>
        <a href="/my/messages">
          {inLang(ctx, '站内消息', 'Messages')}
          {unread > 0 ? inLang(ctx, `（${unread} 条未读）`, ` (${unread} unread)`) : null}
        </a>
      </p>
      <nav aria-label={inLang(ctx, '按状态筛选', 'Filter by status')}>
        <ul class="pill-list">
          {filters.map((f) => (
            <li>
              <a href={href(f.value)} aria-current={view.filter === f.value ? 'page' : undefined}>
                {say(ctx, f.words)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {view.items.length === 0 ? (
        <InsetText>
          {inLang(ctx, '没有符合条件的办件。', 'There are no cases here.')}{' '}
          <a href="/services">{inLang(ctx, '去办事', 'Find a service')}</a>
        </InsetText>
      ) : (
        <Table
          caption={inLang(ctx, `共 ${view.total} 件`, `${view.total} in all`)}
          head={[
            inLang(ctx, '事项', 'Service'),
            inLang(ctx, '办件编号', 'Case number'),
            inLang(ctx, '状态', 'Status'),
            inLang(ctx, '办理时限', 'Time limit'),
            inLang(ctx, '最新进展', 'Latest step'),
          ]}
          rows={view.items.map((item) => [
            <span>
              {say(ctx, item.service)}
              {item.company ? <span class="hint"> · {item.company}</span> : null}
            </span>,
            item.draft ? (
              <a href={item.continueHref ?? '/services'}>{inLang(ctx, '继续填写', 'Continue')}</a>
            ) : (
              <a href={`/my/cases/${item.caseNumber}`}>{item.caseNumber}</a>
            ),
            <span>
              <StatusTag ctx={ctx} status={item.status} />
              {item.caseNumber && rateable(item.status) ? (
                <a href={`/my/ratings/case/${item.caseNumber}`}>
                  {' '}
                  {inLang(ctx, '评价', 'Rate')}
                  {/* Each row's link says which case it rates, for a list of links read out of context. */}
                  <VisuallyHidden>
                    {inLang(ctx, `办件${item.caseNumber}`, ` case ${item.caseNumber}`)}
                  </VisuallyHidden>
                </a>
              ) : null}
            </span>,
            <DueText ctx={ctx} dueOn={item.dueOn} daysLeft={item.daysLeft} estimated={item.dueEstimated} />,
            item.latest
              ? `${say(ctx, stepWords(item.latest.step, item.status === 'draft' ? 'submitted' : item.status))}${inLang(ctx, '，', ', ')}${formatDateTime(ctx.lang, item.latest.at)}`
              : formatDateTime(ctx.lang, item.submittedAt ?? item.updatedAt),
          ])}
        />
      )}
      <Pagination
        page={view.page}
        pageCount={view.pageCount}
        href={(n) => href(view.filter, n)}
        lang={ctx.lang}
      />
    </Layout>,
  );
}

function Timeline({ ctx, view }: { ctx: PageContext; view: DetailView }) {
  return (
    <ol class="timeline">
      <li class="timeline-item">
        <h3 class="timeline-title">{inLang(ctx, '已提交申请', 'Application submitted')}</h3>
        <p class="timeline-meta">{formatDateTime(ctx.lang, view.submittedAt)}</p>
      </li>
      {view.events
        .filter((e) => e.step !== 'submitted')
        .map((e) => (
          <li class="timeline-item">
            <h3 class="timeline-title">{say(ctx, stepWords(e.step, e.status))}</h3>
            <p class="timeline-meta">
              {formatDateTime(ctx.lang, e.at)} ·{' '}
              <UnitName lang={ctx.lang} name={e.unit.name} nameEn={e.unit.nameEn} />
            </p>
            {/* The officer's words, the materials and the basis are as written: Chinese is marked on the English page. */}
            {e.message ? <p lang={langOf(ctx.lang, e.message)}>{e.message}</p> : null}
            {e.missingMaterials.length ? (
              <ul class="list list--bullet">
                {e.missingMaterials.map((m) => (
                  <li>
                    <AsWritten lang={ctx.lang} text={m.name} />
                    {m.problem ? (
                      <>
                        {inLang(ctx, '：', ': ')}
                        <AsWritten lang={ctx.lang} text={m.problem} />
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {e.legalBasis ? (
              <p class="hint">
                {inLang(ctx, '依据：', 'Legal basis: ')}
                <AsWritten lang={ctx.lang} text={e.legalBasis} />
              </p>
            ) : null}
            {e.visit ? <InsetText>{say(ctx, e.visit)}</InsetText> : null}
          </li>
        ))}
    </ol>
  );
}

export function detailPage({
  ctx,
  view,
  flash,
  extra,
  fee,
}: {
  ctx: PageContext;
  view: DetailView;
  flash?: string | undefined;
  /** What another feature adds below the progress (the delivery of the result). */
  extra?: Child | undefined;
  /** The case's fee, if one was assessed (payments.case.tsx). */
  fee?: Child;
}) {
  const title = say(ctx, view.service);
  const base = `/my/cases/${view.caseNumber}`;
  return renderPage(
    <Layout ctx={ctx} title={`${title} ${view.caseNumber}`}>
      <Stylesheet />
      <BackLink href="/my/cases" lang={ctx.lang} />
      <Flash text={flash} />
      <span class="caption">{view.caseNumber}</span>
      <h1>{title}</h1>
      <SummaryList
        lang={ctx.lang}
        rows={[
          { key: inLang(ctx, '办件编号', 'Case number'), value: view.caseNumber },
          ...(view.company ? [{ key: inLang(ctx, '申请单位', 'Company'), value: view.company }] : []),
          { key: inLang(ctx, '状态', 'Status'), value: <StatusTag ctx={ctx} status={view.status} /> },
          {
            key: inLang(ctx, '办理时限', 'Time limit'),
            value:
              view.status === 'missing-materials' && !view.dueOn ? (
                inLang(ctx, '收到齐全的补正材料后重新计算', 'Counted again once the missing materials arrive')
              ) : (
                <DueText
                  ctx={ctx}
                  dueOn={view.dueOn}
                  daysLeft={view.daysLeft}
                  estimated={view.dueEstimated}
                />
              ),
          },
        ]}
      />
      {view.withdrawalRequestedAt ? (
        <InsetText>
          <span role="status">
            {inLang(
              ctx,
              `已申请撤回（${formatDateTime(ctx.lang, view.withdrawalRequestedAt)}），正在等待办理单位确认。`,
              `Withdrawal requested (${formatDateTime(ctx.lang, view.withdrawalRequestedAt)}); waiting for the handling unit to confirm.`,
            )}
          </span>
        </InsetText>
      ) : null}
      {view.supplementedAt && view.status === 'missing-materials' ? (
        <InsetText>
          {inLang(
            ctx,
            '补正材料已提交，正在等待办理单位审查。',
            'Missing materials sent; the unit is checking them.',
          )}
        </InsetText>
      ) : null}
      {view.canSupplement ? (
        <div class="missing-notice">
          <p>
            {inLang(
              ctx,
              `办理单位一次性告知需要补正 ${view.missing.length} 项材料。`,
              `The handling unit listed ${view.missing.length} missing or faulty ${view.missing.length === 1 ? 'material' : 'materials'}, all at once.`,
            )}
          </p>
          <a class="button button--primary" href={`${base}/supplement`}>
            {inLang(ctx, '补正材料', 'Send the missing materials')}
          </a>
        </div>
      ) : null}
      {view.canWithdraw ? (
        <p>
          <a class="button button--secondary" href={`${base}/withdraw`}>
            {inLang(ctx, '撤回申请', 'Withdraw the application')}
          </a>
        </p>
      ) : null}
      {rateable(view.status) ? (
        <p>
          <a class="button button--secondary" href={`/my/ratings/case/${view.caseNumber}`}>
            {inLang(ctx, '评价这次办理', 'Rate this service')}
          </a>
        </p>
      ) : null}
      {fee ?? null}
      <h2>{inLang(ctx, '办理进度', 'Progress')}</h2>
      <Timeline ctx={ctx} view={view} />
      {extra ?? null}
      <h2>{inLang(ctx, '文书', 'Documents')}</h2>
      {view.documents.length === 0 ? (
        <p>{inLang(ctx, '暂无文书。', 'No documents yet.')}</p>
      ) : (
        <ul class="list">
          {view.documents.map((d) => (
            <li>
              <a href={`${base}/documents/${d.id}`} download>
                {say(ctx, documentKindWords[d.kind])}
                {inLang(
                  ctx,
                  `（${d.documentNumber}，PDF，${Math.ceil(d.bytes / 1024)} KB）`,
                  ` (${d.documentNumber}, PDF, ${Math.ceil(d.bytes / 1024)} KB)`,
                )}
              </a>
              {d.englishBytes ? (
                <p class="hint">
                  <a href={`${base}/documents/${d.id}/en`} download lang="en" hreflang="en">
                    {`English copy (PDF, ${Math.ceil(d.englishBytes / 1024)} KB)`}
                  </a>
                  {inLang(
                    ctx,
                    '：英文参考译本，具有法律效力的是中文文书。',
                    ': for reference only; the Chinese document is the legal one.',
                  )}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h2>{inLang(ctx, '申请内容', 'Your answers')}</h2>
      {view.summary ? (
        view.summary.map((section) => (
          <>
            <h3>{section.title}</h3>
            <SummaryList
              lang={ctx.lang}
              rows={section.rows.map((r) => ({ key: r.label, value: r.value.join(inLang(ctx, '；', '; ')) }))}
            />
          </>
        ))
      ) : (
        <p>
          {inLang(
            ctx,
            `申请表（第 ${view.formVersion} 版）暂不能显示，办理单位保存有完整的申请内容。`,
            `The form (version ${view.formVersion}) cannot be shown here; the handling unit holds your full answers.`,
          )}
        </p>
      )}
    </Layout>,
  );
}
