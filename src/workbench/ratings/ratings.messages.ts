import type { Lang } from '../../shared/i18n/index.ts';

// The rating pages' words: refusals by key, the order's states and steps, in both languages.

type Words = Record<string, { zh: string; en: string }>;

const fieldWords: Words = {
  'ratings.text': { zh: '请填写内容（2000字以内）', en: 'Write it down (up to 2,000 characters)' },
  'ratings.moved': {
    zh: '该工单已进入其他环节，请刷新后再办理',
    en: 'The order has moved on; reload the page and try again',
  },
  'ratings.result': { zh: '请选择抽查结论', en: 'Choose the result of the check' },
  'ratings.sampled': {
    zh: '该工单不能抽查，或已经抽查过',
    en: 'This order cannot be checked, or already was',
  },
};

export function ratingWords(lang: Lang, key: string): string | undefined {
  return fieldWords[key]?.[lang];
}

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
};

export const word = (lang: Lang, words: Words, key: string) => words[key]?.[lang] ?? key;
