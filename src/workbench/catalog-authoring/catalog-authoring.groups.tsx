import type { Lang } from '../../shared/i18n/index.ts';
import { Checkboxes, Select } from '../../shared/ui/choices.tsx';
import { TextArea, TextField } from '../../shared/ui/forms.tsx';
import { nestedGroups, type GroupDef, type GroupField, type Nested } from './catalog-authoring.groups.ts';
import { labelText, langText } from './catalog-authoring.words.ts';

// The repeatable parts of the editor's form (catalog-authoring.groups.ts): each entry a fieldset of labelled
// fields, with buttons to move it up or down, remove it, and add another. Each button posts the whole form to
// the editor with `groupOp`, which changes the lists and shows the form again without saving; `formaction`
// carries the list's anchor so the page comes back where the button was.

type Entry = Record<string, unknown>;

interface GroupsProps {
  lang: Lang;
  /** The editor's address, e.g. /catalog/passport-first-issue/edit. */
  action: string;
  groups: Nested;
  /** What is wrong at a path of the item, in the reader's language. */
  pathError: (path: string) => string | undefined;
}

function OpButton(p: { op: string; anchor: string; action: string; children: string; label?: string }) {
  return (
    <button
      type="submit"
      class="button button--secondary button--small"
      name="groupOp"
      value={p.op}
      formaction={`${p.action}#${p.anchor}`}
      aria-label={p.label}
    >
      {p.children}
    </button>
  );
}

function GroupFieldControl(p: {
  lang: Lang;
  field: GroupField;
  name: string;
  value: string;
  error?: string;
}) {
  const { field, name, lang } = p;
  const label = labelText(lang, field.label);
  if (field.kind === 'select' && field.choices) {
    const { labels } = field.choices;
    return (
      <Select
        name={name}
        label={label}
        value={p.value}
        error={p.error}
        placeholder
        options={field.choices.codes.map((c) => ({ value: c, label: labels[c]?.[lang] ?? c }))}
      />
    );
  }
  if (field.kind === 'flag')
    return (
      <Checkboxes
        name={name}
        legend={label}
        values={p.value === 'yes' ? ['yes'] : []}
        error={p.error}
        items={[{ value: 'yes', label: langText(lang, '是', 'Yes') }]}
      />
    );
  if (field.kind === 'textarea')
    return (
      <TextArea
        name={name}
        label={label}
        value={p.value}
        error={p.error}
        rows={2}
        optional={field.optional}
      />
    );
  return (
    <TextField
      name={name}
      label={label}
      value={p.value}
      error={p.error}
      optional={field.optional}
      width={field.kind === 'integer' ? 3 : undefined}
    />
  );
}

function GroupList(
  p: GroupsProps & { def: GroupDef; prefix: string; entries: Entry[]; anchor: string; level: 3 | 4 },
) {
  const { def, lang, action, anchor } = p;
  const title = labelText(lang, def.title);
  const entryName = labelText(lang, def.entry);
  const Heading = p.level === 3 ? 'h3' : 'h4';
  return (
    <section class="catalog-group" id={anchor} aria-labelledby={`${anchor}-title`}>
      <Heading id={`${anchor}-title`}>{title}</Heading>
      {p.entries.length === 0 ? <p>{langText(lang, '尚无条目。', 'None yet.')}</p> : null}
      <ol class="catalog-group-list">
        {p.entries.map((entry, i) => {
          const at = `${p.prefix}[${i}]`;
          const number = `${entryName} ${i + 1}`;
          const children = def.child ? ((entry[def.child.key] as Entry[] | undefined) ?? []) : [];
          return (
            <li class="catalog-group-entry">
              <fieldset class="fieldset">
                <legend class="legend">{number}</legend>
                {def.fields.map((field) => {
                  const name = `${at}.${field.key}`;
                  const raw = entry[field.key];
                  return (
                    <GroupFieldControl
                      lang={lang}
                      field={field}
                      name={name}
                      value={typeof raw === 'string' ? raw : ''}
                      error={p.pathError(name)}
                    />
                  );
                })}
                {def.child ? (
                  <GroupList
                    {...p}
                    def={def.child}
                    prefix={`${at}.${def.child.key}`}
                    entries={children}
                    anchor={`${anchor}-${i}-${def.child.key}`}
                    level={4}
                  />
                ) : null}
                <div class="button-group catalog-group-actions">
                  {i > 0 ? (
                    <OpButton
                      op={`up:${at}`}
                      anchor={anchor}
                      action={action}
                      label={langText(lang, `上移${number}`, `Move up ${number}`)}
                    >
                      {langText(lang, '上移', 'Move up')}
                    </OpButton>
                  ) : null}
                  {i < p.entries.length - 1 ? (
                    <OpButton
                      op={`down:${at}`}
                      anchor={anchor}
                      action={action}
                      label={langText(lang, `下移${number}`, `Move down ${number}`)}
                    >
                      {langText(lang, '下移', 'Move down')}
                    </OpButton>
                  ) : null}
                  <OpButton
                    op={`remove:${at}`}
                    anchor={anchor}
                    action={action}
                    label={langText(lang, `删除${number}`, `Remove ${number}`)}
                  >
                    {langText(lang, '删除', 'Remove')}
                  </OpButton>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <OpButton op={`add:${p.prefix}`} anchor={anchor} action={action}>
        {langText(lang, `添加${entryName}`, `Add a ${entryName.toLowerCase()}`)}
      </OpButton>
    </section>
  );
}

/** Every repeatable part of the guide, in the order of the national field list. */
export function NestedGroups(p: GroupsProps) {
  return (
    <div class="catalog-groups">
      <input type="hidden" name="groups" value="1" />
      {nestedGroups.map((def) => (
        <GroupList
          {...p}
          def={def}
          prefix={def.key}
          entries={p.groups[def.key] ?? []}
          anchor={`group-${def.key}`}
          level={3}
        />
      ))}
    </div>
  );
}
