import type { Question, QuestionnaireAudience } from '../../exchange/contracts/index.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { Checkboxes, Radios } from '../../shared/ui/choices.tsx';
import { BackLink } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextArea, type FieldError } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { Open } from './questionnaires.service.ts';
import type { PublicQuestionnaireRow } from './questionnaires.tables.ts';

// The public questionnaire pages: those open now, one to answer (every question on one page, so it works
// without scripts; a conditional question says when it applies and is never required otherwise), the thanks,
// and the notices for a person who answered already or is not in the audience.

export const LIST = '/interaction/questionnaires';
type Words = { zh: string; en: string };
const w = (ctx: PageContext, words: Words) => (ctx.lang === 'en' && words.en ? words.en : words.zh);

export const audienceNotes: Record<QuestionnaireAudience, Words> = {
  everyone: { zh: '所有人均可参与', en: 'Open to everyone' },
  citizens: { zh: '登录后参与', en: 'Sign in to take part' },
  companies: {
    zh: '面向企业经办人，登录后参与',
    en: 'For people acting for a company; sign in to take part',
  },
  'finished-case': {
    zh: '面向有已办结事项的群众，登录后参与',
    en: 'For people with a finished case; sign in to take part',
  },
};

export function listPage(p: { ctx: PageContext; rows: PublicQuestionnaireRow[] }) {
  const { ctx } = p;
  const title = inLang(ctx, '满意度调查', 'Satisfaction surveys');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <div class="narrow">
        <BackLink href="/interaction" lang={ctx.lang} />
        <h1>{title}</h1>
        <p>
          {inLang(
            ctx,
            '您的意见帮助我们改进服务。每份问卷每人限答一次。',
            'Your views help us improve. Each survey may be answered once.',
          )}
        </p>
        {p.rows.length === 0 ? (
          <p>{inLang(ctx, '目前没有进行中的调查。', 'There are no surveys open just now.')}</p>
        ) : (
          <ul class="list">
            {p.rows.map((row) => (
              <li>
                <h2>
                  <a href={`${LIST}/${row.id}`}>{w(ctx, row.definition!.title)}</a>
                </h2>
                <p class="hint">
                  {audienceNotes[row.audience][ctx.lang]}
                  {inLang(ctx, ` · 截止 ${row.closesOn ?? ''}`, ` · until ${row.closesOn ?? ''}`)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Layout>,
  );
}

const scaleItems = (ctx: PageContext) =>
  [1, 2, 3, 4, 5].map((n) => ({
    value: String(n),
    label:
      n === 1
        ? inLang(ctx, '1 很不满意', '1 very poor')
        : n === 5
          ? inLang(ctx, '5 非常满意', '5 excellent')
          : String(n),
  }));

function conditionHint(ctx: PageContext, q: Question, all: readonly Question[]): string | undefined {
  if (!q.showIf) return undefined;
  const index = all.findIndex((x) => x.id === q.showIf!.question);
  const option = all[index]?.options.find((o) => o.id === q.showIf!.option);
  if (!option) return undefined;
  const answer = w(ctx, option.label);
  return inLang(
    ctx,
    `仅当第 ${index + 1} 题选择“${answer}”时作答`,
    `Answer only if you chose “${answer}” in question ${index + 1}`,
  );
}

function QuestionField(p: {
  ctx: PageContext;
  q: Question;
  n: number;
  all: readonly Question[];
  values: Record<string, string[]>;
  error?: string | undefined;
}) {
  const { ctx, q } = p;
  const label = `${p.n}. ${w(ctx, q.label)}`;
  const hint = conditionHint(ctx, q, p.all);
  const optional = !q.required || q.showIf !== null;
  const given = p.values[q.id] ?? [];
  const items = q.options.map((o) => ({ value: o.id, label: w(ctx, o.label) }));
  if (q.kind === 'single')
    return (
      <Radios
        name={q.id}
        legend={label}
        hint={hint}
        optional={optional}
        items={items}
        value={given[0]}
        error={p.error}
      />
    );
  if (q.kind === 'multiple')
    return (
      <Checkboxes
        name={q.id}
        legend={label}
        hint={hint ?? inLang(ctx, '可多选', 'Choose all that apply')}
        optional={optional}
        items={items}
        values={given}
        error={p.error}
      />
    );
  if (q.kind === 'scale')
    return (
      <Radios
        name={q.id}
        legend={label}
        hint={hint}
        optional={optional}
        inline
        items={scaleItems(ctx)}
        value={given[0]}
        error={p.error}
      />
    );
  return (
    <TextArea
      name={q.id}
      label={label}
      hint={hint}
      optional={optional}
      rows={4}
      value={given[0]}
      error={p.error}
    />
  );
}

export function formPage(p: {
  ctx: PageContext;
  row: Open;
  values: Record<string, string[]>;
  errors: FieldError[];
}) {
  const { ctx, row, errors } = p;
  const def = row.definition;
  const title = w(ctx, def.title);
  const intro = w(ctx, def.intro);
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <BackLink href={LIST} lang={ctx.lang} />
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <span class="caption">{inLang(ctx, '满意度调查', 'Satisfaction survey')}</span>
        <h1>{title}</h1>
        {intro
          .split(/\r?\n/)
          .filter((l) => l.trim())
          .map((line) => (
            <p>{line}</p>
          ))}
        <p class="hint">
          {inLang(
            ctx,
            `调查截止 ${row.closesOn ?? ''}，匿名统计，不收集姓名和联系方式。`,
            `Open until ${row.closesOn ?? ''}. Answers are counted without your name or contact details.`,
          )}
        </p>
        <Form action={`${LIST}/${row.id}`} csrfToken={ctx.csrfToken ?? ''}>
          {def.questions.map((q, i) => (
            <QuestionField
              ctx={ctx}
              q={q}
              n={i + 1}
              all={def.questions}
              values={p.values}
              error={errorFor(errors, q.id)}
            />
          ))}
          <Button>{inLang(ctx, '提交', 'Submit')}</Button>
        </Form>
      </div>
    </Layout>,
  );
}

/** A short page that says one thing: thanks, answered already, or not for this person. */
export function noticePage(p: {
  ctx: PageContext;
  title: Words;
  body: Words;
  link?: { href: string; text: Words };
}) {
  const { ctx } = p;
  const title = w(ctx, p.title);
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <div class="narrow">
        <div class="panel">
          <h1 class="panel-title">{title}</h1>
        </div>
        <p>{w(ctx, p.body)}</p>
        <p>
          <a href={p.link?.href ?? LIST}>
            {w(ctx, p.link?.text ?? { zh: '返回满意度调查', en: 'Back to the surveys' })}
          </a>
        </p>
      </div>
    </Layout>,
  );
}
