import { defineMessages, type Lang } from '../../shared/i18n/index.ts';

// The knowledge base's own words in the workbench: field refusals by key, states and business areas.

type Words = { zh: string; en: string };

const fieldWords = defineMessages({
  'kb.question': { zh: '请填写问题（300字以内）', en: 'Write the question (up to 300 characters)' },
  'kb.answer': { zh: '请填写答复口径（4000字以内）', en: 'Write the answer (up to 4,000 characters)' },
  'kb.keywords': {
    zh: '关键词最多20个，每个不超过30字，用逗号或顿号分开',
    en: 'Up to 20 keywords of at most 30 characters, separated by commas',
  },
  'kb.area': { zh: '请选择业务类别', en: 'Choose the business area' },
  'kb.unit': { zh: '请选择您可以编写口径的单位', en: 'Choose a unit you write entries for' },
  'kb.inReview': {
    zh: '该条目的新版本正在审核，审核完成后才能再修改',
    en: 'A new version is in review: it can be changed again once reviewed',
  },
  'kb.decision': { zh: '请选择审核结论', en: 'Choose the decision' },
  'kb.comment': {
    zh: '退回时请写明意见（500字以内）',
    en: 'Say why when returning it (up to 500 characters)',
  },
  'kb.reason': { zh: '请写明停用理由（500字以内）', en: 'Say why it is retired (up to 500 characters)' },
});

export const kbWords = fieldWords.lookup;

export const kbStateWords: Record<string, Words> = {
  draft: { zh: '草稿', en: 'Draft' },
  'in-review': { zh: '待审核', en: 'In review' },
  'in-use': { zh: '使用中', en: 'In use' },
  superseded: { zh: '已被新版本替代', en: 'Superseded' },
  retired: { zh: '已停用', en: 'Retired' },
};

export const areaWords: Record<string, Words> = {
  household: { zh: '户政', en: 'Household registration' },
  'exit-entry': { zh: '出入境', en: 'Exit and entry' },
  traffic: { zh: '交通管理', en: 'Traffic' },
  'public-order': { zh: '治安', en: 'Public order' },
  cyber: { zh: '网络安全', en: 'Cyber security' },
  fire: { zh: '消防', en: 'Fire' },
  narcotics: { zh: '禁毒', en: 'Narcotics' },
  'police-conduct': { zh: '队伍作风', en: 'Police conduct' },
  other: { zh: '其他', en: 'Other' },
};

export const word = (lang: Lang, table: Record<string, Words>, key: string) => table[key]?.[lang] ?? key;
