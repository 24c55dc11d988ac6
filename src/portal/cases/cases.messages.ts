import type { CaseDocumentKind, PublicCaseStatus } from '../../exchange/contracts/index.ts';
import type { MessageLookup } from '../../shared/http/forms.ts';
import type { Lang } from '../../shared/http/request-context.ts';

type Words = { zh: string; en: string };

export const statusWords: Record<
  PublicCaseStatus | 'draft',
  Words & { tone: 'green' | 'amber' | 'red' | 'blue' | 'grey' }
> = {
  draft: { zh: '草稿', en: 'Draft', tone: 'grey' },
  submitted: { zh: '已提交', en: 'Submitted', tone: 'blue' },
  'missing-materials': { zh: '待补正材料', en: 'Materials missing', tone: 'amber' },
  accepted: { zh: '已受理', en: 'Accepted', tone: 'blue' },
  'not-accepted': { zh: '不予受理', en: 'Not accepted', tone: 'red' },
  'under-review': { zh: '审核中', en: 'Under review', tone: 'blue' },
  approved: { zh: '审核通过', en: 'Approved', tone: 'green' },
  refused: { zh: '不予许可', en: 'Refused', tone: 'red' },
  'result-issued': { zh: '已出证', en: 'Result issued', tone: 'green' },
  completed: { zh: '已办结', en: 'Completed', tone: 'green' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn', tone: 'grey' },
};

const stepWordList: Record<string, Words> = {
  submitted: { zh: '已提交申请', en: 'Application submitted' },
  accepted: { zh: '已受理', en: 'Accepted' },
  'deemed-accepted': {
    zh: '逾期未处理，依法视为受理',
    en: 'Deemed accepted (no answer within the legal time)',
  },
  'missing-materials': { zh: '一次性告知补正材料', en: 'Notice of missing materials' },
  'not-accepted': { zh: '不予受理', en: 'Not accepted' },
  supplemented: { zh: '已收到补正材料', en: 'Missing materials received' },
  'review-passed': { zh: '审核中', en: 'Under review' },
  approved: { zh: '准予许可 / 审核通过', en: 'Approved' },
  // A licence's approval (审批) done inside the police; the decision with its reasons follows as a document.
  'approval-done': {
    zh: '已完成审批，正在作出许可决定',
    en: 'Approval done; the licensing decision is being made',
  },
  granted: { zh: '作出准予许可决定', en: 'Decision made: licence granted' },
  refused: { zh: '不予许可', en: 'Refused' },
  'result-issued': { zh: '已出具结果', en: 'Result issued' },
  completed: { zh: '已办结', en: 'Completed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  'withdrawal-refused': { zh: '撤回申请未获同意', en: 'Withdrawal not possible' },
  // An officer sent the case back a step inside the police (退回); the applicant has nothing to do.
  returned: { zh: '退回上一环节重新办理', en: 'Returned to the previous step for another look' },
  // The holiday schedule of a year was published: the time limit counted on Monday to Friday moved.
  'due-recounted': {
    zh: '节假日安排公布后，办理时限已重新计算',
    en: 'The time limit was counted again on the published holiday schedule',
  },
};

/** A step's words; a step code the portal does not know yet falls back to the status it left the case in. */
export function stepWords(step: string, status: PublicCaseStatus): Words {
  return stepWordList[step] ?? statusWords[status];
}

export const documentKindWords: Record<CaseDocumentKind, Words> = {
  'acceptance-notice': { zh: '受理通知书', en: 'Notice of acceptance' },
  'supplement-notice': { zh: '补正材料告知书', en: 'Notice of missing materials' },
  'non-acceptance-decision': { zh: '不予受理决定书', en: 'Decision not to accept' },
  'approval-decision': { zh: '准予许可决定书', en: 'Decision to approve' },
  'refusal-decision': { zh: '不予许可决定书', en: 'Decision to refuse' },
  certificate: { zh: '电子证明', en: 'Electronic certificate' },
  'pre-approval-notice': { zh: '预审通过通知', en: 'Notice of pre-approval' },
};

const zh = {
  reasonTooLong: '撤回原因不超过500个字',
  noteTooLong: '补充说明不超过1000个字',
  nothingSupplied: '请至少上传一份所缺材料，或填写补充说明',
  fileType: '所选文件的格式不被接受：只能上传 {types} 格式的文件',
  fileTooLarge: '所选文件超过 {size}',
  fileEmpty: '所选文件是空的',
  fileActive: '所选 PDF 含有脚本、表单或嵌入文件等活动内容，请另存为普通 PDF 后再上传',
  tooManyFiles: '每项材料最多上传 {n} 个文件',
  withdrawNotAllowed: '该办件当前不能撤回',
  withdrawPending: '已申请撤回，正在等待办理单位确认',
  supplementNotAllowed: '该办件当前不需要补正材料',
  supplementDone: '您已提交本次补正材料，正在等待办理单位审查',
  withdrawRequested: '已提交撤回申请，办理单位确认后办件状态会更新。',
  supplementSent: '补正材料已提交，办理单位审查后会通知您。',
} as const;

const en: Record<keyof typeof zh, string> = {
  reasonTooLong: 'The reason must be 500 characters or fewer',
  noteTooLong: 'The note must be 1,000 characters or fewer',
  nothingSupplied: 'Upload at least one missing material, or write a note',
  fileType: 'The selected file is not accepted: upload a {types} file',
  fileTooLarge: 'The selected file must be smaller than {size}',
  fileEmpty: 'The selected file is empty',
  fileActive:
    'The selected PDF contains active content (scripts, forms or embedded files); save it as a plain PDF and upload it again',
  tooManyFiles: 'Upload at most {n} files for each material',
  withdrawNotAllowed: 'This case cannot be withdrawn now',
  withdrawPending: 'Withdrawal requested; waiting for the handling unit to confirm',
  supplementNotAllowed: 'This case does not need any missing materials now',
  supplementDone: 'You have already sent the missing materials for this notice; the unit is checking them',
  withdrawRequested:
    'Withdrawal requested. The case’s status will change once the handling unit confirms it.',
  supplementSent:
    'The missing materials were sent. You will be told once the handling unit has checked them.',
};

export type CaseMessage = keyof typeof zh;

export function caseMessage(
  lang: Lang,
  key: CaseMessage,
  params: Record<string, string | number> = {},
): string {
  const text: string = lang === 'en' ? en[key] : zh[key];
  return text.replace(/\{(\w+)\}/g, (all, name: string) => String(params[name] ?? all));
}

/** Field errors carry `key` or `key|param=value|…`, so a message can name the limit it broke. */
export const caseWords: MessageLookup = (lang, message) => {
  const [key, ...pairs] = message.split('|');
  if (!key || !(key in zh)) return undefined;
  const params = Object.fromEntries(pairs.map((p) => p.split('=') as [string, string]));
  return caseMessage(lang, key as CaseMessage, params);
};

/** The SMS sent at each step: the case number and what happened; the rest is behind the sign-in. */
export function stepSms(caseNumber: string, step: Words, ratingLink: string | null = null): string {
  const rate = ratingLink ? `欢迎评价：${ratingLink}` : '';
  return `【示范市公安局】您的办件 ${caseNumber} 有新进展：${step.zh}。请登录网上办事大厅“我的办件”查看详情。${rate}`;
}

export function stepInSite(caseNumber: string, step: Words, serviceName: Words | null) {
  const service = serviceName ?? { zh: '办件', en: 'case' };
  return {
    subject: { zh: `${service.zh}：${step.zh}`, en: `${service.en}: ${step.en}` },
    body: {
      zh: `您的办件 ${caseNumber} 有新进展：${step.zh}。`,
      en: `There is news on your case ${caseNumber}: ${step.en}.`,
    },
  };
}

export function documentInSite(caseNumber: string, kind: Words) {
  return {
    subject: { zh: `已出具${kind.zh}`, en: `${kind.en} issued` },
    body: {
      zh: `办件 ${caseNumber} 的${kind.zh}已出具，可在办件详情中下载。`,
      en: `The ${kind.en.toLowerCase()} of case ${caseNumber} has been issued; download it from the case page.`,
    },
  };
}

export function documentSms(caseNumber: string, kind: Words): string {
  return `【示范市公安局】您的办件 ${caseNumber} 已出具${kind.zh}，请登录网上办事大厅“我的办件”下载。`;
}
