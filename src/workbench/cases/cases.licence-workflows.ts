import {
  acceptance,
  caseWorkflow,
  finalStates,
  issued,
  variantOf,
  type CaseWorkflow,
} from './cases.workflow-builder.ts';
import { row } from './cases.workflow-rows.ts';

// 许可, version 3: approval (审批) and decision (决定) are two steps, as 《行政许可法》 and the police's own
// procedure keep them. The reviewer (承办人) proposes; the leader at the level the workflow names approves or
// does not (审批意见, written, kept inside the police); then a leader of the deciding unit makes the decision
// in the unit's name (准予 / 不予行政许可决定书, with reasons, legal basis and the applicant's rights).
//
// Why a disapproval leads to a refusal and not back to review: the approver's opinion is the organ's decision
// under 行政首长负责制, and the decision document is drawn up according to it (按审批意见制作文书); the
// deciding officer cannot turn a "不同意" into a grant. When the facts are not clear enough to say no, the
// approver does not disapprove but returns the case to review (退回补充审查, the `return` row), with the reason.
// So from "approval-withheld" the only decision open is a refusal (《行政许可法》第三十八条第二款: reasons and
// the rights to review and litigation).
//
// Deadlines fit the 20 working days of 第四十二条 (acceptance excluded): review 10, approval 5, decision 3;
// the licence is then issued within the 10 working days of 第四十四条.

const decisionStates = {
  accepted: { deadline: { workingDays: 10 }, public: 'accepted', zh: '待审查', en: 'Awaiting review' },
  reviewed: { deadline: { workingDays: 5 }, public: 'under-review', zh: '待审批', en: 'Awaiting approval' },
  'approval-given': {
    deadline: { workingDays: 3 },
    public: 'under-review',
    zh: '审批同意，待作出准予许可决定',
    en: 'Approved; awaiting the decision to grant',
  },
  'approval-withheld': {
    deadline: { workingDays: 3 },
    public: 'under-review',
    zh: '审批不同意，待作出不予许可决定',
    en: 'Not approved; awaiting the decision to refuse',
  },
  granted: {
    deadline: { workingDays: 10 },
    public: 'approved',
    zh: '准予许可，待出证',
    en: 'Granted; awaiting issue',
  },
  ...issued,
  ...finalStates,
} as const;

export const licenceV3: CaseWorkflow = caseWorkflow('case-licence', 3, decisionStates, [
  ...acceptance('accepted'),
  row('accepted', 'review', 'reviewed', 'cases.review'),
  row('accepted', 'return', 'submitted', 'cases.review'),
  // Four eyes: whoever accepted or reviewed the case does not approve it.
  row('reviewed', 'agree', 'approval-given', 'cases.approve', { fourEyes: true }),
  row('reviewed', 'disagree', 'approval-withheld', 'cases.approve', { fourEyes: true }),
  row('reviewed', 'return', 'accepted', 'cases.approve'),
  // The decision follows the approval: a grant only after "同意", a refusal only after "不同意".
  row('approval-given', 'grant', 'granted', 'cases.decide', { fourEyes: true }),
  row('approval-withheld', 'refuse', 'refused', 'cases.decide', { fourEyes: true }),
  // The applicant may withdraw until the decision is made.
  ...['accepted', 'reviewed', 'approval-given', 'approval-withheld'].map((state) =>
    row(state, 'withdraw', 'withdrawn', 'cases.applicant'),
  ),
  row('granted', 'issue', 'result-issued', 'cases.accept'),
  row('result-issued', 'complete', 'completed', 'cases.accept'),
]);

/** The same with approval at the city bureau: only the approval goes up; the decision is the deciding unit's. */
export const licenceCityV2: CaseWorkflow = variantOf(
  licenceV3,
  { id: 'case-licence-city', version: 2, levels: { reviewed: 'city' } },
  { reviewed: { zh: '待市局审批', en: 'Awaiting approval at the city bureau' } },
);
