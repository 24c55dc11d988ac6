import type { Child } from 'hono/jsx';
import { t, type Lang } from '../i18n/index.ts';
import { useLang } from './context.ts';
import { LabelledMessage, rememberLabel } from './field-labels.tsx';

/**
 * GOV.UK-style form controls. Every control gets the id `field-<name>` so the
 * error summary can link to it; hints and errors are wired through
 * aria-describedby. Forms carry `novalidate`: validation is the server's, and
 * its messages must be the ones users see.
 */

/** The id given to a field's control (the first one, for radios and checkboxes). */
export function fieldId(name: string): string {
  return `field-${name}`;
}

/** Joins class names, skipping falsy ones. @internal */
export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ');
}

/** One field error, as listed in the error summary. */
export interface FieldError {
  field: string;
  message: string;
  /** The message leaves the field out: the summary puts the field's label before it. */
  needsLabel?: true;
}

/** Props shared by every labelled control. */
export interface FieldProps {
  name: string;
  label: Child;
  hint?: Child;
  error?: string;
  /** Sets the `required` attribute so assistive technology announces it. */
  required?: boolean;
  /** Shows "（选填）": GOV.UK marks optional fields rather than required ones. */
  optional?: boolean;
  /** Renders the label inside an `<h1>` for one-question pages. */
  asHeading?: boolean;
  lang?: Lang;
  /**
   * The control's id when two controls share a name (two checkbox groups posting one list): each group needs
   * ids of its own. The one showing the error keeps the default, which the error summary links to.
   */
  id?: string;
}

/** Ids, hint, error and optional mark for a labelled control. @internal */
export function fieldParts(p: FieldProps) {
  const lang = useLang(p.lang);
  const id = p.id ?? fieldId(p.name);
  rememberLabel(p.name, p.label);
  const hintId = p.hint ? `${id}-hint` : undefined;
  const errorId = p.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const mark = p.optional ? <span class="optional-mark">{t(lang, 'form.optional')}</span> : null;
  const hint = p.hint ? (
    <div class="hint" id={hintId}>
      {p.hint}
    </div>
  ) : null;
  const error = p.error ? (
    <p class="error-message" id={errorId}>
      <span class="visually-hidden">{t(lang, 'form.errorPrefix')}</span>
      {p.error}
    </p>
  ) : null;
  return { lang, id, describedBy, mark, hint, error };
}

/** A label, optionally wrapped in an `<h1>`. @internal */
export function LabelBlock({
  forId,
  label,
  mark,
  asHeading,
}: {
  forId: string;
  label: Child;
  mark: Child;
  asHeading?: boolean;
}) {
  const el = (
    <label class={cx('label', asHeading && 'label--heading')} for={forId}>
      {label}
      {mark}
    </label>
  );
  return asHeading ? <h1 class="label-wrapper">{el}</h1> : el;
}

/**
 * One labelled control in its form group: label, hint and error above the control, in GOV.UK order. The
 * control is given the id and the ids that describe it. @internal
 */
function Labelled(
  p: FieldProps & { control: (a: { id: string; describedBy: string | undefined }) => Child },
) {
  const { id, describedBy, mark, hint, error } = fieldParts(p);
  return (
    <div class={cx('form-group', p.error && 'form-group--error')}>
      <LabelBlock forId={id} label={p.label} mark={mark} asHeading={p.asHeading} />
      {hint}
      {error}
      {p.control({ id, describedBy })}
    </div>
  );
}

/** Widths in characters, so the box hints at the expected length. */
export type FieldWidth = 2 | 3 | 4 | 5 | 10 | 20 | 30 | 'full';

/** Props of `TextField`. */
export interface TextFieldProps extends FieldProps {
  value?: string;
  type?: 'text' | 'email' | 'tel' | 'number' | 'url' | 'search' | 'password' | 'date' | 'datetime-local';
  autocomplete?: string;
  inputmode?: 'none' | 'text' | 'tel' | 'url' | 'email' | 'numeric' | 'decimal' | 'search';
  width?: FieldWidth;
  spellcheck?: boolean;
  min?: string;
  max?: string;
}

/** A single-line input with label, hint and error. */
export function TextField(p: TextFieldProps) {
  return (
    <Labelled
      {...p}
      control={({ id, describedBy }) => (
        <input
          class={cx(
            'input',
            p.width && p.width !== 'full' && `input--w${p.width}`,
            p.error && 'input--error',
          )}
          id={id}
          name={p.name}
          type={p.type ?? 'text'}
          value={p.type === 'password' ? undefined : p.value}
          autocomplete={p.autocomplete}
          inputmode={p.inputmode}
          spellcheck={p.spellcheck}
          min={p.min}
          max={p.max}
          required={p.required}
          aria-describedby={describedBy}
          aria-invalid={p.error ? 'true' : undefined}
        />
      )}
    />
  );
}

/**
 * A password input. It never echoes a value back and allows paste and password
 * managers (WCAG 3.3.8): nothing here may block them.
 */
export function PasswordField(p: Omit<TextFieldProps, 'type' | 'value' | 'inputmode'>) {
  return (
    <TextField
      {...p}
      type="password"
      autocomplete={p.autocomplete ?? 'current-password'}
      spellcheck={false}
    />
  );
}

/** A date picker; `value`, `min` and `max` are `YYYY-MM-DD`. */
export function DateField(p: Omit<TextFieldProps, 'type' | 'inputmode'>) {
  return <TextField {...p} type="date" width={p.width ?? 10} />;
}

/** Props of `TextArea`. */
export interface TextAreaProps extends FieldProps {
  value?: string;
  rows?: number;
  autocomplete?: string;
}

/**
 * A textarea's text as HTML must carry it: line ends as a browser posts them (CRLF) made plain, and a leading
 * blank line doubled, since HTML drops one line break straight after `<textarea>`.
 */
export function textAreaValue(value: string | undefined): string {
  const text = (value ?? '').replace(/\r\n?/g, '\n');
  return text.startsWith('\n') ? `\n${text}` : text;
}

/** A multi-line input. No maxlength: silently cut text is worse than an error. */
export function TextArea(p: TextAreaProps) {
  return (
    <Labelled
      {...p}
      control={({ id, describedBy }) => (
        <textarea
          class={cx('textarea', p.error && 'input--error')}
          id={id}
          name={p.name}
          rows={p.rows ?? 5}
          autocomplete={p.autocomplete}
          required={p.required}
          aria-describedby={describedBy}
          aria-invalid={p.error ? 'true' : undefined}
        >
          {textAreaValue(p.value)}
        </textarea>
      )}
    />
  );
}

/** Props of `FileField`. */
export interface FileFieldProps extends FieldProps {
  /** The types the picker offers, e.g. `application/pdf,.pdf`; the server checks the content regardless. */
  accept?: string;
  /** Lets several files be chosen at once (sent as parts of the same name). */
  multiple?: boolean;
}

/**
 * A file input. A browser never refills one after a failed submit, so the hint or error should say that the
 * file must be chosen again while everything else typed is kept.
 */
export function FileField(p: FileFieldProps) {
  return (
    <Labelled
      {...p}
      control={({ id, describedBy }) => (
        <input
          class={cx('file-upload', p.error && 'input--error')}
          id={id}
          name={p.name}
          type="file"
          accept={p.accept}
          multiple={p.multiple}
          required={p.required}
          aria-describedby={describedBy}
          aria-invalid={p.error ? 'true' : undefined}
        />
      )}
    />
  );
}

/** Props of `Button`. */
export interface ButtonProps {
  children?: Child;
  variant?: 'primary' | 'secondary' | 'warning';
  type?: 'submit' | 'button';
  name?: string;
  value?: string;
  /** Renders a link that looks like a button (e.g. a start button). */
  href?: string;
}

/** A button. Submit buttons ignore a second click within a moment (enhance.js). */
export function Button({ children, variant = 'primary', type = 'submit', name, value, href }: ButtonProps) {
  const cls = `button button--${variant}`;
  if (href) {
    return (
      <a class={cls} href={href} draggable="false">
        {children}
      </a>
    );
  }
  return (
    <button class={cls} type={type} name={name} value={value} data-prevent-double-click="">
      {children}
    </button>
  );
}

/** The hidden CSRF token field, named as @fastify/csrf-protection expects. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** Props of `Form`: POST forms must carry a CSRF token; GET forms must not leak one into URLs. */
export type FormProps = {
  action: string;
  children?: Child;
  enctype?: 'application/x-www-form-urlencoded' | 'multipart/form-data';
  class?: string;
} & ({ method?: 'post'; csrfToken: string } | { method: 'get'; csrfToken?: undefined });

/** A form with `novalidate` and, for POST, the CSRF field. */
export function Form(p: FormProps) {
  const method = p.method ?? 'post';
  return (
    <form class={cx('form', p.class)} action={p.action} method={method} enctype={p.enctype} novalidate>
      {method === 'post' && p.csrfToken !== undefined ? <CsrfField token={p.csrfToken} /> : null}
      {p.children}
    </form>
  );
}

/**
 * The list of problems shown at the top of a page after a failed submit; focused
 * on load by enhance.js. Renders nothing when there are no errors.
 */
export function ErrorSummary({ errors, lang }: { errors: readonly FieldError[]; lang?: Lang }) {
  const l = useLang(lang);
  if (errors.length === 0) return null;
  return (
    <div
      class="error-summary"
      role="alert"
      tabindex={-1}
      aria-labelledby="error-summary-title"
      data-error-summary=""
    >
      <h2 class="error-summary-title" id="error-summary-title">
        {t(l, 'error.summaryTitle')}
      </h2>
      <ul class="error-summary-list">
        {errors.map((e) => (
          <li>
            <a href={`#${fieldId(e.field)}`}>
              {e.needsLabel ? <LabelledMessage field={e.field} message={e.message} lang={l} /> : e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
