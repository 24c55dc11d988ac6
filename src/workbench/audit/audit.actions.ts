import type { Lang } from '../../shared/http/request-context.ts';

// The actions written to the audit log so far, with their names for people. Other features add theirs here.
const labels = {
  'staff.login': { zh: '登录成功', en: 'Logged in' },
  'staff.login.failed': { zh: '登录失败', en: 'Login failed' },
  'staff.login.locked': { zh: '账号锁定', en: 'Account locked' },
  'staff.logout': { zh: '退出登录', en: 'Logged out' },
  'staff.totp.enrol': { zh: '绑定动态口令', en: 'Authenticator set up' },
  'staff.totp.reset': { zh: '重置动态口令', en: 'Authenticator reset' },
  'staff.password.reset': { zh: '重置密码', en: 'Password reset' },
  'staff.create': { zh: '创建人员账号', en: 'Account created' },
  'staff.view': { zh: '查看人员信息', en: 'Staff details viewed' },
  'staff.role.assign': { zh: '分配角色', en: 'Role assigned' },
  'staff.role.remove': { zh: '移除角色', en: 'Role removed' },
  'staff.disable': { zh: '停用账号', en: 'Account disabled' },
  'staff.enable': { zh: '启用账号', en: 'Account enabled' },
  'staff.sessions.revoke': { zh: '强制下线', en: 'Sessions ended' },
  'audit.verify': { zh: '校验审计链', en: 'Audit chain verified' },
  'registry.realname-check': { zh: '实名核验（人口信息比对）', en: 'Real-name check against the registry' },
  'exchange.alarm.raise': { zh: '边界交换告警', en: 'Exchange alarm raised' },
  'exchange.alarm.clear': { zh: '边界交换告警解除', en: 'Exchange alarm cleared' },
  'exchange.quarantine.view': { zh: '查看隔离消息', en: 'Quarantined message viewed' },
  'exchange.quarantine.release': { zh: '申请放行隔离消息', en: 'Quarantined message release requested' },
  'exchange.quarantine.discard': { zh: '申请丢弃隔离消息', en: 'Quarantined message discard requested' },
  'exchange.quarantine.done': { zh: '隔离消息处置完成', en: 'Quarantine decision carried out' },
  'open311.key.issue': { zh: '签发 Open311 接口密钥', en: 'Open311 API key issued' },
  'open311.key.revoke': { zh: '吊销 Open311 接口密钥', en: 'Open311 API key revoked' },
  'catalog.import': { zh: '导入办事指南', en: 'Service guides imported' },
  'catalog.create': { zh: '新建办事指南', en: 'Service guide created' },
  'catalog.save': { zh: '保存办事指南草稿', en: 'Service guide draft saved' },
  'catalog.submit': { zh: '提交办事指南审核', en: 'Service guide submitted for review' },
  'catalog.return': { zh: '退回办事指南', en: 'Service guide returned' },
  'catalog.publish': { zh: '发布办事指南', en: 'Service guide published' },
  'catalog.withdraw': { zh: '撤回办事指南', en: 'Service guide withdrawn' },
  'content.create': { zh: '新建稿件', en: 'Article created' },
  'content.save': { zh: '保存稿件草稿', en: 'Article draft saved' },
  'content.submit': { zh: '提交稿件审核', en: 'Article submitted for review' },
  'content.return': { zh: '退回稿件', en: 'Article returned' },
  'content.override': { zh: '发布检查误报放行', en: 'Publication check hit let through' },
  'content.schedule': { zh: '稿件定时发布', en: 'Article scheduled' },
  'content.publish': { zh: '发布稿件', en: 'Article published' },
  'content.withdraw': { zh: '撤回稿件', en: 'Article withdrawn' },
  'content.expire': { zh: '稿件到期下线', en: 'Article taken down on schedule' },
  'appointments.pattern.add': { zh: '新增预约时段', en: 'Appointment slot added to the pattern' },
  'appointments.pattern.remove': { zh: '删除预约时段', en: 'Appointment slot removed from the pattern' },
  'appointments.publish': { zh: '发布预约号源', en: 'Appointment slots released' },
  'appointments.view': { zh: '调取预约', en: 'Booking pulled up' },
  'appointments.attended': { zh: '登记预约到场', en: 'Booking marked attended' },
  'appointments.no-show': { zh: '登记预约未到', en: 'Booking marked no-show' },
  'appointments.day.closed': {
    zh: '预约日调整为节假日（标记预约）',
    en: 'Bookings flagged: the day became a holiday',
  },
  // The holiday recount: a due date counted again on the newly approved calendar.
  'case.due.recounted': { zh: '办件期限按节假日安排重算', en: 'Case due date recounted for holidays' },
  'letter.due.recounted': {
    zh: '信件答复期限按节假日安排重算',
    en: 'Letter due date recounted for holidays',
  },
  'supervision.urging.due.recounted': {
    zh: '督办回复期限按节假日安排重算',
    en: 'Urging reply date recounted for holidays',
  },
  'reconciliation.due.recounted': {
    zh: '对账差异处理期限按节假日安排重算',
    en: 'Reconciliation difference due date recounted for holidays',
  },
  'catalog.document.add': { zh: '上传表格或样表', en: 'Form or sample added' },
  'catalog.document.replace': { zh: '替换表格或样表', en: 'Form or sample replaced' },
  'staff.login.throttled': { zh: '登录过于频繁被限制', en: 'Login throttled' },
  'market-registry.company-check': { zh: '企业信息核验', en: 'Company check against the registry' },
  // Cases: what happens to a case around its steps, then every step of the case workflows (case.<step>).
  'case.submitted': { zh: '收到网上申请', en: 'Application received' },
  'case.search': { zh: '按身份证号查询案件', en: 'Cases searched by ID number' },
  'case.read': { zh: '查看案件（含个人信息）', en: 'Case viewed (personal data)' },
  'case.file.read': { zh: '查看申请材料文件', en: 'Case file viewed' },
  'case.claim': { zh: '领取案件', en: 'Case taken' },
  'case.release': { zh: '退回案件到待领取', en: 'Case handed back' },
  'case.assign': { zh: '指派案件', en: 'Case assigned' },
  'case.accept': { zh: '受理', en: 'Accepted' },
  'case.deem-accept': { zh: '逾期视为受理', en: 'Deemed accepted (time limit passed)' },
  'case.request-materials': { zh: '一次性告知补正材料', en: 'Missing materials requested' },
  'case.not-accept': { zh: '不予受理', en: 'Not accepted' },
  'case.supplement': { zh: '申请人补正材料', en: 'Materials supplemented' },
  'case.supplement-refused': { zh: '补正未被接受', en: 'Supplement not taken' },
  'case.withdraw': { zh: '申请人撤回申请', en: 'Application withdrawn' },
  'case.withdrawal-refused': { zh: '撤回申请未被接受', en: 'Withdrawal not taken' },
  'case.review': { zh: '审核', en: 'Reviewed' },
  'case.check': { zh: '核查', en: 'Checked' },
  'case.approve': { zh: '准予许可', en: 'Approved' },
  'case.refuse': { zh: '不予许可', en: 'Refused' },
  'case.issue': { zh: '出证', en: 'Result issued' },
  'case.complete': { zh: '办结', en: 'Completed' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type AuditAction = keyof typeof labels;

export const auditActions = Object.keys(labels) as AuditAction[];

export function actionLabel(action: string, lang: Lang): string {
  return Object.hasOwn(labels, action) ? labels[action as AuditAction][lang] : action;
}

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && Object.hasOwn(labels, value);
}
