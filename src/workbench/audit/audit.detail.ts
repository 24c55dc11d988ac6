import type { Lang } from '../../shared/i18n/index.ts';

// An audit entry's detail as a reader meets it: each property under its name in words, values as text, so
// nothing is cut off and nobody reads JSON. Properties no label names yet show under their own key.

const keyLabels: Record<string, { zh: string; en: string }> = {
  from: { zh: '原状态', en: 'From' },
  to: { zh: '新状态', en: 'To' },
  missing: { zh: '所缺材料', en: 'Missing materials' },
  role: { zh: '角色', en: 'Role' },
  unit: { zh: '单位', en: 'Unit' },
  scope: { zh: '管辖范围', en: 'Scope' },
  reason: { zh: '原因', en: 'Reason' },
  rule: { zh: '告警规则', en: 'Rule' },
  flow: { zh: '流向', en: 'Flow' },
  severity: { zh: '级别', en: 'Severity' },
  detail: { zh: '说明', en: 'Detail' },
  detailEn: { zh: '说明（英文）', en: 'Detail (English)' },
  version: { zh: '版本', en: 'Version' },
  factor: { zh: '认证因素', en: 'Factor' },
  personalData: { zh: '涉及个人信息', en: 'Personal data' },
  count: { zh: '数量', en: 'Count' },
  by: { zh: '操作人', en: 'By' },
  attachmentId: { zh: '附件编号', en: 'Attachment' },
  requestId: { zh: '请求编号', en: 'Request' },
  ok: { zh: '结果', en: 'Result' },
  problems: { zh: '问题数', en: 'Problems' },
  rows: { zh: '记录数', en: 'Rows' },
  lastSeq: { zh: '最后序号', en: 'Last seq' },
  raisedAt: { zh: '告警时间', en: 'Raised at' },
  assignee: { zh: '指派给', en: 'Assigned to' },
  name: { zh: '名称', en: 'Name' },
  title: { zh: '标题', en: 'Title' },
  path: { zh: '路径', en: 'Path' },
};

function valueText(value: unknown, lang: Lang): string {
  if (value === true) return lang === 'en' ? 'yes' : '是';
  if (value === false) return lang === 'en' ? 'no' : '否';
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
    return value.map((v) => valueText(v, lang)).join(lang === 'en' ? ', ' : '、');
  return JSON.stringify(value);
}

/** The detail's properties as label and value; `text` and `found` belong to the verify result above. */
export function detailFields(detail: unknown, lang: Lang): { key: string; value: string }[] {
  if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return [];
  return Object.entries(detail as Record<string, unknown>)
    .filter(([key]) => key !== 'text' && key !== 'found')
    .map(([key, value]) => ({
      key: Object.hasOwn(keyLabels, key) ? keyLabels[key]![lang] : key,
      value: valueText(value, lang),
    }));
}

const problemWords: Record<string, { zh: string; en: string }> = {
  altered: { zh: '内容被修改', en: 'altered' },
  inserted: { zh: '被插入', en: 'inserted' },
  deleted: { zh: '有记录被删除', en: 'a row was deleted' },
  'broken-link': { zh: '链接断开', en: 'broken link' },
};

/** A stored "verify now" result in the page's language; an entry from before it kept its figures shows its text. */
export function verifyText(detail: Record<string, unknown>, lang: Lang): string {
  if (typeof detail.rows !== 'number') return String(detail.text ?? '');
  const found = Array.isArray(detail.found) ? (detail.found as { seq: number; problem: string }[]) : [];
  const word = (p: string) => (Object.hasOwn(problemWords, p) ? problemWords[p]![lang] : p);
  if (detail.ok === true)
    return lang === 'en'
      ? `${detail.rows} entries checked; the hash chain is intact${detail.lastSeq ? ` (last seq ${String(detail.lastSeq)})` : ''}.`
      : `已校验 ${detail.rows} 条记录，哈希链完整${detail.lastSeq ? `（最后序号 ${String(detail.lastSeq)}）` : ''}。`;
  const lines = found.map((f) =>
    lang === 'en' ? `seq ${f.seq}: ${word(f.problem)}` : `序号 ${f.seq}：${word(f.problem)}`,
  );
  const head =
    lang === 'en'
      ? `${detail.rows} entries checked; ${String(detail.problems)} problem(s) found:`
      : `已校验 ${detail.rows} 条记录，发现 ${String(detail.problems)} 处问题：`;
  return [head, ...lines].join('\n');
}
