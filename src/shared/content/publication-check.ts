import { createHash } from 'node:crypto';
import { parseIdNumber } from '../validators/id-number.ts';
import { parsePlate } from '../validators/plate.ts';

// The publication check: what must never reach the public site. It runs in the workbench before an article
// goes to review and again when the approver publishes, and the portal runs it once more on what arrives
// through the exchange, so a message that skipped the workbench's check is held back, not shown. It looks for
// the four kinds of data that are never published: ID numbers, private persons' phone numbers, names and
// (in personal contexts) plates and addresses, and text marked secret or internal. Each hit says where it is
// and why; a hit that is a false alarm may be let through by an approver with a reason (the override names the
// hit by its fingerprint, so the personal data itself is not copied into the audit log).

export type HitCategory = 'id-number' | 'phone' | 'name' | 'plate' | 'address' | 'secret';

export interface Hit {
  /** Category and the matched text, hashed: stable across saves, and what an override names. */
  fingerprint: string;
  category: HitCategory;
  /** The part of the article: title, summary, body or one of the column's fields. */
  field: string;
  /** 1-based line within that part. */
  line: number;
  /** The match with its middle hidden, so the page explaining the hit does not repeat the data in full. */
  excerpt: string;
  explanation: { zh: string; en: string };
}

export interface Override {
  fingerprint: string;
  reason: string;
}

export function fingerprintOf(category: HitCategory, match: string): string {
  return createHash('sha256').update(`${category}\u0000${match}`).digest('hex').slice(0, 16);
}

function mask(text: string): string {
  const chars = [...text];
  if (chars.length <= 2) return `${chars[0] ?? ''}*`;
  const keep = Math.max(1, Math.floor(chars.length / 4));
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - 2 * keep) + chars.slice(-keep).join('');
}

const EXPLAIN: Record<HitCategory, { zh: string; en: string }> = {
  'id-number': {
    zh: '身份证号码（校验位正确）：个人身份信息不得公开，请删除或只保留前后几位（如 1101**********0016）。',
    en: 'An ID number (its check digit is right): personal identity data is never published; remove it or keep only a few digits (1101**********0016).',
  },
  phone: {
    zh: '个人电话号码：不得公开私人的手机或固定电话；如需联系方式，请写单位的值班或咨询电话。',
    en: "A private person's phone number: never published; give the unit's duty or enquiry number instead.",
  },
  name: {
    zh: '可能是个人姓名：嫌疑人、当事人等的姓名应隐去（如“张某”）；通缉令等依法公开姓名的，由审核人说明理由后放行。',
    en: 'Probably a private person\'s name: hide the names of suspects and parties ("Zhang X"); where the law requires a name (a wanted notice) the approver lets it through with a reason.',
  },
  plate: {
    zh: '完整车牌号码：车牌可识别车主，请隐去部分字符（如 粤B1***5）。',
    en: "A full number plate: it identifies the vehicle's keeper; hide part of it (粤B1***5).",
  },
  address: {
    zh: '个人住址：不得公开私人的住址或户籍地址，请只写到街道或社区。',
    en: "A private person's address: never published; name the street or community only.",
  },
  secret: {
    zh: '密级或内部标记：标为秘密、机密、内部的内容不得公开。',
    en: 'A secrecy or internal marking: text marked secret or internal is never published.',
  },
};

// Words before a landline that make it the bureau's own number rather than a person's.
const OFFICIAL_NUMBER =
  /(热线|值班|咨询|举报|服务|办公|公安局|分局|派出所|支队|大队|中队|中心|窗口|大厅|警务室|投诉)[^，。；\n]{0,12}$/;
const PERSONAL_NUMBER = /(本人|家属|当事人|嫌疑人|其|他|她|手机|个人)[^，。；\n]{0,8}$/;

const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
);
// Characters that end a name when they follow it in running text ("张三因…", "李四于…").
const NAME_STOP = new Set('因于在被已将等和与的是涉系驾持男女，。、；：（(等某');
const PERSON_ROLE =
  /(犯罪嫌疑人|嫌疑人|当事人|受害人|被害人|报警人|违法行为人|行为人|驾驶人|驾驶员|车主|失主|死者|伤者|被告人|被通缉人|走失人员|失踪人员|失踪者|姓名)[：:\s]*([\u4e00-\u9fff]{2,4})/g;

const ADDRESS =
  /(家住|住在|住址|居住(?:在|于)|暂住(?:在|于)?|户籍(?:所在)?地?|现住)[：:\s]*([^\s，。；,;]{2,40}?\d+(?:号|室|栋|幢|单元|弄|楼))/g;

const SECRET =
  /(绝密|机密|秘密★|★秘密|工作秘密|内部资料|内部文件|内部通报|内部使用|仅限内部|不得外传|不宜公开|[【（(\[]\s*(?:秘密|内部|机密|绝密)\s*[】）)\]])/g;

const ID18 = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const ID15 = /(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9])1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![0-9])/g;
const LANDLINE = /(?<![0-9-])0\d{2,3}[- ]?\d{7,8}(?![0-9])/g;
const PLATE =
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•\s-]?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])/g;

interface Found {
  category: HitCategory;
  match: string;
  index: number;
  /** How many characters of the text the match covers (a phone number's match drops its separators). */
  length: number;
}

function scan(text: string, today: string): Found[] {
  const found: Found[] = [];
  const add = (category: HitCategory, match: string, index: number, length = match.length) =>
    found.push({ category, match, index, length });
  for (const m of text.matchAll(ID18))
    if (parseIdNumber(m[0], { today }).ok) add('id-number', m[0].toUpperCase(), m.index);
  for (const m of text.matchAll(ID15)) if (parseIdNumber(m[0], { today }).ok) add('id-number', m[0], m.index);
  for (const m of text.matchAll(MOBILE)) add('phone', m[0].replace(/[- ]/g, ''), m.index, m[0].length);
  for (const m of text.matchAll(LANDLINE)) {
    const before = text.slice(Math.max(0, m.index - 20), m.index);
    const official = OFFICIAL_NUMBER.exec(before);
    const personal = PERSONAL_NUMBER.exec(before);
    // The nearer context word decides: "派出所民警联系了当事人，其电话…" is a person's number.
    const isOfficial = official && (!personal || official.index > personal.index);
    if (!isOfficial) add('phone', m[0].replace(/[- ]/g, ''), m.index, m[0].length);
  }
  for (const m of text.matchAll(PERSON_ROLE)) {
    const run = m[2] ?? '';
    const [surname = '', ...rest] = [...run];
    if (!SURNAMES.has(surname)) continue;
    let name = surname;
    for (const c of rest) {
      if (NAME_STOP.has(c) || name.length >= 3) break;
      name += c;
    }
    // "张某", "李某某" and a lone surname are already masked.
    if (name.length < 2 || run.includes('某')) continue;
    add('name', name, m.index + m[0].length - run.length);
  }
  for (const m of text.matchAll(PLATE)) if (parsePlate(m[0]).ok) add('plate', m[0], m.index);
  for (const m of text.matchAll(ADDRESS)) {
    const address = m[2] ?? m[0];
    add('address', address, m.index + m[0].length - address.length);
  }
  for (const m of text.matchAll(SECRET)) add('secret', m[0], m.index);
  return found;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Every hit in the given parts of an article, in the order of the parts and then of the text. `today`
 * (YYYY-MM-DD, from the zone's clock) bounds an ID number's birth date, as the validator does.
 */
export function checkPublication(parts: Readonly<Record<string, string>>, today: string): Hit[] {
  const hits: Hit[] = [];
  for (const [field, text] of Object.entries(parts)) {
    const found = scan(text, today).sort((a, b) => a.index - b.index);
    const seen = new Set<string>();
    for (const f of found) {
      const key = `${f.category}:${f.index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({
        fingerprint: fingerprintOf(f.category, f.match),
        category: f.category,
        field,
        line: lineOf(text, f.index),
        excerpt: f.category === 'secret' ? f.match : mask(f.match),
        explanation: EXPLAIN[f.category],
      });
    }
  }
  return hits;
}

/** The hits no override lets through: what blocks publication. */
export function blockingHits(hits: readonly Hit[], overrides: readonly Override[]): Hit[] {
  const allowed = new Set(overrides.map((o) => o.fingerprint));
  return hits.filter((h) => !allowed.has(h.fingerprint));
}

export const categoryNames: Record<HitCategory, { zh: string; en: string }> = {
  'id-number': { zh: '身份证号码', en: 'ID number' },
  phone: { zh: '个人电话', en: 'Private phone number' },
  name: { zh: '个人姓名', en: "Private person's name" },
  plate: { zh: '车牌号码', en: 'Number plate' },
  address: { zh: '个人住址', en: 'Private address' },
  secret: { zh: '涉密或内部标记', en: 'Secret or internal marking' },
};

const REPLACEMENT: Record<Exclude<HitCategory, 'secret'>, (match: string) => string> = {
  'id-number': () => '[身份证号已隐去]',
  phone: () => '[电话已隐去]',
  name: (match) => `${[...match][0] ?? ''}某`,
  plate: (match) => `${[...match].slice(0, 2).join('')}***`,
  address: () => '[住址已隐去]',
};

export interface Redaction {
  text: string;
  /** What was taken out, by category, in the order of the text. */
  removed: HitCategory[];
  /** What cannot be taken out by rewriting (a secrecy marking): the text must not be published at all. */
  blocked: Hit[];
}

/**
 * The text with the personal data the check finds replaced: ID numbers, private phone numbers and addresses by
 * a bracketed note, a private person's name by its surname and 某 (everywhere it recurs), a plate by its first
 * two characters. `alsoRemove` names further texts known to be personal (the writer's own name and mobile).
 * Secrecy markings are not rewritten: they block.
 */
export function redactPersonalData(
  text: string,
  today: string,
  alsoRemove: readonly { text: string; category: 'name' | 'phone' }[] = [],
): Redaction {
  const found = scan(text, today).sort((a, b) => a.index - b.index);
  const blocked = checkPublication({ text }, today).filter((h) => h.category === 'secret');
  const removed: HitCategory[] = [];
  let out = '';
  let at = 0;
  const recurring = new Map<string, 'name' | 'phone'>();
  for (const f of found) {
    if (f.category === 'secret' || f.index < at) continue;
    out += text.slice(at, f.index) + REPLACEMENT[f.category](f.match);
    at = f.index + f.length;
    removed.push(f.category);
    if (f.category === 'name') recurring.set(f.match, 'name');
  }
  out += text.slice(at);
  for (const extra of alsoRemove)
    if (extra.text.trim().length >= 2) recurring.set(extra.text.trim(), extra.category);
  // A name found once beside a role word ("当事人张伟") is the same person wherever it recurs.
  for (const [value, category] of recurring) {
    if (!out.includes(value)) continue;
    out = out.replaceAll(value, REPLACEMENT[category](value));
    removed.push(category);
  }
  return { text: out, removed, blocked };
}
