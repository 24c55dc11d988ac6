import { findDivision } from '../validators/division.ts';
import { parseCreditCode } from '../validators/credit-code.ts';
import { parseIdNumber } from '../validators/id-number.ts';
import { parseMobile } from '../validators/mobile.ts';
import { parsePlate } from '../validators/plate.ts';
import { parseDateInput, resolveDateBound } from './form.dates.ts';
import { applicableAnswers, conditionMet, getPage, numbered } from './form.flow.ts';
import type { FormMessageKey, MessageParams } from './form.messages.ts';
import { formMessage } from './form.messages.ts';
import {
  uploadMediaTypes,
  type Bilingual,
  type FormDefinition,
  type FormPage,
  type GroupField,
  type Profile,
  type Question,
  type UploadField,
} from './form.schema.ts';

// One page's answers, posted as the strings of a form body, checked against its questions and turned into
// typed answers. Input names: `purpose`; a district and address `home.division` and `home.address`; the
// questions of a group's items `seals[0].kind`; the ticked boxes of a multiple choice repeat their name.

export interface DivisionAddress {
  division: string;
  address: string;
}
/** An upload the route has already stored, its type taken from the bytes (file-type), not from the browser. */
export interface UploadedFile {
  id: string;
  name: string;
  mediaType: string;
  size: number;
}
export type SimpleAnswer = string | string[] | DivisionAddress;
export type GroupItem = Record<string, SimpleAnswer>;
export type Answer = SimpleAnswer | GroupItem[] | UploadedFile[];
/** Answers so far, by top-level question id; a question left blank has none. */
export type Answers = Record<string, Answer>;

export type PostedBody = Readonly<Record<string, string | readonly string[] | undefined>>;
export interface PostedPage {
  body: PostedBody;
  /** The files attached to each upload question of the page, those kept from before included. */
  files?: Readonly<Record<string, readonly UploadedFile[]>>;
}

export interface AnswerError {
  /** The input name, so that the error summary can link to the input. */
  field: string;
  key: FormMessageKey;
  params: MessageParams;
  /** The definition's own words (requiredError, patternError), which win over the key's. */
  words?: Bilingual;
}

export type PageResult = { ok: true; answers: Answers } | { ok: false; errors: AnswerError[] };

export function answerErrorText(error: AnswerError, lang: 'zh' | 'en'): string {
  return error.words?.[lang] ?? formMessage(lang, error.key, error.params);
}

export const divisionInput = (name: string): string => `${name}.division`;
export const addressInput = (name: string): string => `${name}.address`;
export const memberInput = (group: string, index: number, member: string): string =>
  `${group}[${index}].${member}`;

/**
 * Checks the posted page. Questions whose condition is not met, given the earlier answers and what this page
 * says above them, are neither checked nor kept. `today` (YYYY-MM-DD, from the caller's clock) bounds dates.
 */
export function validatePage(
  form: FormDefinition,
  pageId: string,
  posted: PostedPage,
  context: { today: string; answers: Answers },
): PageResult {
  const page = getPage(form, pageId);
  const earlier = applicableAnswers(form, withoutPage(page, context.answers));
  const answers: Answers = {};
  const errors: AnswerError[] = [];
  // A page that does not apply asks nothing; the route should not have shown it, but a stale tab may post it.
  if (!conditionMet(page.showIf, earlier)) return { ok: true, answers };
  for (const field of page.fields) {
    if (!conditionMet(field.showIf, { ...earlier, ...answers })) continue;
    const result =
      field.type === 'group'
        ? parseGroup(field, posted.body, context.today)
        : field.type === 'upload'
          ? parseUpload(field, posted.files?.[field.id] ?? [])
          : parseQuestion(field, field.id, posted.body, context.today, field.label);
    errors.push(...result.errors);
    if (result.value !== undefined && result.errors.length === 0) answers[field.id] = result.value;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}

/** The draft after a page is saved: the page's earlier answers replaced by its new ones. */
export function savePage(form: FormDefinition, pageId: string, answers: Answers, page: Answers): Answers {
  return { ...withoutPage(getPage(form, pageId), answers), ...page };
}

function withoutPage(page: FormPage, answers: Answers): Answers {
  const ids = new Set(page.fields.map((f) => f.id));
  return Object.fromEntries(Object.entries(answers).filter(([id]) => !ids.has(id)));
}

interface Parsed<T> {
  value?: T;
  errors: AnswerError[];
}

function single(body: PostedBody, name: string): string {
  const raw = body[name];
  const text = typeof raw === 'string' ? raw : (raw?.[0] ?? '');
  return text.trim();
}

function parseQuestion(
  field: Exclude<Question, GroupField | UploadField>,
  name: string,
  body: PostedBody,
  today: string,
  label: Bilingual,
): Parsed<SimpleAnswer> {
  const fail = (key: FormMessageKey, extra: Partial<MessageParams> = {}, at = name, words?: Bilingual) => ({
    errors: [{ field: at, key, params: { label, ...extra }, ...(words ? { words } : {}) }],
  });
  const missing = (key: FormMessageKey, at = name): Parsed<SimpleAnswer> =>
    field.optional ? { errors: [] } : fail(key, {}, at, field.requiredError);

  if (field.type === 'division-and-address') {
    const division = single(body, divisionInput(name)).normalize('NFKC');
    const address = single(body, addressInput(name));
    if (division === '' && address === '') return missing('division.required', divisionInput(name));
    if (division === '') return fail('division.required', {}, divisionInput(name));
    const found = findDivision(division);
    if (!found) return fail('division.unknown', {}, divisionInput(name));
    if (found.level === 'province' || (found.level === 'prefecture' && hasCounties(division))) {
      return fail('division.tooBroad', {}, divisionInput(name));
    }
    if (address === '') return fail('address.required', {}, addressInput(name));
    const max = field.maxLength ?? 200;
    if ([...address].length > max) return fail('text.tooLong', { max }, addressInput(name));
    return { value: { division, address }, errors: [] };
  }

  if (field.type === 'choice') {
    const raw = body[name];
    const values = (typeof raw === 'string' ? [raw] : (raw ?? [])).map((v) => v.trim()).filter((v) => v);
    if (values.length === 0) return missing('required.choice');
    const options = new Set(field.options.map((o) => o.value));
    if (values.some((v) => !options.has(v)) || (!field.multiple && values.length > 1)) {
      return fail('choice.unknown');
    }
    // Options order, not ticking order, and each value once: the answer does not depend on the browser.
    const ticked = field.options.map((o) => o.value).filter((v) => values.includes(v));
    return { value: field.multiple ? ticked : ticked[0]!, errors: [] };
  }

  const text = single(body, name);
  if (text === '') return missing('required.text');
  switch (field.type) {
    case 'text': {
      const value = field.multiline ? text.replace(/\r\n?/g, '\n') : text;
      const length = [...value].length;
      if (length > field.maxLength) return fail('text.tooLong', { max: field.maxLength });
      if (field.minLength !== undefined && length < field.minLength) {
        return fail('text.tooShort', { min: field.minLength });
      }
      if (field.pattern !== undefined && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value)) {
        return fail('text.pattern', {}, name, field.patternError);
      }
      return { value, errors: [] };
    }
    case 'id-number': {
      const parsed = parseIdNumber(text.normalize('NFKC'), { today });
      return parsed.ok ? { value: parsed.value, errors: [] } : fail(`idNumber.${parsed.code}`);
    }
    case 'credit-code': {
      const parsed = parseCreditCode(text.normalize('NFKC'));
      if (parsed.ok) return { value: parsed.value, errors: [] };
      return fail(parsed.code === 'org-checksum' ? 'creditCode.orgChecksum' : `creditCode.${parsed.code}`);
    }
    case 'plate': {
      const parsed = parsePlate(text.normalize('NFKC'));
      return parsed.ok ? { value: parsed.value, errors: [] } : fail(`plate.${parsed.code}`);
    }
    case 'mobile': {
      const parsed = parseMobile(text.normalize('NFKC'));
      return parsed.ok ? { value: parsed.value, errors: [] } : fail('mobile.format');
    }
    case 'date': {
      const parsed = parseDateInput(text);
      if (!parsed.ok) return fail(parsed.code === 'format' ? 'date.format' : 'date.real');
      const min = field.min === undefined ? undefined : resolveDateBound(field.min, today);
      const max = field.max === undefined ? undefined : resolveDateBound(field.max, today);
      if (min !== undefined && parsed.value < min) return fail('date.tooEarly', { date: min });
      if (max !== undefined && parsed.value > max) return fail('date.tooLate', { date: max });
      return { value: parsed.value, errors: [] };
    }
  }
}

// A prefecture with districts below it is not precise enough for an address; one without (东莞, 中山) is.
function hasCounties(prefecture: string): boolean {
  for (let n = 1; n <= 99; n++) {
    if (findDivision(prefecture.slice(0, 4) + String(n).padStart(2, '0'))) return true;
  }
  return false;
}

function parseGroup(field: GroupField, body: PostedBody, today: string): Parsed<GroupItem[]> {
  const prefix = `${field.id}[`;
  const indices = new Set<number>();
  for (const key of Object.keys(body)) {
    const match = key.startsWith(prefix) ? /^\[(\d{1,3})\]\./.exec(key.slice(field.id.length)) : null;
    if (match) indices.add(Number(match[1]));
  }
  const items: GroupItem[] = [];
  const errors: AnswerError[] = [];
  for (const index of [...indices].sort((a, b) => a - b)) {
    const names = field.fields.flatMap((m) => {
      const name = memberInput(field.id, index, m.id);
      return m.type === 'division-and-address' ? [divisionInput(name), addressInput(name)] : [name];
    });
    // An item left wholly blank is an empty "add another" block, not an answer.
    if (names.every((name) => single(body, name) === '')) continue;
    const itemLabel = numbered(field.itemLabel, index + 1);
    const item: GroupItem = {};
    for (const member of field.fields) {
      const label = {
        zh: `${itemLabel.zh}：${member.label.zh}`,
        en: `${itemLabel.en}: ${member.label.en}`,
      };
      const parsed = parseQuestion(member, memberInput(field.id, index, member.id), body, today, label);
      errors.push(...parsed.errors);
      if (parsed.value !== undefined) item[member.id] = parsed.value;
    }
    items.push(item);
  }
  if (errors.length > 0) return { errors };
  const params = { label: field.label, min: field.minItems, max: field.maxItems };
  if (items.length === 0 && field.optional) return { errors: [] };
  if (items.length < field.minItems || (items.length === 0 && !field.optional)) {
    return {
      errors: [
        { field: field.id, key: 'group.tooFew', params: { ...params, min: Math.max(1, field.minItems) } },
      ],
    };
  }
  if (items.length > field.maxItems) return { errors: [{ field: field.id, key: 'group.tooMany', params }] };
  return items.length > 0 ? { value: items, errors: [] } : { errors: [] };
}

function parseUpload(field: UploadField, files: readonly UploadedFile[]): Parsed<UploadedFile[]> {
  const label = field.label;
  if (files.length === 0) {
    return field.optional
      ? { errors: [] }
      : {
          errors: [
            {
              field: field.id,
              key: 'required.upload',
              params: { label },
              ...(field.requiredError ? { words: field.requiredError } : {}),
            },
          ],
        };
  }
  const max = field.maxFiles ?? 1;
  if (files.length > max)
    return { errors: [{ field: field.id, key: 'upload.tooMany', params: { label, max } }] };
  const allowed = new Set(field.accept.map((t) => uploadMediaTypes[t]));
  for (const file of files) {
    if (!allowed.has(file.mediaType)) {
      return { errors: [{ field: field.id, key: 'upload.type', params: { label, types: field.accept } }] };
    }
    if (file.size > field.maxBytes) {
      return {
        errors: [{ field: field.id, key: 'upload.tooLarge', params: { label, bytes: field.maxBytes } }],
      };
    }
  }
  return { value: [...files], errors: [] };
}

/**
 * The values a page's inputs show: what was answered before, else what the verified profile fills in. The
 * inverse of validatePage, for pages shown again (going back, resuming a draft on another device).
 */
export function pageInputs(
  page: FormPage,
  answers: Answers,
  profile: Profile = {},
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const put = (name: string, value: SimpleAnswer): void => {
    if (typeof value === 'string' || Array.isArray(value)) out[name] = value;
    else {
      out[divisionInput(name)] = value.division;
      out[addressInput(name)] = value.address;
    }
  };
  for (const field of page.fields) {
    const answer = answers[field.id];
    if (field.type === 'upload') continue;
    if (field.type === 'group') {
      (answer as GroupItem[] | undefined)?.forEach((item, index) => {
        for (const [member, value] of Object.entries(item)) put(memberInput(field.id, index, member), value);
      });
      continue;
    }
    if (answer !== undefined) put(field.id, answer as SimpleAnswer);
    else if (field.prefill !== undefined) {
      const value = profile[field.prefill as keyof Profile];
      if (value === undefined) continue;
      if (field.type === 'division-and-address') out[addressInput(field.id)] = value;
      else out[field.id] = field.type === 'choice' && field.multiple ? [value] : value;
    }
  }
  return out;
}
