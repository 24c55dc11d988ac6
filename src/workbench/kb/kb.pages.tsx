import { letterTopics } from '../../exchange/contracts/index.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { Checkboxes, Select } from '../../shared/ui/choices.tsx';
import { BackLink, SummaryList, Table, Tag } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextArea, TextField, type FieldError } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { ReviewDecisionForm } from '../workflow/review-decision-form.tsx';
import { areaWords, kbStateWords, word } from './kb.messages.ts';
import type { KbLine } from './kb.repository.ts';
import type { EntryDetail } from './kb.service.ts';
import { AsWritten, langOf, WithChineseMarked } from '../../shared/ui/as-written.tsx';

// The reply knowledge base: the list with its Chinese search, one entry with every version and the review,
// and the form that writes a new entry or the next version of one.

const filters = [
  { state: '', zh: '全部', en: 'All' },
  { state: 'in-use', zh: '使用中', en: 'In use' },
  { state: 'in-review', zh: '待审核', en: 'In review' },
  { state: 'draft', zh: '草稿', en: 'Drafts' },
  { state: 'retired', zh: '已停用', en: 'Retired' },
];

export function listPage(p: {
  ctx: PageContext;
  q: string;
  state: string;
  list: KbLine[];
  mayWrite: boolean;
}) {
  const { ctx } = p;
  const title = inLang(ctx, '答复口径库', 'Reply knowledge base');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {p.mayWrite ? (
        <p>
          <a class="button" href="/kb/new">
            {inLang(ctx, '新建口径', 'New entry')}
          </a>
        </p>
      ) : null}
      <Form action="/kb" method="get">
        <TextField
          name="q"
          label={inLang(ctx, '按问题搜索使用中的口径', 'Search the entries in use by question')}
          hint={
            <WithChineseMarked
              lang={ctx.lang}
              text={inLang(ctx, '例如：孩子落户需要什么材料', 'For example: 孩子落户需要什么材料')}
            />
          }
          value={p.q}
        />
        <Button variant="secondary">{inLang(ctx, '搜索', 'Search')}</Button>
      </Form>
      <nav aria-label={inLang(ctx, '口径筛选', 'Entry filter')}>
        <ul class="pill-list">
          {filters.map((f) => (
            <li>
              <a
                href={f.state ? `/kb?state=${f.state}` : '/kb'}
                aria-current={f.state === p.state && !p.q ? 'page' : undefined}
              >
                {inLang(ctx, f.zh, f.en)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {p.list.length === 0 ? (
        <p>{inLang(ctx, '没有找到口径。', 'No entries found.')}</p>
      ) : (
        <Table
          caption={p.q ? inLang(ctx, `“${p.q}”的搜索结果`, `Results for “${p.q}”`) : title}
          head={[
            inLang(ctx, '问题', 'Question'),
            inLang(ctx, '业务类别', 'Area'),
            inLang(ctx, '版本', 'Version'),
            inLang(ctx, '状态', 'State'),
            inLang(ctx, '公开', 'Public'),
            inLang(ctx, '“已解答”次数', 'Answered count'),
          ]}
          rows={p.list.map((l) => [
            <a href={`/kb/${l.id}`} lang={langOf(ctx.lang, l.question)}>
              {l.question}
            </a>,
            word(ctx.lang, areaWords, l.area),
            String(l.version),
            word(ctx.lang, kbStateWords, l.state),
            l.public ? inLang(ctx, '是', 'Yes') : inLang(ctx, '否', 'No'),
            String(l.helpedCount),
          ])}
        />
      )}
    </Layout>,
  );
}

export function entryPage(p: {
  ctx: PageContext;
  detail: EntryDetail;
  flash?: string | undefined;
  values?: Record<string, string>;
  errors?: FieldError[];
}) {
  const { ctx, detail } = p;
  const { entry, latest } = detail;
  const errors = p.errors ?? [];
  const values = p.values ?? {};
  const base = `/kb/${entry.id}`;
  const token = ctx.csrfToken ?? '';
  const current = detail.versions.find((v) => v.version === entry.currentVersion);
  const shown = current ?? latest;
  return renderPage(
    <Layout ctx={ctx} title={shown.question} hasErrors={errors.length > 0}>
      <BackLink href="/kb" lang={ctx.lang} />
      <ErrorSummary errors={errors} lang={ctx.lang} />
      {p.flash ? (
        <div class="notification-banner" role="status">
          {p.flash}
        </div>
      ) : null}
      <span class="caption">{inLang(ctx, '答复口径', 'Knowledge-base entry')}</span>
      <h1 lang={langOf(ctx.lang, shown.question)}>{shown.question}</h1>
      <SummaryList
        lang={ctx.lang}
        rows={[
          { key: inLang(ctx, '所属单位', 'Unit'), value: entry.unitCode },
          { key: inLang(ctx, '业务类别', 'Area'), value: word(ctx.lang, areaWords, shown.area) },
          {
            key: inLang(ctx, '使用中的版本', 'Version in use'),
            value: current ? String(current.version) : inLang(ctx, '无', 'None'),
          },
          {
            key: inLang(ctx, '最新版本', 'Latest version'),
            value: `${latest.version} · ${word(ctx.lang, kbStateWords, latest.state)}`,
          },
          { key: inLang(ctx, '关键词', 'Keywords'), value: shown.keywords.join('、') || '—' },
          {
            key: inLang(ctx, '在门户公开', 'Public on the portal'),
            value: shown.public
              ? inLang(ctx, '是（作为即时答复）', 'Yes (as an instant answer)')
              : inLang(ctx, '否', 'No'),
          },
          {
            key: inLang(ctx, '群众点“已解答”次数', 'Times it answered a writer'),
            value: String(entry.helpedCount),
          },
        ]}
      />
      <h2>{inLang(ctx, '答复口径', 'The answer')}</h2>
      {shown.answer
        .split(/\r?\n/)
        .filter((l) => l.trim())
        .map((line) => (
          <p lang={langOf(ctx.lang, line)}>{line}</p>
        ))}
      {detail.may.edit ? (
        <p>
          <a href={`${base}/edit`}>
            {latest.state === 'draft'
              ? inLang(ctx, '修改草稿', 'Edit the draft')
              : inLang(ctx, '编写新版本', 'Write a new version')}
          </a>
        </p>
      ) : null}
      {detail.may.submit ? (
        <Form action={`${base}/submit`} csrfToken={token}>
          <Button>
            {inLang(ctx, `提交第 ${latest.version} 版审核`, `Submit version ${latest.version} for review`)}
          </Button>
        </Form>
      ) : null}
      {detail.may.review ? (
        <>
          <h2>{inLang(ctx, `审核第 ${latest.version} 版`, `Review version ${latest.version}`)}</h2>
          <p>
            {inLang(ctx, '待审核的问题：', 'Question in review: ')}
            <AsWritten lang={ctx.lang} text={latest.question} />
          </p>
          {latest.answer
            .split(/\r?\n/)
            .filter((l) => l.trim())
            .map((line) => (
              <p class="inset-text" lang={langOf(ctx.lang, line)}>
                {line}
              </p>
            ))}
          <ReviewDecisionForm
            ctx={ctx}
            action={`${base}/review`}
            approveLabel={inLang(ctx, '通过，投入使用', 'Approve: put it in use')}
            commentHint={inLang(ctx, '退回时必填', 'Required when returning')}
            values={values}
            errors={errors}
          />
        </>
      ) : null}
      {detail.may.retire ? (
        <>
          <h2>{inLang(ctx, '停用', 'Retire')}</h2>
          <Form action={`${base}/retire`} csrfToken={token}>
            <TextArea
              name="reason"
              label={inLang(ctx, '停用理由', 'Why')}
              rows={2}
              value={values.reason}
              error={errorFor(errors, 'reason')}
            />
            <Button variant="secondary">{inLang(ctx, '停用该口径', 'Retire this entry')}</Button>
          </Form>
        </>
      ) : null}
      <h2>{inLang(ctx, '全部版本', 'Every version')}</h2>
      <Table
        caption={inLang(ctx, '版本记录', 'Versions')}
        head={[
          inLang(ctx, '版本', 'Version'),
          inLang(ctx, '状态', 'State'),
          inLang(ctx, '问题', 'Question'),
          inLang(ctx, '编写人', 'Written by'),
          inLang(ctx, '审核人', 'Reviewed by'),
          inLang(ctx, '更新时间', 'Updated'),
        ]}
        rows={detail.versions.map((v) => [
          String(v.version),
          <Tag tone={v.state === 'in-use' ? 'green' : 'grey'}>{word(ctx.lang, kbStateWords, v.state)}</Tag>,
          v.question,
          v.authorBadge,
          v.reviewedBy ? `${v.reviewedBy}${v.reviewComment ? `：${v.reviewComment}` : ''}` : '—',
          formatDateTime(ctx.lang, v.updatedAt),
        ])}
      />
    </Layout>,
  );
}

export function formPage(p: {
  ctx: PageContext;
  action: string;
  units?: { code: string }[] | undefined;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { ctx, values, errors } = p;
  const title = p.units
    ? inLang(ctx, '新建答复口径', 'New knowledge-base entry')
    : inLang(ctx, '编写口径', 'Edit the entry');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <BackLink href="/kb" lang={ctx.lang} />
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <h1>{title}</h1>
      <Form action={p.action} csrfToken={ctx.csrfToken ?? ''}>
        {p.units && p.units.length > 1 ? (
          <Select
            name="unitCode"
            label={inLang(ctx, '所属单位', 'Unit')}
            hint={inLang(ctx, '口径对该单位及其下级单位共享', 'Shared with the unit and every unit below it')}
            options={p.units.map((u) => ({ value: u.code, label: u.code }))}
            value={values.unitCode}
            error={errorFor(errors, 'unitCode')}
          />
        ) : null}
        <TextField
          name="question"
          label={inLang(ctx, '问题', 'Question')}
          value={values.question}
          error={errorFor(errors, 'question')}
        />
        <TextArea
          name="answer"
          label={inLang(ctx, '答复口径', 'The answer')}
          hint={inLang(ctx, '办理信件时可从这段文字开始答复', 'Officers start replies from these words')}
          rows={8}
          value={values.answer}
          error={errorFor(errors, 'answer')}
        />
        <TextField
          name="keywords"
          label={inLang(ctx, '关键词', 'Keywords')}
          hint={inLang(ctx, '用逗号或顿号分开，如：落户、新生儿', 'Separated by commas, e.g. 落户、新生儿')}
          value={values.keywords}
          error={errorFor(errors, 'keywords')}
        />
        <Select
          name="area"
          label={inLang(ctx, '业务类别', 'Business area')}
          options={letterTopics.map((t) => ({ value: t, label: word(ctx.lang, areaWords, t) }))}
          value={values.area}
          error={errorFor(errors, 'area')}
        />
        <Checkboxes
          name="public"
          legend={inLang(ctx, '公开', 'Public')}
          items={[
            {
              value: 'yes',
              label: inLang(
                ctx,
                '审核通过后在门户作为即时答复公开',
                'Offer it on the portal as an instant answer once approved',
              ),
              hint: inLang(
                ctx,
                '公开前会进行发布检查，不得含个人信息',
                'The publication check runs first: no personal data',
              ),
            },
          ]}
          values={values.public === 'yes' ? ['yes'] : []}
          error={errorFor(errors, 'public')}
        />
        <Button>{inLang(ctx, '保存草稿', 'Save the draft')}</Button>
      </Form>
    </Layout>,
  );
}
