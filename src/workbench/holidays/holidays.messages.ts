import type { Lang } from '../../shared/i18n/index.ts';
import type { MessageLookup } from '../../shared/http/forms.ts';

// The words for the holiday form's field-error keys. A bad line's key carries its number
// (`holidays.line.date:3`), so each refusal names the line the administrator has to fix.

const whole: Record<string, { zh: string; en: string }> = {
  'holidays.year': { zh: '请填写2000至2100之间的年份', en: 'Enter a year between 2000 and 2100' },
  'holidays.packageYear': {
    zh: '该年份的节假日安排已随系统提供，无需录入；请录入尚无安排的年份',
    en: 'The schedule for that year comes with the system; enter a year that has none yet',
  },
  'holidays.empty': { zh: '请至少填写一天（每行一天）', en: 'Enter at least one day (one day a line)' },
  'holidays.tooMany': { zh: '一年最多填写120天', en: 'A year has at most 120 entries' },
  'holidays.source': {
    zh: '请填写依据，例如国务院办公厅通知的文号（不超过200字）',
    en: "Name the source, e.g. the State Council General Office notice's number (up to 200 characters)",
  },
  'holidays.pending': {
    zh: '该年份已有一份待审核的安排，请先审核或驳回它',
    en: 'That year already has a schedule waiting for approval; approve or reject it first',
  },
  'holidays.decision': { zh: '请选择批准或驳回', en: 'Choose approve or reject' },
  'holidays.note': { zh: '意见不超过500字', en: 'The note is at most 500 characters' },
};

const lines: Record<string, { zh: string; en: string }> = {
  format: { zh: '格式应为“日期 休/班 名称”', en: 'should read "date 休/班 name"' },
  date: { zh: '日期不存在或不是 YYYY-MM-DD 格式', en: 'the date does not exist or is not YYYY-MM-DD' },
  otherYear: { zh: '日期不在所填年份内', en: 'the date is not in the year entered' },
  kind: { zh: '第二项应为“休”或“班”', en: 'the second item should be 休 (rest) or 班 (work)' },
  name: { zh: '请填写节日名称（不超过20字）', en: 'name the holiday (up to 20 characters)' },
  duplicate: { zh: '该日期已在前面出现过', en: 'the date already appears above' },
  weekdayWork: {
    zh: '调休上班日应为周六或周日，工作日本来就上班',
    en: 'a make-up working day falls on a Saturday or Sunday; a weekday is worked anyway',
  },
};

export const holidayWords: MessageLookup = (lang: Lang, key: string) => {
  const m = /^holidays\.line\.(\w+):(\d+)$/.exec(key);
  if (m) {
    const words = lines[m[1] ?? ''];
    if (!words) return undefined;
    return lang === 'en' ? `Line ${m[2] ?? ''}: ${words.en}` : `第${m[2] ?? ''}行：${words.zh}`;
  }
  const words = whole[key];
  return words ? words[lang === 'en' ? 'en' : 'zh'] : undefined;
};
