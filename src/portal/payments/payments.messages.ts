import { defineMessages } from '../../shared/i18n/index.ts';
import type { TagTone } from '../../shared/ui/components.tsx';
import type { OrderStatus, PayableStatus } from './payments.tables.ts';

type Words = { zh: string; en: string };

export const payableStatusWords: Record<PayableStatus, Words & { tone: TagTone }> = {
  due: { zh: '待缴费', en: 'Fee due', tone: 'amber' },
  paid: { zh: '已缴费', en: 'Paid', tone: 'green' },
  refunded: { zh: '已退款', en: 'Refunded', tone: 'grey' },
  cancelled: { zh: '已取消', en: 'Cancelled', tone: 'grey' },
};

export const orderStatusWords: Record<OrderStatus, Words> = {
  pending: { zh: '待支付', en: 'Awaiting payment' },
  paid: { zh: '已支付', en: 'Paid' },
  closed: { zh: '已关闭', en: 'Closed' },
};
export const expiredOrderWords: Words = { zh: '已过期', en: 'Expired' };

const messages = defineMessages({
  paid: { zh: '缴费成功，支付平台已确认收款。', en: 'Paid: the payment platform has confirmed the payment.' },
  confirming: {
    zh: '正在确认支付结果。如您已完成支付，请稍后刷新本页；未完成支付的可以重新支付。',
    en: 'The payment is being confirmed. If you paid, reload this page in a moment; if not, you can pay again.',
  },
  closed: {
    zh: '本次支付未完成（已取消、失败或已过期），未扣款。您可以重新支付。',
    en: 'This payment did not go through (cancelled, failed or expired) and nothing was taken. You can pay again.',
  },
});

export const paymentMessage = messages.text;

/** ¥12.50 from 1250 fen. */
export function yuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}
