import { defineMessages } from '../../shared/i18n/index.ts';
import type { FastifyRequest } from 'fastify';
import type { Label } from '../../shared/catalog/index.ts';
import { AppError, type ErrorCode } from '../../shared/http/errors.ts';
import { formErrors, type MessageLookup } from '../../shared/http/forms.ts';
import type { CaseAction } from './cases.workflows.ts';

// The words of the case refusals, by key: the services refuse with keys, the one form-error translator words
// them in the reader's language, for the page and for the API alike.

const words = defineMessages({
  'case.closed': {
    zh: '该案件已办结，不能再操作。',
    en: 'This case is closed; nothing more can be done on it.',
  },
  'case.claimedByOther': {
    zh: '该案件已由其他民警认领，只有认领人可以办理；如需转办，请联系督办民警。',
    en: 'Another officer has claimed this case and only he can act on it; ask a supervisor to reassign it.',
  },
  'case.notClaimed': {
    zh: '请先认领该案件，再进行办理。',
    en: 'Claim the case before acting on it.',
  },
  'case.state.changed': {
    zh: '案件状态已变化，该操作不再可用，请查看最新状态。',
    en: 'The case has moved on and this action is no longer open; look at its current state.',
  },
  'case.message.missing': {
    zh: '请填写理由，申请人将看到这段说明。',
    en: 'Enter the reasons; the applicant will read them.',
  },
  'case.return.reason': {
    zh: '请填写退回理由，退回后的经办民警将看到这段说明。',
    en: 'Enter the reason for returning the case; the officers it goes back to will read it.',
  },
  'case.opinion.missing': {
    zh: '请填写审批意见，作出决定的民警将看到这段意见。',
    en: 'Enter the approval opinion; the officer who makes the decision will read it.',
  },
  'case.legalBasis.missing': {
    zh: '请填写法律依据。',
    en: 'Enter the legal basis.',
  },
  'case.missing.none': {
    zh: '请选择需要补正的全部材料（一次性告知）。',
    en: 'Choose every material that is missing or faulty (one notice for all).',
  },
  'case.missing.unknown': {
    zh: '所选材料不属于该事项。',
    en: 'A chosen material is not one of this service’s materials.',
  },
  'case.missing.problem': {
    zh: '请说明该材料存在的问题。',
    en: 'Say what is wrong with this material.',
  },
  'case.fee.due': {
    zh: '该案件的费用尚待申请人缴纳，缴费后才能出证或办结。',
    en: 'The applicant has not paid the fee yet; the result is issued and the case completed once it is paid.',
  },
  'case.fee.amount': {
    zh: '请填写收费金额（元，最多两位小数），例如 20 或 20.50。',
    en: 'Enter the amount in yuan with at most two decimals, such as 20 or 20.50.',
  },
  'case.fee.name': {
    zh: '请填写收费项目名称，申请人将看到它。',
    en: 'Enter the name of the fee; the applicant will see it.',
  },
  'case.fee.assessed': {
    zh: '该案件已核定过费用，不能重复核定。',
    en: 'A fee was already assessed in this case; it cannot be assessed twice.',
  },
  'case.assign.unknown': {
    zh: '找不到该警号对应的在岗民警。',
    en: 'No active officer has this badge number.',
  },
});

export type CaseMessage = keyof typeof words.words;

export const caseMessages: MessageLookup = words.lookup;

/** A case action refused, with every problem by field; 409 for a case held or moved on, 422 for the form. */
export class CaseRefusal extends AppError {
  constructor(code: ErrorCode, field: string, key: CaseMessage) {
    super(code, { fields: [{ field, message: key }] });
  }

  static many(problems: readonly { field: string; key: CaseMessage }[]): AppError {
    return new AppError('VALIDATION', { fields: problems.map((p) => ({ field: p.field, message: p.key })) });
  }
}

export function inReadersLanguage(request: FastifyRequest, error: unknown): unknown {
  const fields = formErrors(request, error, caseMessages);
  return fields && error instanceof AppError ? new AppError(error.code, { fields }) : error;
}

/** The officer's button for each action. */
export const actionLabels: Record<CaseAction, Label> = {
  accept: { zh: '受理', en: 'Accept' },
  'deem-accept': { zh: '视为受理', en: 'Deemed accepted' },
  'request-materials': { zh: '一次性告知补正材料', en: 'Request missing materials (one notice)' },
  'not-accept': { zh: '不予受理', en: 'Do not accept' },
  supplement: { zh: '补正材料', en: 'Supplement' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  review: { zh: '审查通过', en: 'Pass review' },
  check: { zh: '核查通过', en: 'Pass check' },
  approve: { zh: '准予', en: 'Approve' },
  refuse: { zh: '不予许可', en: 'Refuse' },
  issue: { zh: '出证', en: 'Issue result' },
  complete: { zh: '办结', en: 'Complete' },
  return: { zh: '退回上一环节', en: 'Return to the previous step' },
  agree: { zh: '审批同意', en: 'Approve' },
  disagree: { zh: '审批不同意', en: 'Do not approve' },
  grant: { zh: '作出准予许可决定', en: 'Decide to grant' },
};

/** What the history shows for each step, including the ones that are not workflow actions. */
export const historyLabels: Record<string, Label> = {
  ...actionLabels,
  submitted: { zh: '提交申请', en: 'Submitted' },
  'deem-accept': { zh: '视为受理（逾期未处理）', en: 'Deemed accepted (not acted on in time)' },
  'withdrawal-refused': { zh: '撤回申请未获准', en: 'Withdrawal refused' },
  'supplement-refused': { zh: '补正未获受理', en: 'Supplement not taken' },
  // A fee (case-fees): the state stays; the case waits for the payment before its result is handed out.
  'fee-assessed': { zh: '核定收费', en: 'Fee assessed' },
  'fee-paid': { zh: '申请人已缴费', en: 'Fee paid by the applicant' },
  // Supervision's lines (supervision.service.ts): the state stays, the history shows who pressed and why.
  urge: { zh: '上级催办', en: 'Urged by a supervising unit' },
  'urge-answer': { zh: '答复催办', en: 'Urging answered' },
  'urge-escalate': { zh: '催办升级', en: 'Urging escalated' },
  // A holiday schedule was approved: the due dates counted on Monday to Friday are counted again.
  'due-recounted': {
    zh: '按新录入的节假日安排重新计算期限',
    en: 'Due dates counted again on the holiday schedule',
  },
};
