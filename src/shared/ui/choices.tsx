import { langOf } from './as-written.tsx';
import type { Child } from 'hono/jsx';
import { t } from '../i18n/index.ts';
import { cx, fieldParts, LabelBlock, type FieldProps } from './forms.tsx';

/** Choice controls: selects, radio groups and checkbox groups. Groups are fieldsets with a legend. */

/** One option of a select, radio group or checkbox group. */
export interface Choice {
  value: string;
  label: Child;
  hint?: Child;
  /** The label's language when it differs from the page's (a Chinese place name on an English page). */
  lang?: string | undefined;
}

/** Props of `Select`. */
export interface SelectProps extends FieldProps {
  options: Choice[];
  value?: string;
  /** Adds a first empty "请选择" option, so no answer is pre-chosen for the user. */
  placeholder?: boolean;
}

/** A drop-down list. Prefer `Radios` for fewer than about eight options. */
export function Select(p: SelectProps) {
  const { lang, id, describedBy, mark, hint, error } = fieldParts(p);
  return (
    <div class={cx('form-group', p.error && 'form-group--error')}>
      <LabelBlock forId={id} label={p.label} mark={mark} asHeading={p.asHeading} />
      {hint}
      {error}
      <select
        class={cx('select', p.error && 'input--error')}
        id={id}
        name={p.name}
        required={p.required}
        aria-describedby={describedBy}
        aria-invalid={p.error ? 'true' : undefined}
      >
        {p.placeholder ? <option value="">{t(lang, 'form.choose')}</option> : null}
        {p.options.map((o) => (
          <option
            value={o.value}
            selected={o.value === p.value}
            lang={o.lang ?? (typeof o.label === 'string' ? langOf(lang, o.label) : undefined)}
          >
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Props of `Radios` and `Checkboxes`: the label becomes the fieldset's legend. */
export interface ChoiceGroupProps extends Omit<FieldProps, 'label'> {
  legend: Child;
  items: Choice[];
  /** Lays short options side by side (e.g. 是 / 否). */
  inline?: boolean;
}

function ChoiceGroup(
  p: ChoiceGroupProps & { type: 'radio' | 'checkbox'; isChecked: (v: string) => boolean },
) {
  const { id, describedBy, mark, hint, error } = fieldParts({ ...p, label: p.legend });
  return (
    <div class={cx('form-group', p.error && 'form-group--error')}>
      <fieldset class="fieldset" aria-describedby={describedBy}>
        <legend class={cx('legend', p.asHeading && 'legend--heading')}>
          {p.asHeading ? (
            <h1 class="legend-heading">
              {p.legend}
              {mark}
            </h1>
          ) : (
            <>
              {p.legend}
              {mark}
            </>
          )}
        </legend>
        {hint}
        {error}
        <div class={cx(p.type === 'radio' ? 'radios' : 'checkboxes', p.inline && 'choices--inline')}>
          {p.items.map((item, i) => {
            const itemId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <div class="choice">
                <input
                  class="choice-input"
                  type={p.type}
                  id={itemId}
                  name={p.name}
                  value={item.value}
                  checked={p.isChecked(item.value)}
                  aria-describedby={item.hint ? `${itemId}-hint` : undefined}
                />
                <label class="choice-label" for={itemId}>
                  {item.label}
                </label>
                {item.hint ? (
                  <div class="hint choice-hint" id={`${itemId}-hint`}>
                    {item.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** A single-choice question. */
export function Radios(p: ChoiceGroupProps & { value?: string }) {
  return <ChoiceGroup {...p} type="radio" isChecked={(v) => v === p.value} />;
}

/** A multiple-choice question; also a single declaration tick box with one item. */
export function Checkboxes(p: ChoiceGroupProps & { values?: readonly string[] }) {
  return <ChoiceGroup {...p} type="checkbox" isChecked={(v) => p.values?.includes(v) ?? false} />;
}
