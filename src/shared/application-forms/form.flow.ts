import { findDivision } from '../validators/division.ts';
import type { Answer, Answers, DivisionAddress, GroupItem, UploadedFile } from './form.answers.ts';
import { displayDate } from './form.dates.ts';
import { summaryWords } from './form.messages.ts';
import type {
  Bilingual,
  Condition,
  FormDefinition,
  FormField,
  FormPage,
  GroupMember,
} from './form.schema.ts';

// Which pages and questions apply given the answers so far, the way through them, and the check-your-answers
// summary. Conditions look only backwards (form.load.ts refuses anything else), so one pass in page order
// decides everything: an answer whose question a later change made inapplicable is simply not carried over,
// and neither is anything that depended on it.

export class FormFlowError extends Error {
  override readonly name = 'FormFlowError';
}

export function findPage(form: FormDefinition, pageId: string): FormPage | undefined {
  return form.pages.find((p) => p.id === pageId);
}

export function getPage(form: FormDefinition, pageId: string): FormPage {
  const page = findPage(form, pageId);
  if (!page) throw new FormFlowError(`form ${form.id}@${form.version} has no page "${pageId}"`);
  return page;
}

function isAnswered(value: Answer | undefined): boolean {
  return value !== undefined && !(Array.isArray(value) && value.length === 0);
}

export function conditionMet(condition: Condition | undefined, answers: Answers): boolean {
  if (!condition) return true;
  const value = answers[condition.field];
  const answered = isAnswered(value);
  if (condition.answered !== undefined) return answered === condition.answered;
  if (!answered) return false;
  const chosen = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter(isString) : [];
  if (condition.equals !== undefined) return chosen.includes(condition.equals);
  return (condition.oneOf ?? []).some((v) => chosen.includes(v));
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

interface Walk {
  pages: FormPage[];
  fields: Map<string, FormField>;
  answers: Answers;
}

function walk(form: FormDefinition, answers: Answers): Walk {
  const kept: Answers = {};
  const pages: FormPage[] = [];
  const fields = new Map<string, FormField>();
  for (const page of form.pages) {
    if (!conditionMet(page.showIf, kept)) continue;
    let shown = false;
    for (const field of page.fields) {
      if (!conditionMet(field.showIf, kept)) continue;
      shown = true;
      fields.set(field.id, field);
      const value = answers[field.id];
      if (value !== undefined) kept[field.id] = value;
    }
    if (shown) pages.push(page);
  }
  return { pages, fields, answers: kept };
}

/** The answers to questions that apply; the rest are dropped from the summary and from the submission. */
export function applicableAnswers(form: FormDefinition, answers: Answers): Answers {
  return walk(form, answers).answers;
}

export function applicablePages(form: FormDefinition, answers: Answers): FormPage[] {
  return walk(form, answers).pages;
}

export function isApplicable(form: FormDefinition, pageId: string, answers: Answers): boolean {
  return applicablePages(form, answers).some((p) => p.id === pageId);
}

/** The page after `pageId`; none means the check-your-answers page comes next. */
export function nextPage(form: FormDefinition, pageId: string, answers: Answers): FormPage | undefined {
  const position = form.pages.indexOf(getPage(form, pageId));
  return applicablePages(form, answers).find((p) => form.pages.indexOf(p) > position);
}

/** The page before `pageId`; none means the start page comes before. */
export function previousPage(form: FormDefinition, pageId: string, answers: Answers): FormPage | undefined {
  const position = form.pages.indexOf(getPage(form, pageId));
  return applicablePages(form, answers).findLast((p) => form.pages.indexOf(p) < position);
}

/** Page n of m among the pages that apply; none when the page does not apply. */
export function progress(
  form: FormDefinition,
  pageId: string,
  answers: Answers,
): { current: number; total: number } | undefined {
  const pages = applicablePages(form, answers);
  const index = pages.findIndex((p) => p.id === pageId);
  return index < 0 ? undefined : { current: index + 1, total: pages.length };
}

/** The first page with a required question unanswered: where a resumed draft continues. */
export function firstIncompletePage(form: FormDefinition, answers: Answers): FormPage | undefined {
  const { pages, answers: kept } = walk(form, answers);
  return pages.find((page) =>
    page.fields.some(
      (field) => !field.optional && conditionMet(field.showIf, kept) && !isAnswered(kept[field.id]),
    ),
  );
}

/** What goes to the police: the form's id and version and the answers that apply, once complete. */
export function submission(
  form: FormDefinition,
  answers: Answers,
): { formId: string; formVersion: number; answers: Answers } {
  const incomplete = firstIncompletePage(form, answers);
  if (incomplete) throw new FormFlowError(`page "${incomplete.id}" is not complete`);
  return { formId: form.id, formVersion: form.version, answers: applicableAnswers(form, answers) };
}

export interface SummaryRow {
  field: string;
  label: string;
  /** One line each; a group gives one line per item, an upload one per file. */
  value: string[];
  answered: boolean;
}
export interface SummarySection {
  page: string;
  title: string;
  rows: SummaryRow[];
}

/** The check-your-answers page: every question that applies, by page, with its answer as shown. */
export function summary(form: FormDefinition, answers: Answers, lang: 'zh' | 'en'): SummarySection[] {
  const { pages, fields, answers: kept } = walk(form, answers);
  return pages.map((page) => ({
    page: page.id,
    title: page.title[lang],
    rows: page.fields
      .filter((field) => fields.has(field.id))
      .map((field) => {
        const value = kept[field.id];
        const answered = isAnswered(value);
        return {
          field: field.id,
          label: field.label[lang],
          value: answered ? display(field, value as Answer, lang) : [summaryWords.notGiven[lang]],
          answered,
        };
      }),
  }));
}

const placeholderDivisions = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** An item label with its number: 曾用名{n} → 曾用名2. */
export function numbered(label: Bilingual, n: number): Bilingual {
  return { zh: label.zh.replaceAll('{n}', String(n)), en: label.en.replaceAll('{n}', String(n)) };
}

function display(field: FormField | GroupMember, value: Answer, lang: 'zh' | 'en'): string[] {
  switch (field.type) {
    case 'group':
      return (value as GroupItem[]).map((item, index) => {
        const parts = field.fields.flatMap((member) =>
          item[member.id] === undefined ? [] : display(member, item[member.id]!, lang),
        );
        const separator = lang === 'zh' ? '，' : ', ';
        return `${numbered(field.itemLabel, index + 1)[lang]}${lang === 'zh' ? '：' : ': '}${parts.join(separator)}`;
      });
    case 'upload':
      return (value as UploadedFile[]).map((file) => file.name);
    case 'choice': {
      const chosen = typeof value === 'string' ? [value] : (value as string[]);
      const labels = chosen.map((v) => field.options.find((o) => o.value === v)?.label[lang] ?? v);
      return [labels.join(summaryWords.listSeparator[lang])];
    }
    case 'date':
      return [displayDate(value as string, lang)];
    case 'division-and-address': {
      const { division, address } = value as DivisionAddress;
      const found = findDivision(division);
      // 北京市 + 市辖区 + 朝阳区 reads 北京市朝阳区: the placeholder levels are not places.
      const names = found ? [...found.parents.map((p) => p.name), found.name] : [division];
      const place = names.filter((name) => !placeholderDivisions.has(name)).join('');
      return [`${place}${address}`];
    }
    case 'text':
      return (value as string).split('\n');
    case 'id-number':
    case 'credit-code':
    case 'plate':
    case 'mobile':
      return [value as string];
  }
}
