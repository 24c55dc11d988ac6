import type { ViolationState } from '../../exchange/contracts/index.ts';
import { defineMessages } from '../../shared/i18n/index.ts';
import type { TagTone } from '../../shared/ui/components.tsx';

// 我的交通违法 in both languages (Chinese first).

type Words = { zh: string; en: string };

export const violationStateWords: Record<ViolationState, Words & { tone: TagTone }> = {
  unhandled: { zh: '未处理', en: 'Not dealt with', tone: 'red' },
  'decision-accepted': { zh: '已处理，待缴款', en: 'Decision accepted, fine due', tone: 'amber' },
  paid: { zh: '已缴款', en: 'Fine paid', tone: 'green' },
};

const traffic = defineMessages({
  title: { zh: '我的交通违法', en: 'My traffic violations' },
  intro: {
    zh: '查询登记在您名下的机动车的交通违法记录，在线接受处理并缴纳罚款。',
    en: 'Look up the violations of the vehicles registered to you, accept the decision and pay the fine online.',
  },
  unverified: {
    zh: '查询交通违法需要先完成实名认证。',
    en: 'Complete your real-name verification before looking up traffic violations.',
  },
  verifyLink: { zh: '去实名认证', en: 'Verify your name' },
  lookup: { zh: '查询我的交通违法', en: 'Look up my violations' },
  lookupAgain: { zh: '重新查询', en: 'Look up again' },
  pending: {
    zh: '正在向公安交通管理部门查询，请稍后刷新本页。',
    en: 'The traffic police are being asked. Reload this page in a moment.',
  },
  refresh: { zh: '刷新', en: 'Reload' },
  asked: { zh: '查询已提交。', en: 'Your lookup has been sent.' },
  answeredAt: { zh: '数据时间', en: 'As of' },
  vehicles: { zh: '名下机动车', en: 'Your vehicles' },
  noVehicles: {
    zh: '没有登记在您名下的机动车。',
    en: 'No vehicle is registered to you.',
  },
  points: { zh: '驾驶证记分', en: 'Licence points' },
  violations: { zh: '违法记录', en: 'Violations' },
  noViolations: { zh: '您名下的机动车没有交通违法记录。', en: 'Your vehicles have no violations.' },
  photoAlt: { zh: '电子监控抓拍照片', en: 'Enforcement camera picture' },
  acceptTitle: { zh: '接受处理', en: 'Accept the decision' },
  acceptExplain: {
    zh: '接受处理即确认违法事实，公安交通管理部门将作出处罚决定、记分，并生成罚款缴纳单。',
    en: 'Accepting confirms the facts: the traffic police will make the decision, record the points and issue the fine to pay.',
  },
  confirmLegend: { zh: '确认违法事实', en: 'Confirm the facts' },
  confirm: {
    zh: '我已核对违法时间、地点和照片，对违法事实无异议',
    en: 'I have checked the time, place and picture and do not dispute the facts',
  },
  confirmRequired: { zh: '请确认您对违法事实无异议', en: 'Confirm that you do not dispute the facts' },
  acceptSent: {
    zh: '已提交接受处理，正在等待公安交通管理部门处理，请稍后刷新本页。',
    en: 'Sent. The traffic police are dealing with it; reload this page in a moment.',
  },
  pay: { zh: '去缴款', en: 'Pay the fine' },
  paidWaiting: {
    zh: '罚款已缴纳，正在等待公安交通管理部门确认。',
    en: 'The fine is paid; the traffic police are confirming it.',
  },
  done: { zh: '本条违法已处理完毕。', en: 'This violation is settled.' },
  noFine: { zh: '本条违法无罚款。', en: 'This violation carries no fine.' },
  lateFees: {
    zh: '请自处罚决定之日起15日内缴纳罚款。逾期不缴纳的，每日按罚款数额的3%加处罚款，加处罚款的数额不超过罚款数额。',
    en: 'Pay the fine within 15 days of the decision. After that, 3% of the fine is added for each day late, never more than the fine itself.',
  },
  fineAmount: { zh: '罚款', en: 'Fine' },
  dueOn: { zh: '缴款期限（含当日）', en: 'Pay by (inclusive)' },
  surcharge: { zh: '加处罚款', en: 'Late-payment surcharge' },
  totalDue: { zh: '今日缴纳应缴', en: 'To pay today' },
});

export const trafficWords = traffic.words;
export type TrafficWord = keyof typeof trafficWords;

/** The words of a key, for the form-error translator. */
export const trafficMessage = traffic.lookup;
