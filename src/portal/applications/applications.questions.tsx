import type { Child } from 'hono/jsx';
import { FlashBanner as Flash } from '../../shared/ui/notification-banner.tsx';
import {
  addressInput,
  divisionInput,
  memberInput,
  numbered,
  resolveDateBound,
  type FormDefinition,
  type FormField,
  type FormPage,
  type GroupMember,
} from '../../shared/application-forms/index.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { Checkboxes, Radios } from '../../shared/ui/choices.tsx';
import { BackLink } from '../../shared/ui/components.tsx';
import type { PageContext } from '../../shared/ui/context.ts';
import {
  Button,
  DateField,
  ErrorSummary,
  FileField,
  Form,
  TextArea,
  TextField,
  fieldId,
} from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { applicationWords, type ApplicationMessage } from './applications.messages.ts';
import type { FileInfo } from './applications.repository.ts';

type Inputs = Record<string, string | string[]>;
const w = (ctx: PageContext, key: ApplicationMessage, params?: Record<string, string | number>) =>
  applicationWords(ctx.lang, key, params);

export interface QuestionView {
  ctx: PageContext;
  id: string;
  form: FormDefinition;
  page: FormPage;
  /** Which of the page's questions apply, given the answers so far and what is on the page. */
  shown: (field: FormField) => boolean;
  inputs: Inputs;
  files: FileInfo[];
  progress: { current: number; total: number };
  back: string;
  /** Opened from a change link: saving goes back to the check page. */
  change: boolean;
  today: string;
  errors?: FieldError[] | undefined;
  flash?: string | undefined;
}

/** A catalogue hint ended as a sentence, so the upload rules after it do not run on from it. */
function sentence(text: string, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return /[。！？]$/.test(text) ? text : `${text}。`;
  return /[.!?]$/.test(text) ? `${text} ` : `${text}. `;
}

/** One question page (GOV.UK): progress, back link, error summary, the page's questions, save and continue. */
export function questionPage(v: QuestionView) {
  const { ctx, page, errors = [] } = v;
  const { lang } = ctx;
  const hasUpload = page.fields.some((f) => f.type === 'upload' && v.shown(f));
  return renderPage(
    <Layout ctx={ctx} title={`${page.title[lang]} - ${v.form.title[lang]}`} hasErrors={errors.length > 0}>
      <div class="narrow">
        <BackLink href={v.back} lang={lang} />
        <Flash text={v.flash} />
        <ErrorSummary errors={errors} lang={lang} />
        <span class="caption">
          {v.form.title[lang]} · {w(ctx, 'progress', { n: v.progress.current, m: v.progress.total })}
        </span>
        <h1>{page.title[lang]}</h1>
        {page.intro ? <p>{page.intro[lang]}</p> : null}
        <Form
          action={`/applications/${v.id}/pages/${page.id}${v.change ? '?change=1' : ''}`}
          csrfToken={ctx.csrfToken ?? ''}
          enctype={hasUpload ? 'multipart/form-data' : undefined}
        >
          {page.fields.filter(v.shown).map((field) => (
            <Question field={field} v={v} />
          ))}
          <Button>{w(ctx, 'continue')}</Button>
        </Form>
        {v.files
          .filter((f) => page.fields.some((field) => field.id === f.fieldId && v.shown(field)))
          .map((f) => (
            <form
              id={`remove-${f.id}`}
              method="post"
              action={`/applications/${v.id}/pages/${page.id}${v.change ? '?change=1' : ''}`}
              novalidate
            >
              <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
            </form>
          ))}
      </div>
    </Layout>,
  );
}

function single(inputs: Inputs, name: string): string | undefined {
  const value = inputs[name];
  return Array.isArray(value) ? value[0] : value;
}

function Question({ field, v }: { field: FormField; v: QuestionView }): Child {
  const { ctx } = v;
  const lang = ctx.lang;
  if (field.type === 'group') {
    const answered = new Set<number>();
    for (const key of Object.keys(v.inputs)) {
      const match = key.startsWith(`${field.id}[`)
        ? /^\[(\d{1,3})\]\./.exec(key.slice(field.id.length))
        : null;
      if (match) answered.add(Number(match[1]));
    }
    const filled = answered.size === 0 ? 0 : Math.max(...answered) + 1;
    // Blank blocks are ignored when saved, so one more is always offered while the group has room.
    const count = Math.min(field.maxItems, Math.max(field.minItems, filled + 1, 1));
    const error = errorFor(v.errors, field.id);
    return (
      <div class={error ? 'form-group form-group--error' : 'form-group'} id={fieldId(field.id)} tabindex={-1}>
        <h2>{field.label[lang]}</h2>
        {field.hint ? <div class="hint">{field.hint[lang]}</div> : null}
        {error ? <p class="error-message">{error}</p> : null}
        {Array.from({ length: count }, (_, index) => (
          <fieldset class="fieldset">
            <legend class="legend">{numbered(field.itemLabel, index + 1)[lang]}</legend>
            {field.fields.map((member) => (
              <Simple
                field={member}
                name={memberInput(field.id, index, member.id)}
                v={v}
                optionalAlways={false}
              />
            ))}
          </fieldset>
        ))}
      </div>
    );
  }
  if (field.type === 'upload') {
    const files = v.files.filter((f) => f.fieldId === field.id);
    const types = field.accept.map((t) => t.toUpperCase()).join(lang === 'zh' ? '、' : ', ');
    const size = `${+(field.maxBytes / (1024 * 1024)).toFixed(1)} MB`;
    return (
      <div>
        {files.length > 0 ? (
          <>
            <h2>{`${field.label[lang]}：${w(ctx, 'uploaded')}`}</h2>
            <ul class="list">
              {files.map((f) => (
                <li>
                  {f.name} {/* Tied to its own form below, so that Enter in a field never removes a file. */}
                  <button
                    class="button button--secondary"
                    type="submit"
                    form={`remove-${f.id}`}
                    name="_remove"
                    value={f.id}
                  >
                    {w(ctx, 'remove')}
                    <span class="visually-hidden"> {f.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {files.length < (field.maxFiles ?? 1) ? (
          <FileField
            name={field.id}
            label={field.label[lang]}
            hint={`${field.hint ? sentence(field.hint[lang], lang) : ''}${w(ctx, 'uploadHint', { types, size })}`}
            optional={field.optional}
            error={errorFor(v.errors, field.id)}
            accept={field.accept
              .map((t) =>
                t === 'pdf'
                  ? 'application/pdf,.pdf'
                  : t === 'png'
                    ? 'image/png,.png'
                    : 'image/jpeg,.jpg,.jpeg',
              )
              .join(',')}
          />
        ) : errorFor(v.errors, field.id) ? (
          <p class="error-message" id={fieldId(field.id)}>
            {errorFor(v.errors, field.id)}
          </p>
        ) : null}
      </div>
    );
  }
  return <Simple field={field} name={field.id} v={v} optionalAlways={false} />;
}

function Simple({
  field,
  name,
  v,
}: {
  field: FormField | GroupMember;
  name: string;
  v: QuestionView;
  optionalAlways: boolean;
}): Child {
  const lang = v.ctx.lang;
  const label = field.label[lang];
  const hint = field.hint?.[lang];
  const common = { label, hint, optional: field.optional, lang };
  switch (field.type) {
    case 'choice': {
      const items = field.options.map((o) => ({
        value: o.value,
        label: o.label[lang],
        hint: o.hint?.[lang],
      }));
      const error = errorFor(v.errors, name);
      if (field.multiple) {
        const raw = v.inputs[name];
        const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
        return (
          <Checkboxes
            name={name}
            legend={label}
            hint={hint}
            optional={field.optional}
            items={items}
            values={values}
            error={error}
          />
        );
      }
      return (
        <Radios
          name={name}
          legend={label}
          hint={hint}
          optional={field.optional}
          items={items}
          value={single(v.inputs, name)}
          error={error}
          inline={items.length <= 2}
        />
      );
    }
    case 'date':
      return (
        <DateField
          {...common}
          name={name}
          value={single(v.inputs, name)}
          min={field.min === undefined ? undefined : resolveDateBound(field.min, v.today)}
          max={field.max === undefined ? undefined : resolveDateBound(field.max, v.today)}
          error={errorFor(v.errors, name)}
        />
      );
    case 'division-and-address':
      return (
        <fieldset class="fieldset">
          <legend class="legend">{label}</legend>
          {hint ? <div class="hint">{hint}</div> : null}
          <TextField
            name={divisionInput(name)}
            label={lang === 'zh' ? '所在区县（行政区划代码）' : 'District or county (division code)'}
            hint={lang === 'zh' ? '6位数字，如 350404（三明市三元区）' : '6 digits, for example 350404'}
            width={10}
            inputmode="numeric"
            value={single(v.inputs, divisionInput(name))}
            error={errorFor(v.errors, divisionInput(name))}
          />
          <TextField
            name={addressInput(name)}
            label={lang === 'zh' ? '详细地址' : 'Street, estate and number'}
            autocomplete={field.autocomplete ?? 'street-address'}
            value={single(v.inputs, addressInput(name))}
            error={errorFor(v.errors, addressInput(name))}
          />
        </fieldset>
      );
    case 'text':
      return field.multiline ? (
        <TextArea {...common} name={name} value={single(v.inputs, name)} error={errorFor(v.errors, name)} />
      ) : (
        <TextField
          {...common}
          name={name}
          value={single(v.inputs, name)}
          autocomplete={field.autocomplete}
          error={errorFor(v.errors, name)}
        />
      );
    case 'id-number':
    case 'credit-code':
    case 'plate':
    case 'mobile':
      return (
        <TextField
          {...common}
          name={name}
          value={single(v.inputs, name)}
          width={20}
          spellcheck={false}
          inputmode={field.type === 'mobile' ? 'tel' : undefined}
          autocomplete={field.autocomplete ?? (field.type === 'mobile' ? 'tel' : undefined)}
          error={errorFor(v.errors, name)}
        />
      );
    default:
      return null;
  }
}
