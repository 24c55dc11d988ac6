import { defineMessages, type Lang } from '../../shared/i18n/index.ts';

// The finance pages' words: refusals by key, the kinds of difference, the resolutions, in both languages.

type Words = Record<string, { zh: string; en: string }>;

const fieldWords = defineMessages({
  'finance.day': { zh: '请填写日期，格式为 2026-12-06', en: 'Enter a date such as 2026-12-06' },
  'finance.day.future': { zh: '不能对账尚未到来的日期', en: 'That day has not come yet' },
  'finance.resolution': { zh: '请选择处理结果', en: 'Choose how it was resolved' },
  'finance.reason': {
    zh: '请填写处理理由（500字以内）',
    en: 'Give the reason (up to 500 characters)',
  },
  'finance.resolved': {
    zh: '该差异已经处理，请刷新后查看',
    en: 'This difference has been resolved already; reload the page',
  },
});

export const financeWords = fieldWords.lookup;

export const kindWords: Words = {
  'paid-here-not-there': { zh: '本方已收，银行无记录', en: 'Paid here, not at the gateway' },
  'paid-there-not-here': { zh: '银行已收，本方无记录', en: 'Paid at the gateway, not here' },
  'amount-differs': { zh: '金额不符', en: 'Amount differs' },
  'unknown-order': { zh: '未知订单', en: 'Unknown order' },
};

export const typeWords: Words = {
  payment: { zh: '支付', en: 'Payment' },
  refund: { zh: '退款', en: 'Refund' },
};

export const resolutionWords: Words = {
  'booked-here': { zh: '已在本方补记', en: 'Booked here' },
  refunded: { zh: '已退还付款人', en: 'Refunded to the payer' },
  'gateway-corrected': { zh: '银行已更正', en: 'Corrected by the gateway' },
  timing: { zh: '跨日入账，次日核销', en: 'Booked across midnight; cleared next day' },
  'written-off': { zh: '经批准核销', en: 'Written off with approval' },
  'no-action': { zh: '核实无误，无需处理', en: 'Checked; nothing to do' },
};

export const stateWords: Words = {
  open: { zh: '待处理', en: 'Open' },
  resolved: { zh: '已处理', en: 'Resolved' },
};

export const word = (lang: Lang, words: Words, key: string) => words[key]?.[lang] ?? key;

/** An amount in fen as yuan with two decimals (¥12.30), or a dash for none. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${String(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}
