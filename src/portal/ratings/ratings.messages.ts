import { defineMessages } from '../../shared/i18n/index.ts';

// The rating pages' words for refusals, by the keys the service puts in field errors.

const fieldWords = defineMessages({
  'ratings.level': { zh: '请选择满意程度', en: 'Choose how satisfied you are' },
  'ratings.reasons': {
    zh: '所选的原因与满意程度不符，请重新选择',
    en: 'The reasons chosen do not go with that level; choose again',
  },
  'ratings.reasonsNeeded': {
    zh: '请至少选择一项不满意的原因',
    en: 'Choose at least one reason you were not satisfied',
  },
  'ratings.comment': { zh: '意见请在500字以内', en: 'Keep it under 500 characters' },
  'ratings.given': {
    zh: '已经评价过了，评价提交后不能修改',
    en: 'This has been rated already; a rating cannot be changed',
  },
  'ratings.closed': {
    zh: '现在不能评价：尚未办结，或已超过评价期限',
    en: 'This cannot be rated now: it is not finished, or the rating period is over',
  },
  'ratings.answer': { zh: '请选择接受答复或提出申诉', en: 'Choose to accept the reply or appeal' },
  'ratings.appealReason': { zh: '请填写申诉理由', en: 'Say why you appeal' },
  'ratings.answered': {
    zh: '这份答复已经处理过了',
    en: 'This reply has been answered already',
  },
  'ratings.appealedOnce': {
    zh: '每个差评只能申诉一次，您已经申诉过了',
    en: 'A bad review can be appealed once, and you have appealed already',
  },
});

export const ratingWords = fieldWords.lookup;
