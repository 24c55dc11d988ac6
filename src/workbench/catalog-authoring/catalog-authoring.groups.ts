import {
  materialFormCodes,
  materialFormLabel,
  materialSourceCodes,
  materialSourceLabel,
  materialTypeCodes,
  materialTypeLabel,
  necessityCodes,
  necessityLabel,
  type Label,
} from '../../shared/catalog/index.ts';

// The guide's repeatable parts (situations with their materials, steps, places, FAQ) as form field groups.
// Each field's name is its place in the item, `situations[0].materials[1].name`, the same path the check
// reports a problem at, so a problem lands beside its field. Adding, removing and moving an entry are submit
// buttons (`groupOp`), so the form works without scripts: the server applies the change to what was posted and
// shows the form again, saving nothing.

export type GroupFieldKind = 'text' | 'textarea' | 'select' | 'integer' | 'flag';

export interface GroupField {
  key: string;
  label: Label;
  kind: GroupFieldKind;
  optional?: boolean;
  choices?: { codes: readonly string[]; labels: Record<string, Label> };
}

export interface GroupDef {
  key: string;
  /** The list's heading. */
  title: Label;
  /** One entry's name, numbered on the page: 情形 1, 材料 2. */
  entry: Label;
  fields: readonly GroupField[];
  /** A list inside each entry (a situation's materials). */
  child?: GroupDef;
}

const text = (key: string, zh: string, en: string, optional = false): GroupField => ({
  key,
  label: { zh, en },
  kind: 'text',
  ...(optional ? { optional } : {}),
});
const long = (key: string, zh: string, en: string, optional = false): GroupField => ({
  ...text(key, zh, en, optional),
  kind: 'textarea',
});
const choice = (
  key: string,
  zh: string,
  en: string,
  codes: readonly string[],
  labels: Record<string, Label>,
): GroupField => ({ key, label: { zh, en }, kind: 'select', choices: { codes, labels } });

export const materialsGroup: GroupDef = {
  key: 'materials',
  title: { zh: '申请材料', en: 'Materials' },
  entry: { zh: '材料', en: 'Material' },
  fields: [
    text('name', '材料名称', 'Name'),
    text('nameEn', '材料名称（英文）', 'Name (English)', true),
    text('code', '材料编码（在线申请上传时引用）', 'Code (named by the online form’s uploads)', true),
    choice('type', '材料类型', 'Type', materialTypeCodes, materialTypeLabel),
    choice('form', '材料形式', 'Form', materialFormCodes, materialFormLabel),
    { key: 'copies', label: { zh: '纸质份数', en: 'Paper copies' }, kind: 'integer' },
    choice('necessity', '必要性', 'Necessity', necessityCodes, necessityLabel),
    choice('source', '来源渠道', 'Source', materialSourceCodes, materialSourceLabel),
    {
      key: 'policeCanFetch',
      label: { zh: '公安机关可自行调取', en: 'The police can fetch it' },
      kind: 'flag',
    },
    text('blankForm', '空白表格', 'Blank form', true),
    text('sample', '示例样表', 'Sample', true),
    long('note', '填报说明', 'Note', true),
    long('noteEn', '填报说明（英文）', 'Note (English)', true),
  ],
};

export const nestedGroups: readonly GroupDef[] = [
  {
    key: 'situations',
    title: { zh: '情形与材料', en: 'Situations and materials' },
    entry: { zh: '情形', en: 'Situation' },
    fields: [
      text('id', '情形编码', 'Situation code'),
      text('name', '情形名称', 'Situation name'),
      text('nameEn', '情形名称（英文）', 'Situation name (English)', true),
    ],
    child: materialsGroup,
  },
  {
    key: 'steps',
    title: { zh: '办理流程', en: 'Steps' },
    entry: { zh: '步骤', en: 'Step' },
    fields: [
      text('name', '步骤名称', 'Name'),
      text('nameEn', '步骤名称（英文）', 'Name (English)', true),
      long('description', '步骤说明', 'Description'),
      long('descriptionEn', '步骤说明（英文）', 'Description (English)', true),
    ],
  },
  {
    key: 'places',
    title: { zh: '办理地点', en: 'Places' },
    entry: { zh: '地点', en: 'Place' },
    fields: [
      text('name', '地点名称', 'Name'),
      text('nameEn', '地点名称（英文）', 'Name (English)', true),
      text('address', '地址', 'Address'),
      text('addressEn', '地址（英文）', 'Address (English)', true),
      text('hours', '办公时间', 'Opening hours'),
      text('hoursEn', '办公时间（英文）', 'Opening hours (English)', true),
      text('phone', '联系电话', 'Phone'),
    ],
  },
  {
    key: 'faq',
    title: { zh: '常见问题', en: 'FAQ' },
    entry: { zh: '问题', en: 'Question' },
    fields: [
      text('q', '问题', 'Question'),
      text('qEn', '问题（英文）', 'Question (English)', true),
      long('a', '解答', 'Answer'),
      long('aEn', '解答（英文）', 'Answer (English)', true),
    ],
  },
];

/** The longest text one group field takes; the whole guide's size is the check's. */
export const GROUP_FIELD_MAX = 2000;
/** Field names of the groups, for the editor's route schema. */
export const GROUP_FIELD_NAME =
  '^(?:situations|steps|places|faq)\\[\\d{1,3}\\]\\.[a-zA-Z]+(?:\\[\\d{1,3}\\]\\.[a-zA-Z]+)?$';

type Entry = Record<string, unknown>;
export type Nested = Record<string, Entry[]>;

const groupByKey = new Map(nestedGroups.map((g) => [g.key, g]));

/**
 * The posted group fields as the lists they describe, in their posted order; empty entries stay (an entry
 * just added is empty). Values are the typed text; `toItemValues` makes them the item's types.
 */
export function groupsFromBody(body: Record<string, unknown>): Nested {
  const sparse = new Map<string, Map<number, Entry>>();
  const pattern = new RegExp(GROUP_FIELD_NAME);
  for (const [name, raw] of Object.entries(body)) {
    if (!pattern.test(name)) continue;
    const value = typeof raw === 'string' ? raw : Array.isArray(raw) ? String(raw.at(-1) ?? '') : '';
    const m = /^([a-z]+)\[(\d+)\]\.([a-zA-Z]+)(?:\[(\d+)\]\.([a-zA-Z]+))?$/.exec(name);
    if (!m) continue;
    const [, list = '', index = '0', field = '', childIndex, childField] = m;
    const def = groupByKey.get(list);
    if (!def) continue;
    const entries = sparse.get(list) ?? new Map<number, Entry>();
    sparse.set(list, entries);
    const entry = entries.get(Number(index)) ?? {};
    entries.set(Number(index), entry);
    if (childIndex === undefined) {
      if (def.fields.some((f) => f.key === field)) entry[field] = value;
      continue;
    }
    if (!def.child || def.child.key !== field || !def.child.fields.some((f) => f.key === childField))
      continue;
    const children = (entry[`__${field}`] as Map<number, Entry> | undefined) ?? new Map<number, Entry>();
    entry[`__${field}`] = children;
    const child = children.get(Number(childIndex)) ?? {};
    children.set(Number(childIndex), child);
    child[childField ?? ''] = value;
  }
  const ordered = <T>(m: Map<number, T>): T[] =>
    [...m.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  const out: Nested = {};
  for (const def of nestedGroups) {
    out[def.key] = ordered(sparse.get(def.key) ?? new Map()).map((entry) => {
      if (!def.child) return entry;
      const hidden = `__${def.child.key}`;
      const children = entry[hidden] as Map<number, Entry> | undefined;
      const { [hidden]: _dropped, ...rest } = entry;
      return { ...rest, [def.child.key]: children ? ordered(children) : [] };
    });
  }
  return out;
}

/** A group change asked for by one of the form's buttons: `add:situations[0].materials`, `up:steps[2]`. */
export function applyGroupOp(nested: Nested, op: string): Nested {
  const m = /^(add|remove|up|down):([a-z]+)(?:\[(\d+)\](?:\.([a-z]+)(?:\[(\d+)\])?)?)?$/.exec(op);
  if (!m) return nested;
  const [, verb, list = '', a, childList, b] = m;
  const def = groupByKey.get(list);
  if (!def) return nested;
  const copy: Nested = structuredClone(nested);
  let target = copy[list] ?? [];
  copy[list] = target;
  let index = a === undefined ? undefined : Number(a);
  let entryDef: GroupDef = def;
  if (childList !== undefined) {
    if (!def.child || def.child.key !== childList || index === undefined) return nested;
    const parent = target[index];
    if (!parent) return nested;
    const children = Array.isArray(parent[childList]) ? (parent[childList] as Entry[]) : [];
    parent[childList] = children;
    target = children;
    entryDef = def.child;
    index = b === undefined ? undefined : Number(b);
  }
  if (verb === 'add') {
    if (index !== undefined) return nested;
    target.push(emptyEntry(entryDef));
    return copy;
  }
  if (index === undefined || index >= target.length) return nested;
  if (verb === 'remove') target.splice(index, 1);
  const swap = verb === 'up' ? index - 1 : verb === 'down' ? index + 1 : -1;
  if (swap >= 0 && swap < target.length) {
    const [moved] = target.splice(index, 1);
    if (moved) target.splice(swap, 0, moved);
  }
  return copy;
}

function emptyEntry(def: GroupDef): Entry {
  const entry: Entry = {};
  for (const f of def.fields) entry[f.key] = f.kind === 'flag' ? 'no' : '';
  if (def.child) entry[def.child.key] = [emptyEntry(def.child)];
  return entry;
}

const blank = (v: unknown) => v === undefined || v === '' || v === 'no';

function isEmpty(entry: Entry, def: GroupDef): boolean {
  const own = def.fields.every((f) => blank(entry[f.key]));
  const children = def.child ? ((entry[def.child.key] as Entry[] | undefined) ?? []) : [];
  return own && children.every((c) => (def.child ? isEmpty(c, def.child) : true));
}

/**
 * The lists as the item holds them: numbers as numbers, a ticked box as true, an optional text left empty as
 * absent, and an entry left wholly empty dropped. What does not read as its type stays text, for the check to
 * name at its path.
 */
export function toItemValues(nested: Nested): Nested {
  const convert = (entry: Entry, def: GroupDef): Entry => {
    const out: Entry = {};
    for (const f of def.fields) {
      const v = typeof entry[f.key] === 'string' ? (entry[f.key] as string).trim() : entry[f.key];
      if (f.kind === 'flag') out[f.key] = v === 'yes' || v === true;
      else if (f.kind === 'integer')
        out[f.key] = typeof v === 'string' && /^\d{1,4}$/.test(v) ? Number(v) : v;
      else if (!(f.optional && blank(v))) out[f.key] = v ?? '';
    }
    if (def.child) {
      const children = (entry[def.child.key] as Entry[] | undefined) ?? [];
      const child = def.child;
      out[child.key] = children.filter((c) => !isEmpty(c, child)).map((c) => convert(c, child));
    }
    return out;
  };
  const out: Nested = {};
  for (const def of nestedGroups)
    out[def.key] = (nested[def.key] ?? []).filter((e) => !isEmpty(e, def)).map((e) => convert(e, def));
  return out;
}

/** The item's lists as the form shows them: every value as the text its field holds. */
export function toFormValues(nested: unknown): Nested {
  const asText = (entry: unknown, def: GroupDef): Entry => {
    const e = (entry && typeof entry === 'object' ? entry : {}) as Entry;
    const out: Entry = {};
    for (const f of def.fields) {
      const v = e[f.key];
      out[f.key] =
        f.kind === 'flag'
          ? v === true || v === 'yes'
            ? 'yes'
            : 'no'
          : typeof v === 'string'
            ? v
            : v === undefined || v === null
              ? ''
              : String(v);
    }
    if (def.child) {
      const children = Array.isArray(e[def.child.key]) ? (e[def.child.key] as unknown[]) : [];
      const child = def.child;
      out[child.key] = children.map((c) => asText(c, child));
    }
    return out;
  };
  const source = (nested && typeof nested === 'object' ? nested : {}) as Record<string, unknown>;
  const out: Nested = {};
  for (const def of nestedGroups) {
    const list = source[def.key];
    out[def.key] = Array.isArray(list) ? list.map((e) => asText(e, def)) : [];
  }
  return out;
}

/**
 * The repeatable parts of the editor's input (its `nested` JSON text) as the form shows them. Only a JSON
 * client can send unreadable text: the check names the problem, and the form shows the lists the draft still
 * holds (`fallback`, its content), as the save kept them.
 */
export function groupsOfInput(input: { nested?: unknown }, fallback: unknown): Nested {
  if (typeof input.nested !== 'string' || input.nested.trim() === '') return toFormValues({});
  try {
    return toFormValues(JSON.parse(input.nested));
  } catch {
    return toFormValues(fallback);
  }
}

/**
 * The `nested` text the check reads, from the form's field groups when the page posted them (`groups=1`);
 * a JSON client may still send `nested` itself.
 */
export function nestedFromGroups(body: Record<string, unknown>): string | undefined {
  if (body.groups !== '1') return undefined;
  return JSON.stringify(toItemValues(groupsFromBody(body)));
}
