import type { ViolationState } from '../../exchange/contracts/index.ts';
import { defineMessages } from '../../shared/i18n/index.ts';

// The words of the traffic pages in both languages (Chinese first).

type Words = { zh: string; en: string };

export const violationStateWords: Record<ViolationState, Words & { tone: 'red' | 'amber' | 'green' }> = {
  unhandled: { zh: '未处理', en: 'Not dealt with', tone: 'red' },
  'decision-accepted': { zh: '已处理未缴款', en: 'Decision accepted, fine unpaid', tone: 'amber' },
  paid: { zh: '已缴款', en: 'Fine paid', tone: 'green' },
};

export const trafficWords = defineMessages({
  title: { zh: '交通违法', en: 'Traffic violations' },
  lookup: { zh: '按号牌查询', en: 'Find by plate' },
  plate: { zh: '号牌号码', en: 'Plate number' },
  plateHint: { zh: '例如：示A12345', en: 'For example 示A12345' },
  plateInvalid: { zh: '请输入正确的号牌号码，例如：示A12345', en: 'Enter a plate number such as 示A12345' },
  notFound: {
    zh: '没有找到这个号牌的机动车，或它不在您的管辖范围内。',
    en: 'No vehicle with this plate was found within your jurisdiction.',
  },
  search: { zh: '查询', en: 'Find' },
  vehicle: { zh: '机动车', en: 'Vehicle' },
  owner: { zh: '所有人身份证号', en: 'Owner’s ID number' },
  points: { zh: '本记分周期已记分', en: 'Points in this cycle' },
  noLicence: { zh: '所有人无本市驾驶证记录', en: 'The owner holds no licence here' },
  violations: { zh: '违法记录', en: 'Violations' },
  none: { zh: '这辆车没有违法记录。', en: 'This vehicle has no violations.' },
  audited: {
    zh: '查阅机动车信息已记入审计日志。',
    en: 'Reading a vehicle’s record is written to the audit log.',
  },
}).words;

export function yuanOf(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}
