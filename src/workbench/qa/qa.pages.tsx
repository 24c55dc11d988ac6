import { categoryNames, type HitCategory } from '../../shared/content/publication-check.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { BackLink, Notice, Table } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextArea, type FieldError } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { ReviewDecisionForm } from '../workflow/review-decision-form.tsx';
import { areaWords, word } from '../kb/kb.messages.ts';
import type { QaPublicationRow } from './qa.tables.ts';

// The network spokesperson's pages: answered letters that may be published, drafts waiting for a second
// spokesperson, those published; the preview of one letter with personal data removed, to send for review as
// it stands or after editing; and the review of another spokesperson's draft.

export function overviewPage(p: {
  ctx: PageContext;
  candidates: {
    letterNumber: string;
    subject: string;
    topic: string;
    updatedAt: Date;
    returned: string | null;
  }[];
  inReview: QaPublicationRow[];
  published: QaPublicationRow[];
  badgeNo: string;
  flash?: string | undefined;
}) {
  const { ctx } = p;
  const title = inLang(ctx, '公开问答', 'Public Q&A');
  const token = ctx.csrfToken ?? '';
  return renderPage(
    <Layout ctx={ctx} title={title}>
      {p.flash ? (
        <div class="notification-banner" role="status">
          {p.flash}
        </div>
      ) : null}
      <h1>{title}</h1>
      <h2>{inLang(ctx, '可公开的已答复信件', 'Answered letters that may be published')}</h2>
      <p class="hint">
        {inLang(
          ctx,
          '仅列出来信人同意公开的已答复信件；举报信件一律不公开。',
          'Only answered letters whose writer allowed it; tips are never published.',
        )}
      </p>
      {p.candidates.length === 0 ? (
        <p>{inLang(ctx, '暂无可公开的信件。', 'No letters to publish.')}</p>
      ) : (
        <Table
          caption={inLang(ctx, '待选信件', 'Letters to choose from')}
          head={[
            inLang(ctx, '信件编号', 'Number'),
            inLang(ctx, '标题', 'Subject'),
            inLang(ctx, '类别', 'Area'),
          ]}
          rows={p.candidates.map((c) => [
            <a href={`/qa/letters/${c.letterNumber}`}>{c.letterNumber}</a>,
            c.returned
              ? `${c.subject}${inLang(ctx, '（已退回修改）', ' (returned for changes)')}`
              : c.subject,
            word(ctx.lang, areaWords, c.topic),
          ])}
        />
      )}
      <h2>{inLang(ctx, '待审核', 'Waiting for review')}</h2>
      <p class="hint">
        {inLang(
          ctx,
          '问答须经另一名网络发言人审核后才公开，本人起草的不能自己审核。',
          'A question and answer goes out only after another spokesperson approves it; nobody approves his own draft.',
        )}
      </p>
      {p.inReview.length === 0 ? (
        <p>{inLang(ctx, '暂无待审核的问答。', 'Nothing waiting for review.')}</p>
      ) : (
        <Table
          caption={inLang(ctx, '待审核的问答', 'Drafts waiting for review')}
          head={[
            inLang(ctx, '问题', 'Question'),
            inLang(ctx, '起草人', 'Drafted by'),
            inLang(ctx, '操作', 'Action'),
          ]}
          rows={p.inReview.map((row) => [
            row.question.split('\n')[0] ?? '',
            row.draftedBy ?? '',
            row.draftedBy === p.badgeNo ? (
              inLang(ctx, '等待他人审核', 'Waiting for someone else')
            ) : (
              <a href={`/qa/${row.id}/review`}>
                {inLang(ctx, '审核', 'Review')}
                <span class="visually-hidden">{`：${row.question.split('\n')[0] ?? ''}`}</span>
              </a>
            ),
          ])}
        />
      )}
      <h2>{inLang(ctx, '已公开', 'Published')}</h2>
      {p.published.length === 0 ? (
        <p>{inLang(ctx, '尚未公开问答。', 'Nothing published yet.')}</p>
      ) : (
        <Table
          caption={inLang(ctx, '已公开的问答', 'Published questions and answers')}
          head={[
            inLang(ctx, '问题', 'Question'),
            inLang(ctx, '公开时间', 'Published'),
            inLang(ctx, '状态', 'State'),
          ]}
          rows={p.published.map((row) => [
            row.question.split('\n')[0] ?? '',
            row.publishedAt ? formatDateTime(ctx.lang, row.publishedAt) : '',
            row.withdrawnAt ? (
              inLang(ctx, '已撤下', 'Withdrawn')
            ) : (
              <Form action={`/qa/${row.id}/withdraw`} csrfToken={token}>
                <Button variant="secondary">{inLang(ctx, '撤下', 'Withdraw')}</Button>
              </Form>
            ),
          ])}
        />
      )}
    </Layout>,
  );
}

export function previewPage(p: {
  ctx: PageContext;
  letterNumber: string;
  removed: HitCategory[];
  /** The comment of the spokesperson who returned the draft, when it was returned. */
  returned?: string | null | undefined;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { ctx, values, errors } = p;
  const title = inLang(ctx, '公开问答：核对', 'Publish a question and answer: check');
  const counts = new Map<HitCategory, number>();
  for (const c of p.removed) counts.set(c, (counts.get(c) ?? 0) + 1);
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <BackLink href="/qa" lang={ctx.lang} />
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <span class="caption">{p.letterNumber}</span>
      <h1>{title}</h1>
      {p.returned ? (
        <Notice lang={ctx.lang}>
          {inLang(ctx, '审核退回意见：', 'Returned with this comment: ')}
          {p.returned}
        </Notice>
      ) : null}
      {counts.size ? (
        <Notice lang={ctx.lang}>
          {inLang(ctx, '发布检查已去除：', 'The publication check removed: ')}
          {[...counts].map(([c, n]) => `${categoryNames[c][ctx.lang]} ${n}`).join(inLang(ctx, '、', ', '))}
        </Notice>
      ) : (
        <p>{inLang(ctx, '发布检查未发现个人信息。', 'The publication check found no personal data.')}</p>
      )}
      <Form action={`/qa/letters/${p.letterNumber}`} csrfToken={ctx.csrfToken ?? ''}>
        <TextArea
          name="question"
          label={inLang(ctx, '问题（公开）', 'Question (as published)')}
          rows={6}
          value={values.question}
          error={errorFor(errors, 'question')}
        />
        <TextArea
          name="answer"
          label={inLang(ctx, '答复（公开）', 'Answer (as published)')}
          hint={inLang(
            ctx,
            '提交和公开时都会再次检查并去除个人信息',
            'The check runs again when you send it and when it is published',
          )}
          rows={8}
          value={values.answer}
          error={errorFor(errors, 'answer')}
        />
        <Button>{inLang(ctx, '提交审核', 'Send for review')}</Button>
      </Form>
    </Layout>,
  );
}

const paragraphs = (text: string) =>
  text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((line) => <p class="inset-text">{line}</p>);

export function reviewPage(p: {
  ctx: PageContext;
  row: QaPublicationRow;
  own: boolean;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { ctx, row, values, errors } = p;
  const title = inLang(ctx, '审核公开问答', 'Review a question and answer');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <BackLink href="/qa" lang={ctx.lang} />
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <span class="caption">{row.letterNumber}</span>
      <h1>{title}</h1>
      <h2>{inLang(ctx, '问题', 'Question')}</h2>
      {paragraphs(row.question)}
      <h2>{inLang(ctx, '答复', 'Answer')}</h2>
      {paragraphs(row.answer)}
      <p>
        {inLang(ctx, '起草人：', 'Drafted by: ')}
        {row.draftedBy ?? ''}
      </p>
      {row.state !== 'in-review' ? (
        <p>{inLang(ctx, '该问答已不在待审核状态。', 'This is no longer waiting for review.')}</p>
      ) : p.own ? (
        <Notice lang={ctx.lang}>
          {inLang(
            ctx,
            '这是您起草的问答，须由另一名网络发言人审核。',
            'You wrote this draft: another spokesperson must review it.',
          )}
        </Notice>
      ) : (
        <ReviewDecisionForm
          ctx={ctx}
          action={`/qa/${row.id}/review`}
          approveLabel={inLang(ctx, '通过，公开', 'Approve: publish it')}
          commentHint={inLang(ctx, '退回时必填，500字以内', 'Required when returning, up to 500 characters')}
          values={values}
          errors={errors}
        />
      )}
    </Layout>,
  );
}
