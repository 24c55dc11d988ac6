import type { Lang } from '../http/request-context.ts';
import { displayDate } from './form.dates.ts';
import type { Bilingual } from './form.schema.ts';

// The words of a refused answer, in both languages. A field error carries a key and its parameters rather than
// words, so the same refusal reads in the language of whoever looks at it, and a definition's own words
// (requiredError, patternError) win over these.

export interface MessageParams {
  label: Bilingual;
  min?: number;
  max?: number;
  /** A date bound, YYYY-MM-DD. */
  date?: string;
  /** Allowed upload types, e.g. ['pdf', 'jpeg']. */
  types?: readonly string[];
  /** A size in bytes. */
  bytes?: number;
}

type Words = (p: MessageParams, label: string) => string;

const zh = {
  'required.text': (_, l) => `请填写${l}`,
  'required.choice': (_, l) => `请选择${l}`,
  'required.upload': (_, l) => `请上传${l}`,
  'text.tooLong': (p, l) => `${l}不能超过${p.max}个字`,
  'text.tooShort': (p, l) => `${l}至少需要${p.min}个字`,
  'text.pattern': (_, l) => `${l}的格式不正确`,
  'idNumber.format': (_, l) => `${l}应为18位：17位数字加1位数字或字母X`,
  'idNumber.checksum': (_, l) => `${l}的校验位不正确，请核对后重新输入`,
  'idNumber.region': (_, l) => `${l}的前两位不是有效的省份代码`,
  'idNumber.birthdate': (_, l) => `${l}中的出生日期不正确`,
  'creditCode.format': (_, l) => `${l}应为18位数字或大写字母（不含I、O、S、V、Z）`,
  'creditCode.checksum': (_, l) => `${l}的校验位不正确，请对照营业执照核对`,
  'creditCode.orgChecksum': (_, l) => `${l}中的组织机构代码校验位不正确，请对照营业执照核对`,
  'plate.format': (_, l) => `请按“京A12345”的格式填写${l}`,
  'plate.province': (_, l) => `${l}的第一个字应为省、自治区、直辖市的简称，如“京”`,
  'plate.authority': (_, l) => `${l}的第二位应为发牌机关代号字母（不含I、O）`,
  'mobile.format': (_, l) => `请填写正确的11位${l}，如 13800000000`,
  'division.required': (_, l) => `请选择${l}所在的区县`,
  'division.unknown': (_, l) => `${l}所选的行政区划不存在，请重新选择`,
  'division.tooBroad': (_, l) => `${l}请选择到区县一级`,
  'address.required': (_, l) => `请填写${l}的详细地址（街道、小区、门牌号）`,
  'date.format': (_, l) => `请按“2026-03-02”的格式填写${l}`,
  'date.real': (_, l) => `${l}不是真实的日期`,
  'date.tooEarly': (p, l) => `${l}不能早于${displayDate(p.date ?? '', 'zh')}`,
  'date.tooLate': (p, l) => `${l}不能晚于${displayDate(p.date ?? '', 'zh')}`,
  'choice.unknown': (_, l) => `请从列出的选项中选择${l}`,
  'group.tooFew': (p, l) => `${l}至少需要填写${p.min}项`,
  'group.tooMany': (p, l) => `${l}最多填写${p.max}项`,
  'upload.type': (p, l) => `${l}只能上传${typeNames(p.types, '、')}格式的文件`,
  'upload.tooLarge': (p, l) => `${l}的每个文件不能超过${size(p.bytes)}`,
  'upload.tooMany': (p, l) => `${l}最多上传${p.max}个文件`,
} satisfies Record<string, Words>;

export type FormMessageKey = keyof typeof zh;

const en: Record<FormMessageKey, Words> = {
  'required.text': (_, l) => `Enter ${lowerFirst(l)}`,
  'required.choice': (_, l) => `Select ${lowerFirst(l)}`,
  'required.upload': (_, l) => `Upload ${lowerFirst(l)}`,
  'text.tooLong': (p, l) => `${l} must be ${p.max} characters or fewer`,
  'text.tooShort': (p, l) => `${l} must be at least ${p.min} characters`,
  'text.pattern': (_, l) => `Enter ${lowerFirst(l)} in the right format`,
  'idNumber.format': (_, l) => `${l} must have 18 characters: 17 digits, then a digit or X`,
  'idNumber.checksum': (_, l) => `The check character of ${lowerFirst(l)} is wrong; check the number`,
  'idNumber.region': (_, l) => `${l} does not start with a valid province code`,
  'idNumber.birthdate': (_, l) => `The date of birth inside ${lowerFirst(l)} is not a real date`,
  'creditCode.format': (_, l) => `${l} must be 18 digits or capital letters (no I, O, S, V or Z)`,
  'creditCode.checksum': (_, l) =>
    `The check character of ${lowerFirst(l)} is wrong; check it against the business licence`,
  'creditCode.orgChecksum': (_, l) =>
    `The organisation code inside ${lowerFirst(l)} is wrong; check it against the business licence`,
  'plate.format': (_, l) => `Enter ${lowerFirst(l)} like 京A12345`,
  'plate.province': (_, l) => `${l} must start with the abbreviation of a province, like 京`,
  'plate.authority': (_, l) =>
    `The second character of ${lowerFirst(l)} must be the issuing office's letter (not I or O)`,
  'mobile.format': (_, l) => `Enter ${lowerFirst(l)} as an 11-digit mobile number, like 13800000000`,
  'division.required': (_, l) => `Select the district or county of ${lowerFirst(l)}`,
  'division.unknown': (_, l) => `The district chosen for ${lowerFirst(l)} does not exist; choose again`,
  'division.tooBroad': (_, l) =>
    `Choose a district or county for ${lowerFirst(l)}, not only a province or city`,
  'address.required': (_, l) => `Enter the street, estate and number of ${lowerFirst(l)}`,
  'date.format': (_, l) => `Enter ${lowerFirst(l)} as a date, like 2026-03-02`,
  'date.real': (_, l) => `${l} must be a real date`,
  'date.tooEarly': (p, l) => `${l} must be on or after ${displayDate(p.date ?? '', 'en')}`,
  'date.tooLate': (p, l) => `${l} must be on or before ${displayDate(p.date ?? '', 'en')}`,
  'choice.unknown': (_, l) => `Select ${lowerFirst(l)} from the options given`,
  'group.tooFew': (p, l) => `${l}: add at least ${p.min}`,
  'group.tooMany': (p, l) => `${l}: add no more than ${p.max}`,
  'upload.type': (p, l) => `${l} must be a ${typeNames(p.types, ' or ')} file`,
  'upload.tooLarge': (p, l) => `Each file for ${lowerFirst(l)} must be smaller than ${size(p.bytes)}`,
  'upload.tooMany': (p, l) => `${l}: upload no more than ${p.max} files`,
};

export const formMessageKeys = Object.keys(zh) as FormMessageKey[];

export function formMessage(lang: Lang, key: FormMessageKey, params: MessageParams): string {
  const words = lang === 'en' ? en : zh;
  return (words[key] as Words)(params, params.label[lang]);
}

/** Words of the check-your-answers page and of the summaries built from it. */
export const summaryWords = {
  notGiven: { zh: '未填写', en: 'Not given' },
  listSeparator: { zh: '、', en: ', ' },
} satisfies Record<string, Bilingual>;

// "Full name" reads "Enter full name"; an initialism ("ID number") keeps its capitals.
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

function typeNames(types: readonly string[] | undefined, separator: string): string {
  return (types ?? []).map((t) => t.toUpperCase()).join(separator);
}

function size(bytes: number | undefined): string {
  const value = bytes ?? 0;
  if (value >= 1024 * 1024) return `${+(value / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(value / 1024))} KB`;
}
