import type { Child } from 'hono/jsx';
import { displayDate } from '../../shared/application-forms/index.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { UnitName } from '../../shared/ui/unit-name.tsx';
import { BackLink, SummaryList, Tag } from '../../shared/ui/components.tsx';
import { EstimatedDueNote } from '../../shared/ui/estimated-due.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextArea, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { FormView } from '../page.ts';
import { letterKindSpecs } from './letters.kinds.ts';
import { statusWords, stepWords } from './letters.messages.ts';
import type { LetterView } from './letters.service.ts';
import type { LetterRow } from './letters.tables.ts';

// Reading a letter back: 我的信件, a letter's page with its steps and the reply, adding information while it is
// open, and the follow-up of an anonymous tip by its code.

const statusTag = (ctx: PageContext, letter: LetterRow) => (
  <Tag tone={letter.status === 'replied' ? 'green' : letter.status === 'transferred' ? 'grey' : 'blue'}>
    {statusWords[letter.status][ctx.lang]}
  </Tag>
);

const kindTitle = (ctx: PageContext, letter: LetterRow) =>
  letterKindSpecs.find((s) => s.kind === letter.kind)?.title[ctx.lang] ?? letter.kind;

export function listPage({
  ctx,
  list,
  estimated = () => false,
  flash,
}: {
  ctx: PageContext;
  list: LetterRow[];
  /** Whether a due date was counted on Monday to Friday only (see estimated-due.tsx). */
  estimated?: (dueOn: string | null) => boolean;
  flash?: string | undefined;
}) {
  const title = inLang(ctx, '我的信件', 'My letters');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      {flash ? (
        <div class="notification-banner" role="status">
          {flash}
        </div>
      ) : null}
      <h1>{title}</h1>
      <p>
        <a href="/interaction">{inLang(ctx, '写一封新信件', 'Write a new letter')}</a>
      </p>
      {list.length === 0 ? (
        <p>{inLang(ctx, '您还没有来信。', 'You have not written any letters yet.')}</p>
      ) : (
        <ul class="todo-list">
          {list.map((letter) => (
            <li class="todo-item">
              <a class="todo-link" href={`/my/letters/${letter.letterNumber}`}>
                {letter.subject}
              </a>{' '}
              {statusTag(ctx, letter)}
              {letter.status === 'replied' && letter.citizenId ? (
                <a href={`/my/ratings/letter/${letter.letterNumber}`}> {inLang(ctx, '评价', 'Rate')}</a>
              ) : null}
              <div class="hint">
                {kindTitle(ctx, letter)} · {letter.letterNumber} ·{' '}
                {formatDateTime(ctx.lang, letter.submittedAt)}
                {letter.dueOn && letter.status !== 'replied'
                  ? ` · ${inLang(ctx, '答复期限', 'Answer due')} ${displayDate(letter.dueOn, ctx.lang)}`
                  : ''}
                {letter.dueOn && letter.status !== 'replied' && estimated(letter.dueOn) ? (
                  <EstimatedDueNote ctx={ctx} />
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>,
  );
}

/** Typed text as paragraphs, one per line the writer or officer began. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\r?\n/)
        .filter((line) => line.trim())
        .map((line) => (
          <p>{line}</p>
        ))}
    </>
  );
}

/**
 * A unit named in a letter's steps: on the English page the directory's English name when it lists the unit, else
 * the name the step carried, marked as Chinese.
 */
/** A unit the letter names, in the page's language (its English name found by its code in the directory). */
function LetterUnit(p: { ctx: PageContext; view: LetterView; code: string | null; name: string }) {
  const nameEn = p.code ? p.view.unitNamesEn.get(p.code) : undefined;
  return <UnitName lang={p.ctx.lang} name={p.name} nameEn={nameEn} />;
}

/** A letter with its history and, while it is open, the form to add information. */
export function letterPage({
  ctx,
  view,
  addAction,
  code,
  values = {},
  errors = [],
  flash,
}: FormView & { view: LetterView; addAction: string; code?: string; flash?: string | undefined }) {
  const { letter } = view;
  const title = letter.subject;
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <BackLink href={code ? '/interaction' : '/my/letters'} lang={ctx.lang} />
        <ErrorSummary errors={errors} lang={ctx.lang} />
        {flash ? (
          <div class="notification-banner" role="status">
            {flash}
          </div>
        ) : null}
        <span class="caption">{letter.letterNumber}</span>
        <h1>{title}</h1>
        <SummaryList
          lang={ctx.lang}
          rows={[
            { key: inLang(ctx, '类型', 'Kind'), value: kindTitle(ctx, letter) },
            { key: inLang(ctx, '状态', 'Status'), value: statusTag(ctx, letter) },
            ...(letter.unitName
              ? [
                  {
                    key: inLang(ctx, '办理单位', 'Handled by'),
                    value: <LetterUnit ctx={ctx} view={view} code={letter.unitCode} name={letter.unitName} />,
                  },
                ]
              : []),
            ...(letter.dueOn && view.open
              ? [
                  {
                    key: inLang(ctx, '答复期限', 'Answer due'),
                    value: (
                      <>
                        {displayDate(letter.dueOn, ctx.lang)}
                        {view.dueEstimated ? <EstimatedDueNote ctx={ctx} /> : null}
                      </>
                    ),
                  },
                ]
              : []),
            ...(view.photos.length
              ? [
                  {
                    key: inLang(ctx, '照片', 'Photos'),
                    value: inLang(
                      ctx,
                      `${view.photos.length}张（已删除拍摄位置等信息）`,
                      `${view.photos.length} (location and other details removed)`,
                    ),
                  },
                ]
              : []),
          ]}
        />
        <link rel="stylesheet" href="/my/cases.css" />
        <h2>{inLang(ctx, '办理过程', 'What has happened')}</h2>
        <ol class="timeline">
          {view.events.map((e) => (
            <li class="timeline-item">
              <strong>{stepWords(e.step, ctx.lang)}</strong>
              <div class="hint">
                {formatDateTime(ctx.lang, e.at)}
                {e.unitName ? (
                  <>
                    {' · '}
                    <LetterUnit ctx={ctx} view={view} code={e.unitCode} name={e.unitName} />
                  </>
                ) : null}
              </div>
              {e.message ? <Paragraphs text={e.message} /> : null}
            </li>
          ))}
        </ol>
        <h2>{inLang(ctx, '您的来信', 'Your letter')}</h2>
        <Paragraphs text={letter.body} />
        {view.open ? (
          <AddForm
            ctx={ctx}
            action={addAction}
            code={code}
            value={values.text}
            error={errorFor(errors, 'text')}
          />
        ) : null}
      </div>
    </Layout>,
  );
}

function AddForm(p: {
  ctx: PageContext;
  action: string;
  code?: string | undefined;
  value?: string | undefined;
  error?: string | undefined;
}): Child {
  return (
    <Form action={p.action} csrfToken={p.ctx.csrfToken ?? ''}>
      {p.code ? <input type="hidden" name="code" value={p.code} /> : null}
      <TextArea
        name="text"
        label={inLang(p.ctx, '补充情况', 'Add information')}
        rows={4}
        value={p.value}
        error={p.error}
      />
      <Button variant="secondary">{inLang(p.ctx, '提交补充', 'Send the information')}</Button>
    </Form>
  );
}

export function followUpPage({ ctx, values = {}, errors = [] }: FormView) {
  const title = inLang(ctx, '查看举报进度', 'Follow up a report');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <BackLink href="/interaction" lang={ctx.lang} />
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <Form action="/interaction/follow-up" csrfToken={ctx.csrfToken ?? ''}>
          <TextField
            name="code"
            label={inLang(ctx, '查询码', 'Follow-up code')}
            hint={inLang(
              ctx,
              '提交举报时显示的20位查询码',
              'The 20-character code shown when you sent the report',
            )}
            autocomplete="off"
            spellcheck={false}
            value={values.code}
            error={errorFor(errors, 'code')}
          />
          <Button>{inLang(ctx, '查看进度', 'Check progress')}</Button>
        </Form>
      </div>
    </Layout>,
  );
}
