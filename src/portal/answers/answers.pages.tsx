import { AsWritten, langOf } from '../../shared/ui/as-written.tsx';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { BackLink, Pagination } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, Form, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { UnitName } from '../../shared/ui/unit-name.tsx';
import { topicWords } from '../letters/letters.kinds.ts';
import type { QaLine } from './answers.repository.ts';

// 查看相关答复 (the step before writing a consultation: published answers to the question, each of which may
// end the visit with "this answered my question"), the thanks after it, and the public Q&A pages.

const paragraphs = (text: string) =>
  text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((line) => <p>{line}</p>);

export function answersPage(p: {
  ctx: PageContext;
  q: string;
  found: { entryId: string; question: string; answer: string }[];
}) {
  const { ctx } = p;
  const title = inLang(ctx, '查看相关答复', 'Answers to similar questions');
  const writeHref = `/interaction/write/consultation${p.q ? `?subject=${encodeURIComponent(p.q.slice(0, 100))}` : ''}`;
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <div class="narrow">
        <BackLink href="/interaction" lang={ctx.lang} />
        <h1>{title}</h1>
        <p>
          {inLang(
            ctx,
            '写信咨询之前，先看看公安机关对类似问题的答复，也许马上就能找到答案。',
            'Before you write, see how the police have answered similar questions: the answer may be here already.',
          )}
        </p>
        <Form action="/interaction/answers" method="get">
          <TextField name="q" label={inLang(ctx, '您想咨询什么？', 'What do you want to ask?')} value={p.q} />
          <Button variant="secondary">{inLang(ctx, '查看相关答复', 'Show answers')}</Button>
        </Form>
        {p.q ? (
          p.found.length === 0 ? (
            <p>{inLang(ctx, '没有找到相关答复。', 'No answers found.')}</p>
          ) : (
            <ol class="list">
              {p.found.map((a) => (
                <li>
                  <h2 lang={langOf(ctx.lang, a.question)}>{a.question}</h2>
                  <div lang={langOf(ctx.lang, a.answer)}>{paragraphs(a.answer)}</div>
                  <Form action={`/interaction/answers/${a.entryId}/helped`} csrfToken={ctx.csrfToken ?? ''}>
                    <input type="hidden" name="q" value={p.q} />
                    <Button variant="secondary">
                      {inLang(ctx, '这解答了我的问题', 'This answered my question')}
                      <span class="visually-hidden">
                        {'：'}
                        <AsWritten lang={ctx.lang} text={a.question} />
                      </span>
                    </Button>
                  </Form>
                </li>
              ))}
            </ol>
          )
        ) : null}
        <p>
          <a href={writeHref}>
            {inLang(ctx, '没有找到答案，继续写信咨询', 'Not answered: write a consultation')}
          </a>
        </p>
      </div>
    </Layout>,
  );
}

export function thanksPage(ctx: PageContext) {
  const title = inLang(ctx, '很高兴为您解答', 'Glad it helped');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <div class="narrow">
        <h1>{title}</h1>
        <p>
          {inLang(
            ctx,
            '感谢您的反馈，您无需再写信咨询。',
            'Thank you for telling us. You do not need to write.',
          )}
        </p>
        <p>
          <a href="/interaction">{inLang(ctx, '返回警民互动', 'Back to police–public interaction')}</a>
        </p>
      </div>
    </Layout>,
  );
}

export function qaListPage(p: { ctx: PageContext; rows: QaLine[]; page: number; pageCount: number }) {
  const { ctx } = p;
  const title = inLang(ctx, '公开问答', 'Public questions and answers');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        {inLang(
          ctx,
          '经来信人同意公开的咨询及公安机关的答复，已去除个人信息。',
          'Questions whose writers allowed publication, with the police’s answers; personal data removed.',
        )}
      </p>
      {p.rows.length === 0 ? (
        <p>{inLang(ctx, '暂无公开问答。', 'Nothing published yet.')}</p>
      ) : (
        <ul class="list">
          {p.rows.map((row) => (
            <li>
              <a href={`/qa/${row.id}`} lang={langOf(ctx.lang, row.question)}>
                {row.question.split('\n')[0]}
              </a>
              <p class="hint">
                {topicWords[row.topic][ctx.lang]} ·{' '}
                <UnitName lang={ctx.lang} name={row.unitName} nameEn={row.unitNameEn} />
                {row.publishedAt ? ` · ${formatDateTime(ctx.lang, row.publishedAt)}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={p.page} pageCount={p.pageCount} href={(n) => `/qa?page=${n}`} lang={ctx.lang} />
    </Layout>,
  );
}

export function qaEntryPage(p: { ctx: PageContext; row: QaLine }) {
  const { ctx, row } = p;
  const [subject = '', ...rest] = row.question.split('\n');
  return renderPage(
    <Layout ctx={ctx} title={subject}>
      <div class="narrow">
        <BackLink href="/qa" lang={ctx.lang} />
        <span class="caption">
          {topicWords[row.topic][ctx.lang]} · {row.askedOn}
        </span>
        <h1 lang={langOf(ctx.lang, subject)}>{subject}</h1>
        <h2>{inLang(ctx, '问题', 'Question')}</h2>
        <div lang={langOf(ctx.lang, row.question)}>{paragraphs(rest.join('\n'))}</div>
        <h2>
          {ctx.lang === 'en' ? (
            <>
              {'Answer from '}
              <UnitName lang={ctx.lang} name={row.unitName} nameEn={row.unitNameEn} />
            </>
          ) : (
            `${row.unitName}的答复`
          )}
        </h2>
        <div lang={langOf(ctx.lang, row.answer)}>{paragraphs(row.answer)}</div>
      </div>
    </Layout>,
  );
}
