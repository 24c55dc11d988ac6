import { Value } from 'typebox/value';
import {
  checkPublication,
  ServiceItem,
  type Label,
  type ServiceItem as Item,
} from '../../shared/catalog/index.ts';
import { fieldLabel, formFields, type FormField, type Problem } from './catalog-authoring.fields.ts';
import { readInput } from './catalog-authoring.form.ts';
import type { EditorInput } from './catalog-authoring.tables.ts';

// Everything wrong with a guide, at once, keyed by the form field to fix: what could not be read from the form,
// what breaks the item schema, and every publication rule that fails.

export interface Evaluation {
  /** The item as far as the input makes one; a ServiceItem exactly when `schemaValid`. */
  item: Record<string, unknown>;
  schemaValid: boolean;
  /** False when the item's shape was too broken for the publication rules to run. */
  rulesRan: boolean;
  problems: Problem[];
}

// --------------------------------------------------------------------------------------------- field mapping

const fieldByPath: [string, FormField][] = [
  ['name/zh', 'nameZh'],
  ['name/en', 'nameEn'],
  ['name', 'nameZh'],
  ['summary/zh', 'summaryZh'],
  ['summary/en', 'summaryEn'],
  ['summary', 'summaryZh'],
  ['code/basic', 'codeBasic'],
  ['code/implementation', 'codeImplementation'],
  ['code', 'codeBasic'],
  ['area', 'area'],
  ['audience', 'audience'],
  ['lifeEvents', 'lifeEvents'],
  ['itemType', 'itemType'],
  ['legalBasis', 'legalBasis'],
  ['implementingUnit/unitCode', 'unitCode'],
  ['implementingUnit/nameEn', 'unitNameEn'],
  ['implementingUnit/name', 'unitName'],
  ['implementingUnit/level', 'unitLevel'],
  ['implementingUnit', 'unitCode'],
  ['acceptanceConditionsEn', 'acceptanceConditionsEn'],
  ['acceptanceConditions', 'acceptanceConditions'],
  ['timeLimits/statutory/unit', 'statutoryUnit'],
  ['timeLimits/statutory', 'statutoryValue'],
  ['timeLimits/promised/unit', 'promisedUnit'],
  ['timeLimits/promised', 'promisedValue'],
  ['timeLimits/immediate', 'immediate'],
  ['timeLimits/note', 'timeNote'],
  ['timeLimits/noteEn', 'timeNoteEn'],
  ['timeLimits', 'statutoryValue'],
  ['fees/charged', 'feeCharged'],
  ['fees/items', 'feeItems'],
  ['fees/waiver', 'feeWaiver'],
  ['fees/waiverEn', 'feeWaiverEn'],
  ['fees', 'feeCharged'],
  ['onlinePayment', 'onlinePayment'],
  ['channels', 'channels'],
  ['onlineDepth/fullyOnline', 'fullyOnline'],
  ['onlineDepth', 'onlineDepth'],
  ['visits/reason', 'visitsReason'],
  ['visits/reasonEn', 'visitsReasonEn'],
  ['visits', 'visitsCount'],
  ['instantReview', 'instantReview'],
  ['booking', 'booking'],
  ['courier', 'courier'],
  ['enquiryPhone', 'enquiryPhone'],
  ['complaintPhone', 'complaintPhone'],
  ['reviewAndLitigation/litigationEn', 'litigationEn'],
  ['reviewAndLitigation/reviewEn', 'reviewEn'],
  ['reviewAndLitigation/litigation', 'litigation'],
  ['reviewAndLitigation', 'review'],
  ['result/nameEn', 'resultNameEn'],
  ['result/name', 'resultName'],
  ['result/sample', 'resultSample'],
  ['result', 'resultType'],
  ['onlineForm', 'onlineForm'],
  ['keywords', 'keywords'],
  ['situations', 'nested'],
  ['steps', 'nested'],
  ['places', 'nested'],
  ['faq', 'nested'],
];

/** The form field that holds a place in the item, given as `/a/0/b` or `a[0].b`; none for one it does not know. */
export function fieldAtPath(path: string): FormField | undefined {
  const p = path
    .replace(/\[(\d+)\]/g, '/$1')
    .replaceAll('.', '/')
    .replace(/^\/+/, '');
  // A fee's English is typed in its own field, one line per fee, beside the Chinese fee lines.
  if (/^fees\/items\/\d+\/(?:nameEn|noteEn)$/.test(p)) return 'feeItemsEn';
  if (/^fees\/items\/\d+\/basisEn$/.test(p)) return 'feeBasisEn';
  if (/^legalBasis\/\d+\/(?:titleEn|articleEn)$/.test(p)) return 'legalBasisEn';
  for (const [prefix, field] of fieldByPath) {
    if (p === prefix || p.startsWith(prefix + '/')) return field;
  }
  return undefined;
}

/** The form field that holds a place in the item; the name's field for a place no field holds. */
export function fieldForPath(path: string): FormField {
  return fieldAtPath(path) ?? 'nameZh';
}

/** `/situations/0/materials/1/type` → `situations[0].materials[1].type`. */
export function dottedPath(pointer: string): string {
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((seg) => seg.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

// ------------------------------------------------------------------------------------------------- checking

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

function schemaMessage(e: SchemaError): Label {
  const p = e.params;
  switch (e.keyword) {
    case 'required': {
      const names = ((p.requiredProperties as string[] | undefined) ?? []).join(', ');
      return { zh: `缺少必填项 ${names}`, en: `missing ${names}` };
    }
    case 'minLength':
      return { zh: '不能为空', en: 'must not be empty' };
    case 'maxLength':
      return {
        zh: `不能超过 ${String(p.limit)} 个字符`,
        en: `must be at most ${String(p.limit)} characters`,
      };
    case 'minItems':
      return { zh: `至少需要 ${String(p.limit)} 项`, en: `needs at least ${String(p.limit)} entries` };
    case 'enum': {
      const allowed = ((p.allowedValues as unknown[] | undefined) ?? []).map(String).join(', ');
      return { zh: `取值无效，可选：${allowed}`, en: `must be one of: ${allowed}` };
    }
    case 'type':
      return { zh: `类型应为 ${String(p.type)}`, en: `must be of type ${String(p.type)}` };
    case 'uniqueItems':
      return { zh: '有重复项', en: 'has duplicate entries' };
    case 'pattern':
      return { zh: '格式不正确', en: 'has the wrong format' };
    case 'minimum':
      return { zh: `不能小于 ${String(p.limit)}`, en: `must be at least ${String(p.limit)}` };
    case 'maximum':
      return { zh: `不能大于 ${String(p.limit)}`, en: `must be at most ${String(p.limit)}` };
    case 'boolean':
    case 'additionalProperties':
      return { zh: '是未知字段', en: 'is not a known field' };
    default:
      return { zh: e.message, en: e.message };
  }
}

const MAX_SCHEMA_PROBLEMS = 40;

function schemaProblems(item: unknown): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const raw of Value.Errors(ServiceItem, item)) {
    const e = raw as unknown as SchemaError;
    // A missing property is reported on its parent; point at the property itself.
    const missing =
      e.keyword === 'required' ? (e.params.requiredProperties as string[] | undefined) : undefined;
    const pointer = missing?.length === 1 ? `${e.instancePath}/${missing[0]}` : e.instancePath;
    const field = fieldForPath(pointer);
    const path = dottedPath(pointer);
    const m = schemaMessage(e);
    const key = `${field}|${path}|${m.en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const label = fieldLabel[field];
    // Nested parts name the place inside the JSON; a form field's label is enough on its own.
    const where = field === 'nested' || !path.match(/^[a-zA-Z]+(\.[a-zA-Z]+)?$/) ? ` ${path}` : '';
    out.push({
      field,
      kind: 'schema',
      path,
      message: { zh: `${label.zh}${where}：${m.zh}。`, en: `${label.en}${where}: ${m.en}.` },
    });
    if (out.length >= MAX_SCHEMA_PROBLEMS) break;
  }
  return out;
}

/**
 * Everything wrong with the input, at once: what could not be read, what breaks the schema (a field already
 * reported as unreadable is not reported again), and every publication rule that fails.
 */
export function evaluateInput(
  input: EditorInput,
  identity: { id: string; version: number },
  previous: unknown,
): Evaluation {
  const { item, problems: inputProblems } = readInput(input, identity, previous);
  return evaluateItem(item, inputProblems);
}

/** Below the publication contract's 256 KB, leaving room for the message around the item. */
const MAX_ITEM_KB = 200;

export function evaluateItem(item: Record<string, unknown>, inputProblems: Problem[] = []): Evaluation {
  const unreadable = new Set(inputProblems.map((p) => p.field));
  const schema = schemaProblems(item);
  const schemaValid = schema.length === 0;
  let rules: Problem[] = [];
  let rulesRan = true;
  try {
    // The rules are written for a ServiceItem; a draft that breaks the schema usually still has the shape
    // they read (the form always builds it), and when it does not, the rules wait for the shape to be fixed.
    rules = checkPublication(item as unknown as Item).map((p) => ({
      field: fieldForPath(p.field),
      kind: 'rule' as const,
      rule: p.rule,
      path: p.field,
      message: p.message,
    }));
  } catch {
    rulesRan = false;
  }
  const problems = [...inputProblems, ...schema.filter((p) => !unreadable.has(p.field)), ...rules];
  const kb = Math.ceil(Buffer.byteLength(JSON.stringify(item), 'utf8') / 1024);
  if (kb > MAX_ITEM_KB) {
    problems.push({
      field: 'nested',
      kind: 'schema',
      message: {
        zh: `事项内容共 ${kb} KB，超过 ${MAX_ITEM_KB} KB 的上限，无法经边界平台发布；请精简材料说明或常见问题。`,
        en: `The item is ${kb} KB, over the ${MAX_ITEM_KB} KB that can cross the exchange; shorten the materials or FAQ.`,
      },
    });
  }
  const order = (f: FormField) => formFields.indexOf(f);
  // Stable sort: within a field, unreadable input first, then schema, then rules.
  problems.sort((a, b) => order(a.field) - order(b.field));
  return { item, schemaValid, rulesRan, problems };
}
