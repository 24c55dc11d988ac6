import type { QuestionKind, QuestionnaireAudience } from '../../exchange/contracts/index.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import { questionnaireRuleWords } from '../../shared/questionnaires/questionnaire.messages.ts';
import type { QuestionnaireState } from './questionnaires.tables.ts';

// The words of the questionnaire pages and their refusals, in both languages.

const words: Record<string, { zh: string; en: string }> = {
  'quest.titleZh': { zh: '请填写中文标题', en: 'Give the Chinese title' },
  'quest.titleEn': { zh: '请填写英文标题', en: 'Give the English title' },
  'quest.labelZh': { zh: '请填写题目（中文）', en: 'Write the question in Chinese' },
  'quest.kind': { zh: '请选择题型', en: 'Choose the kind of question' },
  'quest.tooManyOptions': { zh: '选项最多 12 个', en: 'At most 12 options' },
  'quest.optionWords': {
    zh: '每个选项都要有中文，中英文各不超过 100 个字符',
    en: 'Each option needs its Chinese; each language at most 100 characters',
  },
  'quest.conditionFormat': {
    zh: '显示条件格式应为“题号:选项号”，例如 q1:o2',
    en: 'Write the condition as question:option, for example q1:o2',
  },
  'quest.noQuestions': { zh: '请至少填写一道题目', en: 'Write at least one question' },
  'quest.tooManyQuestions': { zh: '题目最多 30 道', en: 'At most 30 questions' },
  'quest.audience': { zh: '请选择调查对象', en: 'Choose who may answer' },
  'quest.opensOn': { zh: '请填写开始日期，格式如 2026-12-01', en: 'Give the start date, like 2026-12-01' },
  'quest.closesOn': { zh: '请填写结束日期，格式如 2026-12-31', en: 'Give the end date, like 2026-12-31' },
  'quest.closesBeforeOpens': {
    zh: '结束日期不能早于开始日期',
    en: 'The end date cannot be before the start date',
  },
  'quest.closesInPast': { zh: '结束日期不能早于今天', en: 'The end date cannot be before today' },
};

export function questionnaireWords(lang: Lang, key: string): string | undefined {
  return words[key]?.[lang] ?? questionnaireRuleWords(lang, key);
}

export const kindWords: Record<QuestionKind, { zh: string; en: string }> = {
  single: { zh: '单选题', en: 'Single choice' },
  multiple: { zh: '多选题', en: 'Multiple choice' },
  scale: { zh: '1–5 分量表', en: 'Scale 1–5' },
  text: { zh: '文字题', en: 'Free text' },
};

export const audienceWords: Record<QuestionnaireAudience, { zh: string; en: string }> = {
  everyone: { zh: '所有访客', en: 'Everyone' },
  citizens: { zh: '已登录的群众', en: 'Signed-in citizens' },
  companies: { zh: '企业经办人', en: 'People acting for a company' },
  'finished-case': { zh: '有已办结事项的群众', en: 'People with a finished case' },
};

export const stateWords: Record<QuestionnaireState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
  closed: { zh: '已结束', en: 'Closed' },
};
