import {
  fieldLabel,
  formFields,
  listFields,
  type FormField,
  type Problem,
} from './catalog-authoring.fields.ts';
import { englishToInput, readEnglish } from './catalog-authoring.english.ts';
import { nestedFromGroups } from './catalog-authoring.groups.ts';
import { readNestedJson } from './catalog-authoring.json.ts';
import type { EditorInput } from './catalog-authoring.tables.ts';

// The editor's form and the service item, both ways (the fields are catalog-authoring.fields.ts).
//
// Reading a form never fails: whatever was typed becomes the best item it can, and what could not be read is
// reported by field; catalog-authoring.check.ts adds the schema and the publication rules.

// ---------------------------------------------------------------------------------------------- item → form

const NESTED_KEYS = ['situations', 'steps', 'places', 'faq'] as const;

function at(value: unknown, ...path: (string | number)[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const yesNo = (v: unknown): string => (v === true ? 'yes' : v === false ? 'no' : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === 'string');

export function fenToYuan(fen: number): string {
  const whole = Math.trunc(fen / 100);
  const rest = fen % 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, '0')}`;
}

/** The editor's fields for an item (or for what a draft has of one). */
export function itemToInput(item: unknown): EditorInput {
  const courier: string[] = [];
  if (at(item, 'courier', 'materials') === true) courier.push('materials');
  if (at(item, 'courier', 'results') === true) courier.push('results');
  const nested: Record<string, unknown> = {};
  for (const key of NESTED_KEYS) nested[key] = at(item, key) ?? [];
  return {
    nameZh: str(at(item, 'name', 'zh')),
    nameEn: str(at(item, 'name', 'en')),
    summaryZh: str(at(item, 'summary', 'zh')),
    summaryEn: str(at(item, 'summary', 'en')),
    codeBasic: str(at(item, 'code', 'basic')),
    codeImplementation: str(at(item, 'code', 'implementation')),
    area: str(at(item, 'area')),
    itemType: str(at(item, 'itemType')),
    audience: str(at(item, 'audience')),
    lifeEvents: strings(at(item, 'lifeEvents')),
    unitCode: str(at(item, 'implementingUnit', 'unitCode')),
    unitName: str(at(item, 'implementingUnit', 'name')),
    unitLevel: str(at(item, 'implementingUnit', 'level')),
    legalBasis: list(at(item, 'legalBasis'))
      .map((b) => {
        const article = str(at(b, 'article'));
        return article ? `${str(at(b, 'title'))} | ${article}` : str(at(b, 'title'));
      })
      .join('\n'),
    acceptanceConditions: strings(at(item, 'acceptanceConditions')).join('\n'),
    statutoryValue: str(at(item, 'timeLimits', 'statutory', 'value')),
    statutoryUnit: str(at(item, 'timeLimits', 'statutory', 'unit')),
    promisedValue: str(at(item, 'timeLimits', 'promised', 'value')),
    promisedUnit: str(at(item, 'timeLimits', 'promised', 'unit')),
    immediate: yesNo(at(item, 'timeLimits', 'immediate')),
    timeNote: str(at(item, 'timeLimits', 'note')),
    instantReview: yesNo(at(item, 'instantReview')),
    feeCharged: yesNo(at(item, 'fees', 'charged')),
    feeItems: list(at(item, 'fees', 'items'))
      .map((f) => {
        const amount = at(f, 'amountFen');
        const parts = [
          str(at(f, 'name')),
          typeof amount === 'number' ? fenToYuan(amount) : '',
          str(at(f, 'basis')),
        ];
        const note = str(at(f, 'note'));
        if (note) parts.push(note);
        return parts.join(' | ');
      })
      .join('\n'),
    feeWaiver: str(at(item, 'fees', 'waiver')),
    onlinePayment: yesNo(at(item, 'onlinePayment')),
    channels: strings(at(item, 'channels')),
    onlineDepth: strings(at(item, 'onlineDepth', 'levels')),
    fullyOnline: yesNo(at(item, 'onlineDepth', 'fullyOnline')),
    visitsCount: str(at(item, 'visits', 'count')),
    visitsReason: str(at(item, 'visits', 'reason')),
    booking: yesNo(at(item, 'booking')),
    courier,
    enquiryPhone: str(at(item, 'enquiryPhone')),
    complaintPhone: str(at(item, 'complaintPhone')),
    review: str(at(item, 'reviewAndLitigation', 'review')),
    litigation: str(at(item, 'reviewAndLitigation', 'litigation')),
    resultType: str(at(item, 'result', 'type')),
    resultName: str(at(item, 'result', 'name')),
    resultSample: str(at(item, 'result', 'sample')),
    keywords: strings(at(item, 'keywords')).join('、'),
    onlineForm: str(at(item, 'onlineForm')),
    nested: JSON.stringify(nested, null, 2),
    ...englishToInput(item),
  };
}

// ---------------------------------------------------------------------------------------------- form → item

/** Keeps only the known fields, as strings or lists of strings, from a parsed form or JSON body. */
export function inputFromBody(body: unknown): EditorInput {
  const out: EditorInput = {};
  if (!body || typeof body !== 'object') return out;
  const raw = body as Record<string, unknown>;
  for (const field of formFields) {
    const v = raw[field];
    if (listFields.includes(field)) {
      out[field] = (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v])
        .filter((x): x is string => typeof x === 'string')
        .map(noNul)
        .slice(0, 50);
    } else if (typeof v === 'string') out[field] = noNul(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out[field] = String(v);
  }
  const fromGroups = nestedFromGroups(raw);
  if (fromGroups !== undefined) out.nested = noNul(fromGroups);
  return out;
}

const LINE_SPLIT = /\r?\n/;
const PART_SPLIT = /\s*[|｜]\s*/;
const KEYWORD_SPLIT = /[,，、;；\r\n]+/;

function yuanToFen(text: string): number | undefined {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * Builds the item from the editor's input. `previous` is the content the draft had before, from which the
 * nested parts are kept when the JSON text cannot be read, so one typo there does not blank the rest.
 */
export function readInput(
  input: EditorInput,
  identity: { id: string; version: number },
  previous: unknown,
): { item: Record<string, unknown>; problems: Problem[] } {
  const problems: Problem[] = [];
  const problem = (field: FormField, zh: string, en: string) =>
    problems.push({ field, kind: 'input', message: { zh, en } });
  const text = (field: FormField): string => {
    const v = input[field];
    return typeof v === 'string' ? v.trim() : '';
  };
  const optional = (field: FormField): string | undefined => text(field) || undefined;
  const values = (field: FormField): string[] => {
    const v = input[field];
    return Array.isArray(v) ? [...new Set(v)] : typeof v === 'string' && v ? [v] : [];
  };
  // A checkbox group posts in the form's order; a save that leaves it alone must not reorder the guide's list
  // (the portal shows it in this order), so entries already there keep their places and new ones follow.
  const inPreviousOrder = (field: FormField, ...path: string[]): string[] => {
    const before = strings(at(previous, ...path));
    const posted = values(field);
    const rank = (v: string) => (before.includes(v) ? before.indexOf(v) : before.length + posted.indexOf(v));
    return [...posted].sort((a, b) => rank(a) - rank(b));
  };
  const choice = (field: FormField): string | undefined => {
    const v = text(field);
    if (!v)
      problem(field, `请选择${fieldLabel[field].zh}。`, `Choose the ${fieldLabel[field].en.toLowerCase()}.`);
    return v || undefined;
  };
  const flag = (field: FormField): boolean | undefined => {
    const v = text(field);
    if (v === 'yes') return true;
    if (v === 'no') return false;
    problem(
      field,
      `请选择${fieldLabel[field].zh}：是或否。`,
      `Say yes or no: ${fieldLabel[field].en.toLowerCase()}.`,
    );
    return undefined;
  };
  const integer = (field: FormField): number | undefined => {
    const v = text(field);
    if (/^\d{1,4}$/.test(v)) return Number(v);
    if (v === '')
      problem(field, `请填写${fieldLabel[field].zh}。`, `Enter the ${fieldLabel[field].en.toLowerCase()}.`);
    else
      problem(
        field,
        `${fieldLabel[field].zh}须为整数，例如 5。`,
        `${fieldLabel[field].en} must be a whole number, like 5.`,
      );
    return undefined;
  };
  const lines = (field: FormField): string[] =>
    text(field)
      .split(LINE_SPLIT)
      .map((l) => l.trim())
      .filter(Boolean);

  const legalBasis = lines('legalBasis').map((line) => {
    const [title = '', ...rest] = line.split(PART_SPLIT);
    const article = rest.join(' ').trim();
    return article ? { title, article } : { title };
  });

  const feeItems: Record<string, unknown>[] = [];
  lines('feeItems').forEach((line, i) => {
    const [name = '', amount = '', basis = '', ...note] = line.split(PART_SPLIT);
    const fen = yuanToFen(amount);
    if (fen === undefined) {
      problem(
        'feeItems',
        `收费项目第${i + 1}行：金额“${amount}”须为以元为单位的数字，例如 120 或 12.50。`,
        `Fee item line ${i + 1}: the amount "${amount}" must be in yuan, like 120 or 12.50.`,
      );
    }
    const fee: Record<string, unknown> = { name, amountFen: fen ?? 0, basis };
    if (note.join(' ').trim()) fee.note = note.join(' ').trim();
    feeItems.push(fee);
  });

  const courier = values('courier');
  const item: Record<string, unknown> = {
    id: identity.id,
    version: identity.version,
    code: { basic: text('codeBasic'), implementation: text('codeImplementation') },
    name: { zh: text('nameZh'), en: text('nameEn') },
    summary: { zh: text('summaryZh'), en: text('summaryEn') },
    area: choice('area'),
    audience: choice('audience'),
    lifeEvents: inPreviousOrder('lifeEvents', 'lifeEvents'),
    itemType: choice('itemType'),
    legalBasis,
    implementingUnit: { unitCode: text('unitCode'), name: text('unitName'), level: choice('unitLevel') },
    acceptanceConditions: lines('acceptanceConditions'),
    timeLimits: {
      statutory: { value: integer('statutoryValue'), unit: choice('statutoryUnit') },
      promised: { value: integer('promisedValue'), unit: choice('promisedUnit') },
      immediate: flag('immediate'),
      note: optional('timeNote'),
    },
    fees: { charged: flag('feeCharged'), items: feeItems, waiver: optional('feeWaiver') },
    onlinePayment: flag('onlinePayment'),
    channels: inPreviousOrder('channels', 'channels'),
    onlineDepth: {
      levels: inPreviousOrder('onlineDepth', 'onlineDepth', 'levels'),
      fullyOnline: flag('fullyOnline'),
    },
    visits: { count: integer('visitsCount'), reason: optional('visitsReason') },
    instantReview: flag('instantReview'),
    booking: flag('booking'),
    courier: { materials: courier.includes('materials'), results: courier.includes('results') },
    enquiryPhone: text('enquiryPhone'),
    complaintPhone: text('complaintPhone'),
    reviewAndLitigation: { review: text('review'), litigation: text('litigation') },
    result: { type: choice('resultType'), name: optional('resultName'), sample: optional('resultSample') },
    onlineForm: optional('onlineForm'),
    keywords: [
      ...new Set(
        text('keywords')
          .split(KEYWORD_SPLIT)
          .map((k) => k.trim())
          .filter(Boolean),
      ),
    ],
  };

  readEnglish(input, item, problem);

  const nestedText = typeof input.nested === 'string' ? input.nested : '';
  let nested: unknown;
  if (nestedText.trim() === '') nested = {};
  else {
    const read = readNestedJson(nestedText);
    if ('value' in read) nested = read.value;
    else problems.push({ field: 'nested', kind: 'input', message: read.problem });
  }
  if (nested !== undefined && (nested === null || typeof nested !== 'object' || Array.isArray(nested))) {
    problem(
      'nested',
      'JSON 须为一个对象，包含 situations、steps、places、faq 四项。',
      'The JSON must be one object with situations, steps, places and faq.',
    );
    nested = undefined;
  }
  if (nested === undefined) {
    for (const key of NESTED_KEYS) item[key] = at(previous, key) ?? [];
  } else {
    const obj = nested as Record<string, unknown>;
    const unknown = Object.keys(obj).filter((k) => !(NESTED_KEYS as readonly string[]).includes(k));
    if (unknown.length > 0) {
      problem(
        'nested',
        `JSON 中有未知项：${unknown.join('、')}；只能包含 situations、steps、places、faq。`,
        `Unknown keys in the JSON: ${unknown.join(', ')}; only situations, steps, places and faq belong here.`,
      );
    }
    for (const key of NESTED_KEYS) item[key] = obj[key] ?? [];
  }

  return { item: withoutUndefined(item) as Record<string, unknown>, problems };
}

/**
 * JSON's view of the value: what jsonb stores and what the schema should judge (no undefined, no functions).
 * PostgreSQL refuses NUL in jsonb text and keys, and nothing in a guide needs one, so NULs (typed, or escaped
 * in the JSON part) are dropped.
 */
function withoutUndefined(value: unknown): unknown {
  const clean = (v: unknown): unknown => {
    if (typeof v === 'string') return noNul(v);
    if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : clean(x)));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      // defineProperty, so a "__proto__" key in the JSON stays a plain (unknown, reported) field.
      for (const [k, x] of Object.entries(v))
        if (x !== undefined)
          Object.defineProperty(out, noNul(k), {
            value: clean(x),
            enumerable: true,
            writable: true,
            configurable: true,
          });
      return out;
    }
    return typeof v === 'number' && !Number.isFinite(v) ? null : v;
  };
  return clean(value);
}

const noNul = (s: string): string => s.replaceAll('\u0000', '');
