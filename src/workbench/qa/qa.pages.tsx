import { categoryNames, type HitCategory } from '../../shared/content/publication-check.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { BackLink, Notice, Table } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextArea, type FieldError } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { areaWords, word } from '../kb/kb.messages.ts';
import type { QaPublicationRow } from './qa.tables.ts';

// The network spokesperson's pages: answered letters that may be published, those published, and the
// preview of one letter with personal data removed, to publish as it stands or after editing.

export function overviewPage(p: {
  ctx: PageContext;
  candidates: { letterNumber: string; subject: string; topic: string; updatedAt: Date }[];
  published: QaPublicationRow[];
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
            c.subject,
            word(ctx.lang, areaWords, c.topic),
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
            formatDateTime(ctx.lang, row.publishedAt),
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
          hint={inLang(ctx, '发布时会再次检查并去除个人信息', 'The check runs again when you publish')}
          rows={8}
          value={values.answer}
          error={errorFor(errors, 'answer')}
        />
        <Button>{inLang(ctx, '公开', 'Publish')}</Button>
      </Form>
    </Layout>,
  );
}
