import type { Lang } from '../i18n/index.ts';

// The words of the questionnaire rules' problems, in both languages. A key carries its arguments after '|':
// the question's number, another question's number, an option id.

type Words = (args: string[]) => string;

const words: Record<string, { zh: Words; en: Words }> = {
  'quest.duplicateId': {
    zh: ([n, id]) => `第 ${n} 题的编号 ${id} 与前面的题目重复`,
    en: ([n, id]) => `Question ${n} repeats the id ${id} of an earlier question`,
  },
  'quest.fewOptions': {
    zh: ([n]) => `第 ${n} 题是选择题，请至少填写两个选项（每行一个）`,
    en: ([n]) => `Question ${n} is a choice question: give at least two options, one a line`,
  },
  'quest.noOptions': {
    zh: ([n]) => `第 ${n} 题不是选择题，不能填写选项`,
    en: ([n]) => `Question ${n} is not a choice question and takes no options`,
  },
  'quest.duplicateOption': {
    zh: ([n]) => `第 ${n} 题的选项编号重复`,
    en: ([n]) => `Question ${n} repeats an option id`,
  },
  'quest.conditionSelf': {
    zh: ([n]) => `第 ${n} 题的显示条件不能指向本题`,
    en: ([n]) => `Question ${n}'s condition cannot name the question itself`,
  },
  'quest.conditionLater': {
    zh: ([n, m]) => `第 ${n} 题的显示条件指向后面的第 ${m} 题；条件只能引用前面的题目`,
    en: ([n, m]) => `Question ${n}'s condition names question ${m}, which comes later; name an earlier one`,
  },
  'quest.conditionUnknownQuestion': {
    zh: ([n, id]) => `第 ${n} 题的显示条件指向不存在的题目 ${id}`,
    en: ([n, id]) => `Question ${n}'s condition names a question that does not exist (${id})`,
  },
  'quest.conditionNotChoice': {
    zh: ([n, m]) => `第 ${n} 题的显示条件指向第 ${m} 题，但它不是选择题`,
    en: ([n, m]) => `Question ${n}'s condition names question ${m}, which is not a choice question`,
  },
  'quest.conditionUnknownOption': {
    zh: ([n, m, o]) => `第 ${n} 题的显示条件指向第 ${m} 题不存在的选项 ${o}`,
    en: ([n, m, o]) => `Question ${n}'s condition names option ${o}, which question ${m} does not have`,
  },
  'quest.answerChoose': { zh: () => '请选择一项', en: () => 'Choose an answer' },
  'quest.answerText': { zh: () => '请填写此题', en: () => 'Write an answer' },
  'quest.answerScale': { zh: () => '请在 1 至 5 分中选择', en: () => 'Choose a point from 1 to 5' },
  'quest.answerTooLong': {
    zh: () => '回答过长，最多 1000 个字符',
    en: () => 'Too long: at most 1,000 characters',
  },
};

/** The words of a rules key (with its arguments), or undefined for a key that is not the rules'. */
export function questionnaireRuleWords(lang: Lang, key: string): string | undefined {
  const [name, ...args] = key.split('|');
  return words[name ?? '']?.[lang](args);
}
