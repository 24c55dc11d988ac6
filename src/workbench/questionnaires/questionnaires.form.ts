import Type, { type TProperties } from 'typebox';
import {
  MAX_OPTIONS,
  MAX_QUESTIONS,
  questionKinds,
  type Question,
  type QuestionKind,
  type QuestionnaireDefinition,
} from '../../exchange/contracts/index.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import { FormBody } from '../../shared/http/schemas.ts';
import { checkDefinition, type QuestionPart } from '../../shared/questionnaires/questionnaire.rules.ts';

// The editor's form, as flat fields so it works without scripts: the title and intro, then one group of fields
// per question slot (`q3_kind`, `q3_zh`, `q3_en`, `q3_required`, `q3_options` one option a line written
// "中文 | English", after its id in brackets once saved, `q3_if` "q1:o2" for "only when question q1 is answered with its option o2"). A slot left
// blank is no question; the page always offers one blank slot more, and "add a question" another.

export const fieldOf = (slot: number, part: string) => `q${String(slot)}_${part}`;

const slotFields: TProperties = {};
for (let i = 1; i <= MAX_QUESTIONS + 1; i++) {
  slotFields[fieldOf(i, 'id')] = Type.Optional(Type.String({ maxLength: 3 }));
  slotFields[fieldOf(i, 'kind')] = Type.Optional(Type.String({ maxLength: 10 }));
  slotFields[fieldOf(i, 'zh')] = Type.Optional(Type.String({ maxLength: 200 }));
  slotFields[fieldOf(i, 'en')] = Type.Optional(Type.String({ maxLength: 200 }));
  slotFields[fieldOf(i, 'required')] = Type.Optional(Type.String({ maxLength: 3 }));
  slotFields[fieldOf(i, 'options')] = Type.Optional(Type.String({ maxLength: 3000 }));
  slotFields[fieldOf(i, 'if')] = Type.Optional(Type.String({ maxLength: 7 }));
}

export const EditorBody = FormBody({
  titleZh: Type.Optional(Type.String({ maxLength: 100 })),
  titleEn: Type.Optional(Type.String({ maxLength: 100 })),
  introZh: Type.Optional(Type.String({ maxLength: 1000 })),
  introEn: Type.Optional(Type.String({ maxLength: 1000 })),
  slots: Type.Optional(Type.String({ maxLength: 2 })),
  op: Type.Optional(Type.Union([Type.Literal('save'), Type.Literal('add')])),
  ...slotFields,
});

const multiline = ['introZh', 'introEn'];
const maxLength: Record<string, number> = {};
for (let i = 1; i <= MAX_QUESTIONS + 1; i++) {
  multiline.push(fieldOf(i, 'options'));
  maxLength[fieldOf(i, 'options')] = 3000;
}
export const editorInput = { multiline, maxLength };

/** How many slots the posted form had (its questions and blanks), within bounds. */
export function slotCount(values: Record<string, string>): number {
  const n = Number(values.slots);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_QUESTIONS + 1) : 1;
}

const isKind = (v: string | undefined): v is QuestionKind =>
  (questionKinds as readonly string[]).includes(v ?? '');

const OPTION_LINE = /^\[(o[1-9][0-9]?)\]\s*(.*)$/;

/**
 * The options of one question, a line each. A line the editor wrote starts with its option's id ("[o2] 满意 |
 * Satisfied") and keeps it wherever the line is moved, so reordering options never re-points a condition or
 * a counted answer; a new line (or a repeated id) takes the next number not yet used in the question.
 */
export function optionsOf(text: string): Question['options'] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const tagged = OPTION_LINE.exec(line);
      return { typedId: tagged?.[1] ?? '', words: (tagged ? tagged[2]! : line).trim() };
    });
  const used = new Set<string>();
  const ids = lines.map(({ typedId }) => {
    if (!typedId || used.has(typedId)) return '';
    used.add(typedId);
    return typedId;
  });
  let next = 1;
  return lines.map(({ words }, i) => {
    let id = ids[i]!;
    if (!id) {
      while (used.has(`o${String(next)}`)) next++;
      id = `o${String(next)}`;
      used.add(id);
    }
    const [zh = '', en = ''] = words.split('|').map((part) => part.trim());
    return { id, label: { zh, en } };
  });
}

/**
 * The definition the form describes, or the problems with it: missing or overlong words, unknown kinds, a
 * malformed condition, then every problem the shared rules find, each at the field that holds it.
 */
export function readEditor(values: Record<string, string>): {
  definition: QuestionnaireDefinition;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const refuse = (field: string, message: string) => errors.push({ field, message });
  const text = (name: string) => (values[name] ?? '').trim();
  const title = { zh: text('titleZh'), en: text('titleEn') };
  if (!title.zh) refuse('titleZh', 'quest.titleZh');
  if (!title.en) refuse('titleEn', 'quest.titleEn');
  const questions: Question[] = [];
  const slots: number[] = [];
  const used = new Set<string>();
  for (let slot = 1; slot <= slotCount(values); slot++) {
    const [zh, en, options] = ['zh', 'en', 'options'].map((p) => text(fieldOf(slot, p)));
    if (!zh && !en && !options) continue;
    if (!zh) refuse(fieldOf(slot, 'zh'), 'quest.labelZh');
    const kind = values[fieldOf(slot, 'kind')];
    if (!isKind(kind)) {
      refuse(fieldOf(slot, 'kind'), 'quest.kind');
      continue;
    }
    const parsed = optionsOf(options ?? '');
    if (parsed.length > MAX_OPTIONS) refuse(fieldOf(slot, 'options'), 'quest.tooManyOptions');
    if (parsed.some((o) => !o.label.zh || o.label.zh.length > 100 || o.label.en.length > 100))
      refuse(fieldOf(slot, 'options'), 'quest.optionWords');
    const cond = text(fieldOf(slot, 'if'));
    const match = /^(q[1-9][0-9]?):(o[1-9][0-9]?)$/.exec(cond);
    if (cond && !match) refuse(fieldOf(slot, 'if'), 'quest.conditionFormat');
    const typedId = text(fieldOf(slot, 'id'));
    const id = /^q[1-9][0-9]?$/.test(typedId) && !used.has(typedId) ? typedId : '';
    if (id) used.add(id);
    questions.push({
      id,
      kind,
      label: { zh: zh ?? '', en: en ?? '' },
      required: values[fieldOf(slot, 'required')] === 'yes',
      options: parsed.slice(0, MAX_OPTIONS),
      showIf: match ? { question: match[1]!, option: match[2]! } : null,
    });
    slots.push(slot);
  }
  // Questions new in this save take the next free numbers, so the ids of those before never change.
  let next = 1;
  for (const q of questions) {
    if (q.id) continue;
    while (used.has(`q${String(next)}`)) next++;
    q.id = `q${String(next)}`;
    used.add(q.id);
  }
  if (questions.length === 0) refuse(fieldOf(1, 'zh'), 'quest.noQuestions');
  if (questions.length > MAX_QUESTIONS)
    refuse(fieldOf(slots[MAX_QUESTIONS]!, 'zh'), 'quest.tooManyQuestions');
  const definition = { title, intro: { zh: text('introZh'), en: text('introEn') }, questions };
  const part: Record<QuestionPart, string> = { label: 'zh', options: 'options', showIf: 'if', kind: 'kind' };
  if (errors.length === 0)
    errors.push(...checkDefinition(definition, (index, p) => fieldOf(slots[index]!, part[p])));
  return { definition, errors };
}

/** The form's values for a saved definition, one slot per question and one blank slot after them. */
export function editorValues(def: QuestionnaireDefinition): Record<string, string> {
  const values: Record<string, string> = {
    titleZh: def.title.zh,
    titleEn: def.title.en,
    introZh: def.intro.zh,
    introEn: def.intro.en,
    slots: String(Math.min(def.questions.length + 1, MAX_QUESTIONS + 1)),
  };
  def.questions.forEach((q, i) => {
    const slot = i + 1;
    values[fieldOf(slot, 'id')] = q.id;
    values[fieldOf(slot, 'kind')] = q.kind;
    values[fieldOf(slot, 'zh')] = q.label.zh;
    values[fieldOf(slot, 'en')] = q.label.en;
    if (q.required) values[fieldOf(slot, 'required')] = 'yes';
    values[fieldOf(slot, 'options')] = q.options
      .map((o) => `[${o.id}] ${o.label.en ? `${o.label.zh} | ${o.label.en}` : o.label.zh}`)
      .join('\n');
    values[fieldOf(slot, 'if')] = q.showIf ? `${q.showIf.question}:${q.showIf.option}` : '';
  });
  return values;
}
