import { defineMessages } from '../../shared/i18n/index.ts';

// The words of the statistics pages and exports, by key, in both languages.

const words = defineMessages({
  title: { zh: '统计分析', en: 'Statistics' },
  intro: {
    zh: '近 12 个月（北京时间）本单位及下级单位的办件、信件数据。按时办结率按有承诺期限的办结件计算；平均办理时长自申请提交至办结；零跑动、最多跑一次按事项指南的到场次数计算。',
    en: 'Cases and letters of this unit and the units below it over the last 12 months (Beijing time). The on-time rate counts concluded cases that had a due date; the average time runs from submission to conclusion; no-visit and at-most-one-visit follow the visits the service guide asks for.',
  },
  total: { zh: '合计', en: 'Total' },
  asOf: { zh: '数据截至 ', en: 'Figures as of ' },
  asOfNote: {
    zh: '（每日夜间更新，也可立即重新计算）。',
    en: ' (updated every night; they can also be computed again now).',
  },
  refresh: { zh: '立即重新计算', en: 'Compute again now' },
  refreshed: { zh: '统计数据已重新计算。', en: 'The figures have been computed again.' },
  refreshedRecently: {
    zh: '统计数据刚在一分钟内计算过，显示的即为最新数据。',
    en: 'The figures were computed less than a minute ago; these are the latest.',
  },
  unitAbove: { zh: '上一级单位', en: 'Unit above' },
  download: { zh: '下载', en: 'Download' },
  csv: { zh: 'CSV 文件', en: 'CSV file' },
  xlsx: { zh: '下载全部表格（Excel）', en: 'Download every table (Excel)' },
  dash: { zh: '—', en: '—' },
  empty: { zh: '本期暂无数据。', en: 'No figures for this period.' },
  highest: { zh: '最高', en: 'Highest' },
  latest: { zh: '最近', en: 'Latest' },
  days: { zh: '天', en: 'days' },
  // Tables
  'table.months': { zh: '按月份', en: 'By month' },
  'table.units': { zh: '按单位', en: 'By unit' },
  'table.services': { zh: '按事项', en: 'By service' },
  'table.ratings': { zh: '好差评（按评价渠道）', en: 'Ratings by channel' },
  // Columns
  'col.month': { zh: '月份', en: 'Month' },
  'col.unit': { zh: '单位', en: 'Unit' },
  'col.service': { zh: '事项', en: 'Service' },
  'col.applications': { zh: '申请件数', en: 'Applications' },
  'col.concluded': { zh: '办结件数', en: 'Concluded' },
  'col.onTimeRate': { zh: '按时办结率（%）', en: 'On time (%)' },
  'col.avgCycleDays': { zh: '平均办理时长（天）', en: 'Average time (days)' },
  'col.zeroVisitRate': { zh: '零跑动率（%）', en: 'No visit (%)' },
  'col.oneVisitRate': { zh: '最多跑一次率（%）', en: 'At most one visit (%)' },
  'col.letters': { zh: '来信件数', en: 'Letters' },
  'col.replyRate': { zh: '信件答复率（%）', en: 'Letters replied (%)' },
  'col.channel': { zh: '评价渠道', en: 'Channel' },
  'col.ratings': { zh: '计入评价数', en: 'Ratings counted' },
  'col.averageLevel': { zh: '平均等级（1–5）', en: 'Average level (1–5)' },
  'col.bad': { zh: '差评数', en: 'Bad reviews' },
  'col.defaulted': { zh: '默认好评数', en: 'Defaulted' },
  'col.setAside': { zh: '恶意评价剔除数（不计入）', en: 'Set aside as malicious (not counted)' },
  'channel.web': { zh: '网上', en: 'Online' },
  'channel.sms': { zh: '短信链接', en: 'SMS link' },
  'channel.window': { zh: '窗口', en: 'Window' },
  // Charts
  'chart.applications': { zh: '每月申请件数', en: 'Applications per month' },
  'chart.onTimeRate': { zh: '每月按时办结率', en: 'On-time rate per month' },
  'chart.avgCycleDays': { zh: '每月平均办理时长', en: 'Average time to conclude per month' },
  'chart.zeroVisitRate': { zh: '每月零跑动率', en: 'No-visit rate per month' },
  'chart.oneVisitRate': { zh: '每月最多跑一次率', en: 'At-most-one-visit rate per month' },
  'chart.letters': { zh: '每月来信件数', en: 'Letters per month' },
  'chart.replyRate': { zh: '每月信件答复率', en: 'Letter reply rate per month' },
  'chart.byUnit': { zh: '各单位申请件数', en: 'Applications by unit' },
  'chart.byService': { zh: '申请件数最多的事项', en: 'Services with the most applications' },
  registeredUsers: {
    zh: '注册用户数由互联网门户统计，在门户的“数据公开”页面发布，本页不含。',
    en: 'Registered users are counted by the internet portal and shown on its transparency page, not here.',
  },
});

export type StatisticsWord = keyof typeof words.words;

export const word = words.text;
