// The 好差评 scale and reason options both zones show. Five levels (GB/T 39734-2020); the lowest two are 差评
// and open a rectification order. The reasons are option codes of three digits, as the national
// evaluation clients send them (`evalDetail`, e.g. "510,517"); the annex with the national texts is not
// public, so this list is the platform's own, versioned with the contract: good-review options in 50x,
// bad-review options in 51x. Changing a text keeps its code; a new reason gets a new code.

export type Bilingual = { zh: string; en: string };

export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export const levelWords: Record<RatingLevel, Bilingual> = {
  5: { zh: '非常满意', en: 'Very satisfied' },
  4: { zh: '满意', en: 'Satisfied' },
  3: { zh: '基本满意', en: 'Fairly satisfied' },
  2: { zh: '不满意', en: 'Dissatisfied' },
  1: { zh: '非常不满意', en: 'Very dissatisfied' },
};

/** Recorded when nobody rated within the period, and marked as defaulted. */
export const DEFAULT_LEVEL: RatingLevel = 4;
/** Natural days after the case was finished or the letter answered in which a rating may be given. */
export const RATING_PERIOD_DAYS = 7;

export const isBadReview = (level: number): boolean => level <= 2;

export interface ReasonOption {
  code: string;
  words: Bilingual;
  /** The levels this reason is offered for. */
  levels: readonly RatingLevel[];
}

const GOOD: readonly RatingLevel[] = [5, 4, 3];
const BAD: readonly RatingLevel[] = [3, 2, 1];

export const reasonOptions: readonly ReasonOption[] = [
  { code: '501', words: { zh: '办事流程简便', en: 'The process was simple' }, levels: GOOD },
  { code: '502', words: { zh: '办理时间短、效率高', en: 'It was quick' }, levels: GOOD },
  { code: '503', words: { zh: '办事指南准确清楚', en: 'The guide was clear and right' }, levels: GOOD },
  { code: '504', words: { zh: '工作人员服务热情', en: 'The staff were helpful' }, levels: GOOD },
  { code: '505', words: { zh: '网上办理方便', en: 'Doing it online was easy' }, levels: GOOD },
  { code: '511', words: { zh: '办理时间过长', en: 'It took too long' }, levels: BAD },
  {
    code: '512',
    words: { zh: '多次跑腿、重复提交材料', en: 'I had to come or send things again' },
    levels: BAD,
  },
  {
    code: '513',
    words: { zh: '办事指南与实际不符', en: 'The guide did not match what was asked' },
    levels: BAD,
  },
  { code: '514', words: { zh: '工作人员态度不好', en: 'The staff were unhelpful' }, levels: BAD },
  {
    code: '515',
    words: { zh: '答复内容未解决问题', en: 'The answer did not solve the problem' },
    levels: BAD,
  },
  { code: '516', words: { zh: '网上办理操作不便', en: 'The website was hard to use' }, levels: BAD },
  {
    code: '517',
    words: { zh: '要求提供规定以外的材料', en: 'Things outside the list were asked for' },
    levels: BAD,
  },
];

export function reasonsFor(level: number): ReasonOption[] {
  return reasonOptions.filter((r) => (r.levels as readonly number[]).includes(level));
}

export function reasonWords(code: string): Bilingual {
  return reasonOptions.find((r) => r.code === code)?.words ?? { zh: code, en: code };
}
