import { defineMessages, type Lang } from '../../shared/i18n/index.ts';

// The letter pages' own words in the workbench: field refusals by key, states, kinds, topics and actions.

type Words = { zh: string; en: string };

const fieldWords = defineMessages({
  'letters.reply': { zh: '请填写答复内容（4000字以内）', en: 'Write the reply (up to 4,000 characters)' },
  'letters.unit': {
    zh: '请填写另一个单位的代码，例如 SF-D01-P01',
    en: 'Enter another unit’s code, for example SF-D01-P01',
  },
  'letters.accused': {
    zh: '信件反映的正是该单位或其上级所辖单位，不能转给它办理',
    en: 'The letter is about this unit or the unit above it: it cannot be passed to it',
  },
  'letters.reason': { zh: '请写明理由（1000字以内）', en: 'Give the reasons (up to 1,000 characters)' },
  'letters.revealReason': {
    zh: '请写明查看手机号的理由（200字以内）',
    en: 'Say why you need the mobile number (up to 200 characters)',
  },
  'letters.kind': { zh: '请选择另一种信件类型', en: 'Choose another kind' },
  'letters.noUnit': {
    zh: '按新类型找不到可以办理的单位，请改用转办',
    en: 'No unit can take the letter as this kind: forward it instead',
  },
  'letters.target': { zh: '请选择移交去向', en: 'Choose where the letter goes' },
});

export const letterWords = fieldWords.lookup;

export const stateWords: Record<string, Words> = {
  received: { zh: '待分办', en: 'Not yet routed' },
  'open-simple': { zh: '办理中（简单）', en: 'Open (simple)' },
  'open-complex': { zh: '办理中（复杂）', en: 'Open (complex)' },
  forwarded: { zh: '已转办', en: 'Forwarded' },
  replied: { zh: '已答复', en: 'Answered' },
  transferred: { zh: '已移交', en: 'Handed off' },
};

export const kindWords: Record<string, Words> = {
  director: { zh: '局长信箱', en: 'Director’s mailbox' },
  consultation: { zh: '咨询', en: 'Question' },
  complaint: { zh: '投诉', en: 'Complaint' },
  suggestion: { zh: '建议', en: 'Suggestion' },
  praise: { zh: '表扬', en: 'Praise' },
  help: { zh: '求助', en: 'Request for help' },
  tip: { zh: '举报', en: 'Tip or report' },
};

export const actionWords: Record<string, Words> = {
  received: { zh: '收信并按规则分办', en: 'Received and routed by the rules' },
  claimed: { zh: '认领', en: 'Claimed' },
  'route-simple': { zh: '交办（简单事项）', en: 'Routed (simple)' },
  'route-complex': { zh: '交办（复杂事项）', en: 'Routed (complex)' },
  reply: { zh: '答复', en: 'Replied' },
  forward: { zh: '转办', en: 'Forwarded' },
  transfer: { zh: '移交', en: 'Handed off' },
  'reclassify-simple': { zh: '调整类型并重新交办（简单事项）', en: 'Kind changed and routed again (simple)' },
  'reclassify-complex': {
    zh: '调整类型并重新交办（复杂事项）',
    en: 'Kind changed and routed again (complex)',
  },
  supplemented: { zh: '来信人补充情况', en: 'The writer added information' },
  urge: { zh: '上级催办', en: 'Urged by a supervising unit' },
  'urge-answer': { zh: '答复催办', en: 'Urging answered' },
  'urge-escalate': { zh: '催办未答复，已升级', en: 'Urging unanswered: escalated' },
  'due-recounted': {
    zh: '按新录入的节假日安排重新计算期限',
    en: 'Due date counted again on the holiday schedule',
  },
};

export const urgencyWords: Record<'green' | 'amber' | 'red', Words> = {
  green: { zh: '正常', en: 'On time' },
  amber: { zh: '今日到期', en: 'Due today' },
  red: { zh: '已超期', en: 'Overdue' },
};

export const word = (lang: Lang, table: Record<string, Words>, key: string) => table[key]?.[lang] ?? key;
