import type { Question, QuestionAnswer, QuestionnaireDefinition } from './questionnaire.shapes.ts';
import { MAX_TEXT_ANSWER } from './questionnaire.shapes.ts';
import type { FieldError } from '../http/errors.ts';

// The rules of a questionnaire both zones apply: the workbench checks a definition when it is saved, the
// portal checks it again on arrival and evaluates the conditions when a response is posted, on the server, so
// the form works without scripts. A field error's message is a key with its arguments after '|'
// (questionnaire.messages.ts words it), so the problem can name the question and the option.

export type QuestionPart = 'label' | 'options' | 'showIf' | 'kind';

const CHOICE_KINDS = new Set(['single', 'multiple']);
export const isChoice = (q: Pick<Question, 'kind'>) => CHOICE_KINDS.has(q.kind);

/**
 * Every problem of a definition, in question order: duplicate ids, a choice question without two options, a
 * scale or text question with options, and a condition naming an unknown question, a question that is not
 * before it, a question that is not a choice question, or an option that question does not have.
 */
export function checkDefinition(
  def: QuestionnaireDefinition,
  fieldOf: (index: number, part: QuestionPart) => string = (i, part) => `questions[${i}].${part}`,
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, { index: number; question: Question }>();
  def.questions.forEach((q, index) => {
    const n = String(index + 1);
    if (seen.has(q.id))
      errors.push({ field: fieldOf(index, 'label'), message: `quest.duplicateId|${n}|${q.id}` });
    if (isChoice(q) && q.options.length < 2)
      errors.push({ field: fieldOf(index, 'options'), message: `quest.fewOptions|${n}` });
    if (!isChoice(q) && q.options.length > 0)
      errors.push({ field: fieldOf(index, 'options'), message: `quest.noOptions|${n}` });
    const optionIds = new Set<string>();
    for (const o of q.options) {
      if (optionIds.has(o.id))
        errors.push({ field: fieldOf(index, 'options'), message: `quest.duplicateOption|${n}` });
      optionIds.add(o.id);
    }
    if (q.showIf) errors.push(...conditionProblems(def, q, index, seen, fieldOf(index, 'showIf')));
    seen.set(q.id, { index, question: q });
  });
  return errors;
}

function conditionProblems(
  def: QuestionnaireDefinition,
  q: Question,
  index: number,
  earlier: Map<string, { index: number; question: Question }>,
  field: string,
): FieldError[] {
  const n = String(index + 1);
  const cond = q.showIf!;
  const before = earlier.get(cond.question);
  if (!before) {
    const later = def.questions.findIndex((other, i) => i >= index && other.id === cond.question);
    const message =
      later === index
        ? `quest.conditionSelf|${n}`
        : later > index
          ? `quest.conditionLater|${n}|${String(later + 1)}`
          : `quest.conditionUnknownQuestion|${n}|${cond.question}`;
    return [{ field, message }];
  }
  const target = String(before.index + 1);
  if (!isChoice(before.question)) return [{ field, message: `quest.conditionNotChoice|${n}|${target}` }];
  if (!before.question.options.some((o) => o.id === cond.option))
    return [{ field, message: `quest.conditionUnknownOption|${n}|${target}|${cond.option}` }];
  return [];
}

/** What a posted form holds for a question: one value, several (checkboxes), or nothing. */
export type RawAnswers = Readonly<Record<string, string | readonly string[] | undefined>>;

const valuesOf = (raw: RawAnswers, id: string): string[] => {
  const v = raw[id];
  if (v === undefined) return [];
  return (typeof v === 'string' ? [v] : [...v]).filter((s) => s.trim() !== '');
};

/** The options validly chosen: known ones only, and for a single choice none if several were sent. */
function validChoices(q: Question, raw: RawAnswers): string[] {
  const values = [...new Set(valuesOf(raw, q.id))];
  if (q.kind === 'single' && values.length > 1) return [];
  return values.filter((v) => q.options.some((o) => o.id === v));
}

/**
 * The questions shown for the answers given so far: a condition looks only at an earlier, shown question's
 * valid answer, so a refused answer never reveals another question.
 */
export function shownQuestions(def: QuestionnaireDefinition, raw: RawAnswers): Question[] {
  const chosen = new Map<string, string[]>();
  const shown: Question[] = [];
  for (const q of def.questions) {
    if (q.showIf && !(chosen.get(q.showIf.question) ?? []).includes(q.showIf.option)) continue;
    shown.push(q);
    if (isChoice(q)) chosen.set(q.id, validChoices(q, raw));
  }
  return shown;
}

/**
 * A posted response read against the definition: answers for the questions shown only (a hidden question's
 * answer is dropped and it is never required), each checked; the problems keyed by question id.
 */
export function readResponse(
  def: QuestionnaireDefinition,
  raw: RawAnswers,
): { answers: QuestionAnswer[]; errors: FieldError[] } {
  const answers: QuestionAnswer[] = [];
  const errors: FieldError[] = [];
  for (const q of shownQuestions(def, raw)) {
    const values = valuesOf(raw, q.id);
    const refuse = (message: string) => errors.push({ field: q.id, message });
    if (values.length === 0) {
      if (q.required) refuse(q.kind === 'text' ? 'quest.answerText' : 'quest.answerChoose');
      continue;
    }
    const answer: QuestionAnswer = { question: q.id, choices: [], scale: null, text: null };
    if (isChoice(q)) {
      const known = new Set(q.options.map((o) => o.id));
      const unique = [...new Set(values)];
      if (unique.some((v) => !known.has(v)) || (q.kind === 'single' && unique.length > 1)) {
        refuse('quest.answerChoose');
        continue;
      }
      answer.choices = unique;
    } else if (q.kind === 'scale') {
      const point = Number(values[0]);
      if (values.length > 1 || !Number.isInteger(point) || point < 1 || point > 5) {
        refuse('quest.answerScale');
        continue;
      }
      answer.scale = point;
    } else {
      const text = values[0]!.trim();
      if (values.length > 1 || [...text].length > MAX_TEXT_ANSWER) {
        refuse('quest.answerTooLong');
        continue;
      }
      answer.text = text;
    }
    answers.push(answer);
  }
  return { answers, errors };
}
