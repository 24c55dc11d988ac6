import type { Role, Scope } from '../db/schema.ts';

export const roles: readonly Role[] = [
  'window-clerk',
  'reviewer',
  'approver',
  'supervisor',
  'discipline-inspector',
  'finance-officer',
  'letter-handler',
  'content-editor',
  'network-spokesperson',
  'administrator',
  'auditor',
  'traffic-officer',
];

export const scopes: readonly Scope[] = ['unit', 'subtree', 'all'];

const roleLabels: Record<Role, { zh: string; en: string }> = {
  'window-clerk': { zh: '窗口受理员', en: 'Window clerk' },
  reviewer: { zh: '审核民警', en: 'Reviewer' },
  approver: { zh: '审批领导', en: 'Approver' },
  supervisor: { zh: '督办人员', en: 'Supervisor' },
  'discipline-inspector': { zh: '纪检督察', en: 'Discipline inspector' },
  'finance-officer': { zh: '财务人员', en: 'Finance officer' },
  'letter-handler': { zh: '信件办理员', en: 'Letter handler' },
  'content-editor': { zh: '内容编辑', en: 'Content editor' },
  'network-spokesperson': { zh: '网络发言人', en: 'Network spokesperson' },
  administrator: { zh: '系统管理员', en: 'Administrator' },
  auditor: { zh: '安全审计员', en: 'Auditor' },
  'traffic-officer': { zh: '交通民警', en: 'Traffic officer' },
};

const scopeLabels: Record<Scope, { zh: string; en: string }> = {
  unit: { zh: '本单位', en: 'Own unit' },
  subtree: { zh: '本单位及下级', en: 'Own unit and below' },
  all: { zh: '全部', en: 'All units' },
};

export function roleLabel(role: Role, lang: 'zh' | 'en'): string {
  return roleLabels[role][lang];
}

export function scopeLabel(scope: Scope, lang: 'zh' | 'en'): string {
  return scopeLabels[scope][lang];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (scopes as readonly string[]).includes(value);
}
