import { defineMessages, type Lang } from '../../shared/i18n/index.ts';

// The rating pages' words: refusals by key, the order's states and steps, in both languages.

type Words = Record<string, { zh: string; en: string }>;

const fieldWords = defineMessages({
  'ratings.text': { zh: '请填写内容（2000字以内）', en: 'Write it down (up to 2,000 characters)' },
  'ratings.moved': {
    zh: '该工单已进入其他环节，请刷新后再办理',
    en: 'The order has moved on; reload the page and try again',
  },
  'ratings.result': { zh: '请选择抽查结论', en: 'Choose the result of the check' },
  'ratings.setAsideReason': {
    zh: '请写明认定为恶意评价的理由（2000字以内）',
    en: 'Say why the rating is malicious (up to 2,000 characters)',
  },
  'ratings.setAsideEvidence': {
    zh: '请写明证据情况（2000字以内）',
    en: 'Describe the evidence (up to 2,000 characters)',
  },
  'ratings.setAsidePending': {
    zh: '该评价已有待审核的剔除申请，或已被剔除',
    en: 'A proposal to set this rating aside is already pending, or it was set aside',
  },
  'ratings.windowNumber': { zh: '请输入办件编号或预约码', en: 'Enter the case number or booking code' },
  'ratings.windowUnknown': {
    zh: '本单位没有这个办件编号或预约码',
    en: 'No case of your unit has this number or booking code',
  },
  'ratings.windowUnfinished': { zh: '办件尚未办结，不能评价', en: 'The case is not finished yet' },
  'ratings.windowRated': { zh: '该办件已经评价过', en: 'The case has been rated already' },
  'ratings.windowPending': {
    zh: '该办件的评价已在窗口登记，正在送达门户，不能重复登记',
    en: 'A rating of this case was already recorded at the window and is on its way: it cannot be recorded twice',
  },
  'ratings.windowClosed': {
    zh: '评价期限已过（办结后7天内），系统已按默认评价记录',
    en: 'The rating period (7 days after the case finished) is over; the default rating applies',
  },
  'ratings.level': { zh: '请选择评价等级', en: 'Choose a level' },
  'ratings.reasons': { zh: '请选择与评价等级相符的原因', en: 'Choose reasons that fit the level' },
  'ratings.reasonsNeeded': { zh: '不满意时请选择原因', en: 'A bad review needs a reason' },
  'ratings.comment': { zh: '意见不超过500字', en: 'Up to 500 characters' },
  'ratings.decision': { zh: '请选择审核结论', en: 'Choose the decision' },
  'ratings.noProposal': { zh: '没有待审核的剔除申请', en: 'No proposal is waiting for a decision' },
  'ratings.sampled': {
    zh: '该工单不能抽查，或已经抽查过',
    en: 'This order cannot be checked, or already was',
  },
});

export const ratingWords = fieldWords.lookup;

export const stateWords: Words = {
  opened: { zh: '已生成', en: 'Opened' },
  verifying: { zh: '待核实', en: 'To verify' },
  fixing: { zh: '待整改', en: 'To fix' },
  'calling-back': { zh: '待回访', en: 'To call back' },
  replying: { zh: '待答复', en: 'To reply' },
  replied: { zh: '已答复，待评价人确认', en: 'Replied, awaiting the person' },
  closed: { zh: '已办结', en: 'Closed' },
};

/** What the officer writes at each step, and the button that takes it. */
export const stepWords: Words = {
  verify: { zh: '核实情况', en: 'What was found' },
  fix: { zh: '整改措施', en: 'What was fixed' },
  callback: { zh: '回访情况', en: 'The call-back' },
  reply: { zh: '答复评价人', en: 'Reply to the person' },
};

export const actionWords: Words = {
  ...stepWords,
  open: { zh: '差评生成整改工单', en: 'Bad review opened the order' },
  accept: { zh: '评价人接受答复', en: 'The person accepted the reply' },
  appeal: { zh: '评价人申诉，工单重新办理', en: 'The person appealed; the order was reopened' },
  'sample-checked': { zh: '抽查：合格', en: 'Sampled: fine' },
  'sample-unsatisfactory': { zh: '抽查：不合格', en: 'Sampled: unsatisfactory' },
  'set-aside-proposed': { zh: '申请认定为恶意评价', en: 'Proposed setting the rating aside as malicious' },
  'set-aside-approved': { zh: '审核通过：恶意评价已剔除', en: 'Approved: the rating is set aside' },
  'set-aside-rejected': { zh: '审核不通过：评价保留', en: 'Rejected: the rating stands' },
};

export const proposalStateWords: Words = {
  proposed: { zh: '待审核', en: 'Awaiting decision' },
  'set-aside': { zh: '已剔除', en: 'Set aside' },
  rejected: { zh: '未通过', en: 'Rejected' },
};

export const channelWords: Words = {
  web: { zh: '网上', en: 'Online' },
  sms: { zh: '短信链接', en: 'SMS link' },
  window: { zh: '窗口', en: 'Window' },
};

export const word = (lang: Lang, words: Words, key: string) => words[key]?.[lang] ?? key;
