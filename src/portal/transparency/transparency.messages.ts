import { defineMessages } from '../../shared/i18n/index.ts';

// The words of the transparency page, by key, in both languages.

const transparency = defineMessages({
  title: { zh: '数据公开', en: 'Transparency' },
  intro: {
    zh: '本页公开全局政务服务和信访办理的统计数据，每日更新一次。统计范围为近 12 个月（北京时间）。',
    en: "The bureau's figures for online services and letters from the public, updated once a day, over the last 12 months (Beijing time).",
  },
  asOf: { zh: '数据截至', en: 'Figures as of' },
  none: {
    zh: '统计数据尚未发布，请稍后再来查看。',
    en: 'No figures have been published yet. Please come back later.',
  },
  keyFigures: { zh: '主要指标（近 12 个月）', en: 'Key figures (last 12 months)' },
  registeredUsers: { zh: '注册用户数', en: 'Registered users' },
  applications: { zh: '网上申请件数', en: 'Online applications' },
  concluded: { zh: '办结件数', en: 'Cases concluded' },
  onTimeRate: { zh: '按时办结率', en: 'Concluded on time' },
  avgCycleDays: { zh: '平均办理时长', en: 'Average time to conclude' },
  zeroVisitRate: { zh: '零跑动率', en: 'No visit needed' },
  oneVisitRate: { zh: '最多跑一次率', en: 'At most one visit' },
  letters: { zh: '群众来信件数', en: 'Letters from the public' },
  replyRate: { zh: '信件答复率', en: 'Letters replied' },
  month: { zh: '月份', en: 'Month' },
  service: { zh: '事项', en: 'Service' },
  days: { zh: '天', en: 'days' },
  dash: { zh: '—', en: '—' },
  empty: { zh: '本期暂无数据。', en: 'No figures for this period.' },
  highest: { zh: '最高', en: 'Highest' },
  latest: { zh: '最近', en: 'Latest' },
  'chart.applications': { zh: '每月网上申请件数', en: 'Online applications per month' },
  'chart.onTimeRate': { zh: '每月按时办结率', en: 'On-time rate per month' },
  'chart.zeroVisitRate': { zh: '每月零跑动率', en: 'No-visit rate per month' },
  'chart.letters': { zh: '每月群众来信件数', en: 'Letters from the public per month' },
  'chart.replyRate': { zh: '每月信件答复率', en: 'Letter reply rate per month' },
  services: { zh: '申请件数最多的事项', en: 'Services with the most applications' },
  notes: {
    zh: '说明：按时办结率按有承诺期限的办结件计算；平均办理时长自申请提交至办结；零跑动、最多跑一次按事项办事指南的到场次数计算；信件答复率为已答复信件占收到信件的比例。',
    en: 'Notes: the on-time rate counts concluded cases that had a promised time limit; the average time runs from submission to conclusion; no-visit and at-most-one-visit follow the visits each service guide asks for; the reply rate is the share of letters received that have been answered.',
  },
});

export type TransparencyWord = keyof typeof transparency.words;

export const word = transparency.text;
