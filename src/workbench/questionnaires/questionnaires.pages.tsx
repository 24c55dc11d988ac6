import { MAX_QUESTIONS, questionKinds, questionnaireAudiences } from '../../exchange/contracts/index.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { Radios, Select } from '../../shared/ui/choices.tsx';
import { BackLink, SummaryList, Table, Tag } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextArea, TextField, type FieldError } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { slotCount, fieldOf } from './questionnaires.form.ts';
import { audienceWords, kindWords, stateWords } from './questionnaires.messages.ts';
import type { QuestionnaireRow } from './questionnaires.tables.ts';

// The supervisor's questionnaire pages: the list, and one questionnaire's editor with, below it, publishing
// (a draft) or closing (a published one).

const Flash = ({ text }: { text?: string | undefined }) =>
  text ? (
    <div class="notification-banner" role="status">
      {text}
    </div>
  ) : null;

export function listPage(p: {
  ctx: PageContext;
  list: { row: QuestionnaireRow; responses: number }[];
  mayBuild: boolean;
  flash?: string | undefined;
}) {
  const { ctx } = p;
  const title = inLang(ctx, '满意度问卷', 'Satisfaction questionnaires');
  const tone = { draft: 'grey', published: 'green', closed: 'blue' } as const;
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <Flash text={p.flash} />
      <h1>{title}</h1>
      {p.mayBuild ? (
        <p>
          <a class="button" href="/questionnaires/new">
            {inLang(ctx, '新建问卷', 'New questionnaire')}
          </a>
        </p>
      ) : null}
      {p.list.length === 0 ? (
        <p>{inLang(ctx, '还没有问卷。', 'No questionnaires yet.')}</p>
      ) : (
        <Table
          caption={title}
          stackOnNarrow
          head={[
            inLang(ctx, '标题', 'Title'),
            inLang(ctx, '状态', 'State'),
            inLang(ctx, '版本', 'Version'),
            inLang(ctx, '调查期', 'Period'),
            inLang(ctx, '回答数', 'Responses'),
            inLang(ctx, '结果', 'Results'),
          ]}
          numeric={[4]}
          rows={p.list.map(({ row, responses }) => [
            p.mayBuild ? (
              <a href={`/questionnaires/${row.id}`}>
                {inLang(ctx, row.definition.title.zh, row.definition.title.en)}
              </a>
            ) : (
              inLang(ctx, row.definition.title.zh, row.definition.title.en)
            ),
            <Tag tone={tone[row.state]}>{stateWords[row.state][ctx.lang]}</Tag>,
            row.version ? String(row.version) : '—',
            row.opensOn ? `${row.opensOn} – ${row.closesOn ?? ''}` : '—',
            String(responses),
            row.version ? (
              <a href={`/questionnaires/${row.id}/results`}>{inLang(ctx, '查看结果', 'Results')}</a>
            ) : (
              '—'
            ),
          ])}
        />
      )}
    </Layout>,
  );
}

function QuestionSlot(p: {
  ctx: PageContext;
  slot: number;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { ctx, slot, values, errors } = p;
  const f = (part: string) => fieldOf(slot, part);
  return (
    <fieldset class="fieldset question-slot">
      <legend class="legend">
        {inLang(ctx, `第 ${slot} 题`, `Question ${slot}`)}
        {values[f('id')] ? ` (${values[f('id')]})` : ''}
      </legend>
      <input type="hidden" name={f('id')} value={values[f('id')] ?? ''} />
      <Select
        name={f('kind')}
        label={inLang(ctx, '题型', 'Kind')}
        options={questionKinds.map((k) => ({ value: k, label: kindWords[k][ctx.lang] }))}
        value={values[f('kind')] ?? 'single'}
        error={errorFor(errors, f('kind'))}
      />
      <TextField
        name={f('zh')}
        label={inLang(ctx, '题目（中文）', 'Question (Chinese)')}
        hint={inLang(ctx, '留空则不设此题', 'Leave blank for no question here')}
        value={values[f('zh')]}
        error={errorFor(errors, f('zh'))}
      />
      <TextField
        name={f('en')}
        label={inLang(ctx, '题目（英文）', 'Question (English)')}
        optional
        value={values[f('en')]}
        error={errorFor(errors, f('en'))}
      />
      <div class="form-group">
        <div class="checkboxes">
          <div class="choice">
            <input
              class="choice-input"
              type="checkbox"
              id={f('required')}
              name={f('required')}
              value="yes"
              checked={values[f('required')] === 'yes'}
            />
            <label class="choice-label" for={f('required')}>
              {inLang(ctx, '必答', 'Required')}
            </label>
          </div>
        </div>
      </div>
      <TextArea
        name={f('options')}
        label={inLang(ctx, '选项（选择题）', 'Options (choice questions)')}
        hint={inLang(
          ctx,
          '每行一个，写作“中文 | English”。保存后每行前有方括号中的选项号，如 [o2]，移动该行时选项号随之不变；新加的行取下一个选项号',
          'One a line, as “中文 | English”. Once saved, each line starts with its option number in brackets, such as [o2], which stays with the line when it is moved; a new line takes the next number',
        )}
        rows={4}
        value={values[f('options')]}
        error={errorFor(errors, f('options'))}
      />
      <TextField
        name={f('if')}
        label={inLang(ctx, '显示条件', 'Shown only when')}
        hint={inLang(
          ctx,
          '仅当前面某道选择题选了某项时显示，写作“题号:选项号”，如 q1:o2；留空则总是显示',
          'An earlier choice question has a given answer, written question:option, e.g. q1:o2; blank to always show',
        )}
        optional
        width={10}
        value={values[f('if')]}
        error={errorFor(errors, f('if'))}
      />
    </fieldset>
  );
}

export function editorPage(p: {
  ctx: PageContext;
  row?: QuestionnaireRow | undefined;
  values: Record<string, string>;
  errors: FieldError[];
  publishValues?: Record<string, string>;
  publishErrors?: FieldError[];
  flash?: string | undefined;
}) {
  const { ctx, row, values, errors } = p;
  const token = ctx.csrfToken ?? '';
  const title = row
    ? inLang(ctx, row.definition.title.zh, row.definition.title.en)
    : inLang(ctx, '新建问卷', 'New questionnaire');
  const slots = slotCount(values);
  const all = [...errors, ...(p.publishErrors ?? [])];
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={all.length > 0}>
      <BackLink href="/questionnaires" lang={ctx.lang} />
      <ErrorSummary errors={all} lang={ctx.lang} />
      <Flash text={p.flash} />
      <span class="caption">{inLang(ctx, '满意度问卷', 'Satisfaction questionnaire')}</span>
      <h1>{title}</h1>
      {row ? (
        <SummaryList
          lang={ctx.lang}
          rows={[
            { key: inLang(ctx, '状态', 'State'), value: stateWords[row.state][ctx.lang] },
            {
              key: inLang(ctx, '已发布版本', 'Published version'),
              value: row.version ? String(row.version) : '—',
            },
            {
              key: inLang(ctx, '调查对象', 'Audience'),
              value: row.audience ? audienceWords[row.audience][ctx.lang] : '—',
            },
            {
              key: inLang(ctx, '调查期', 'Period'),
              value: row.opensOn ? `${row.opensOn} – ${row.closesOn ?? ''}` : '—',
            },
          ]}
        />
      ) : null}
      {row?.state === 'published' ? (
        <p class="hint">
          {inLang(
            ctx,
            '已发布的问卷保存修改后即成为新版本并立即发布；已收到的回答保留其所答版本。',
            'Saving a published questionnaire publishes the edit as a new version at once; responses keep the version they answered.',
          )}
        </p>
      ) : null}
      {row?.state === 'closed' ? null : (
        <Form action={row ? `/questionnaires/${row.id}` : '/questionnaires'} csrfToken={token}>
          <input type="hidden" name="slots" value={String(slots)} />
          <TextField
            name="titleZh"
            label={inLang(ctx, '标题（中文）', 'Title (Chinese)')}
            value={values.titleZh}
            error={errorFor(errors, 'titleZh')}
          />
          <TextField
            name="titleEn"
            label={inLang(ctx, '标题（英文）', 'Title (English)')}
            value={values.titleEn}
            error={errorFor(errors, 'titleEn')}
          />
          <TextArea
            name="introZh"
            label={inLang(ctx, '说明（中文）', 'Introduction (Chinese)')}
            optional
            rows={3}
            value={values.introZh}
            error={errorFor(errors, 'introZh')}
          />
          <TextArea
            name="introEn"
            label={inLang(ctx, '说明（英文）', 'Introduction (English)')}
            optional
            rows={3}
            value={values.introEn}
            error={errorFor(errors, 'introEn')}
          />
          {Array.from({ length: slots }, (_, i) => (
            <QuestionSlot ctx={ctx} slot={i + 1} values={values} errors={errors} />
          ))}
          <div class="button-group">
            <Button name="op" value="save">
              {inLang(ctx, '保存', 'Save')}
            </Button>
            {slots <= MAX_QUESTIONS ? (
              <Button name="op" value="add" variant="secondary">
                {inLang(ctx, '再加一题', 'Add a question')}
              </Button>
            ) : null}
          </div>
        </Form>
      )}
      {row?.state === 'draft' ? (
        <PublishForm ctx={ctx} row={row} values={p.publishValues ?? {}} errors={p.publishErrors ?? []} />
      ) : null}
      {row?.state === 'published' ? (
        <Form action={`/questionnaires/${row.id}/close`} csrfToken={token}>
          <h2>{inLang(ctx, '结束调查', 'Close the questionnaire')}</h2>
          <p>
            {inLang(
              ctx,
              '结束后门户不再接受回答，问卷不能再修改。',
              'Once closed, the portal takes no more responses and it cannot be edited.',
            )}
          </p>
          <Button variant="warning">{inLang(ctx, '结束调查', 'Close')}</Button>
        </Form>
      ) : null}
    </Layout>,
  );
}

function PublishForm(p: {
  ctx: PageContext;
  row: QuestionnaireRow;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { ctx, values, errors } = p;
  return (
    <Form action={`/questionnaires/${p.row.id}/publish`} csrfToken={ctx.csrfToken ?? ''}>
      <h2>{inLang(ctx, '发布', 'Publish')}</h2>
      <Radios
        name="audience"
        legend={inLang(ctx, '调查对象', 'Who may answer')}
        items={questionnaireAudiences.map((a) => ({ value: a, label: audienceWords[a][ctx.lang] }))}
        value={values.audience}
        error={errorFor(errors, 'audience')}
      />
      <TextField
        name="opensOn"
        type="date"
        width={10}
        label={inLang(ctx, '开始日期', 'Opens on')}
        hint="2026-12-01"
        value={values.opensOn}
        error={errorFor(errors, 'opensOn')}
      />
      <TextField
        name="closesOn"
        type="date"
        width={10}
        label={inLang(ctx, '结束日期', 'Closes on')}
        hint="2026-12-31"
        value={values.closesOn}
        error={errorFor(errors, 'closesOn')}
      />
      <Button>{inLang(ctx, '发布到门户网站', 'Publish on the portal')}</Button>
    </Form>
  );
}
