import type { Tx } from '../../shared/db/database.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import { findCjkFont, type CjkFont } from '../../shared/pdf/cjk-font.ts';
import {
  beijingDateTime,
  newVerificationCode,
  renderSlip,
  VERIFICATION_CODE,
  verificationUrl,
} from '../../shared/pdf/verified-slip.ts';
import * as repo from './payments.repository.ts';

// The electronic receipt (缴费凭证) of every settled payment: a row issued as the payment settles, a PDF drawn
// from it for the payer, and a public page that confirms it by the code its QR code carries.

export const RECEIPT_CODE = VERIFICATION_CODE;

/** Issues the receipt of a payable just settled with this order, in the settling transaction. */
export async function issueReceipt(
  tx: Tx,
  payable: repo.PayableRow,
  order: { orderNo: string; amountFen: number; surchargeFen?: number },
  paidAt: Date,
  now: Date,
): Promise<void> {
  const late = order.surchargeFen ?? 0;
  // The receipt names the surcharge inside the item, so the one amount it states reads whole.
  const description = late
    ? {
        zh: `${payable.description.zh}（含加处罚款${yuan(late)}）`,
        en: `${payable.description.en} (incl. late-payment surcharge ${yuan(late)})`,
      }
    : payable.description;
  await repo.insertReceipt(tx, {
    receiptNo: receiptNoOf(order.orderNo),
    payableId: payable.id,
    orderNo: order.orderNo,
    verificationCode: newVerificationCode(),
    amountFen: order.amountFen,
    description,
    payeeUnit: payable.payeeUnit,
    paidAt,
    issuedAt: now,
  });
}

/** PJ and the order's digits: one receipt per order, readable beside the bank's statement. */
export const receiptNoOf = (orderNo: string): string => `PJ${orderNo.slice(1)}`;

/** Where a receipt's QR code leads. */
export function receiptVerificationUrl(portalBaseUrl: string, code: string): string {
  return verificationUrl(portalBaseUrl, '/payments/verify', code);
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/**
 * The receipt as an A5 PDF: what was paid, to which unit, when, by which order, and a verification QR code
 * with its code and address; in Chinese, or in English for a person reading the site in English. It states a
 * payment; it is not a tax invoice (财政票据), which the finance department issues. The same row always gives
 * the same bytes.
 */
export async function renderReceipt(
  receipt: repo.ReceiptRow,
  reference: string,
  portalBaseUrl: string,
  lang: Lang = 'zh',
  font: CjkFont = findCjkFont(),
): Promise<Buffer> {
  const en = lang === 'en';
  return renderSlip(
    {
      title: en ? 'Payment receipt' : '缴费凭证',
      numberLine: en ? `Receipt no. ${receipt.receiptNo}` : `凭证号：${receipt.receiptNo}`,
      rows: [
        [en ? 'Paid for' : '缴费项目', receipt.description[lang]],
        [en ? 'Amount' : '金额', `${yuan(receipt.amountFen)}`],
        [en ? 'Paid to' : '收款单位', receipt.payeeUnit],
        [en ? 'Reference' : '缴费事由', reference],
        [en ? 'Order no.' : '支付订单号', receipt.orderNo],
        [en ? 'Paid on' : '缴费时间', beijingDateTime(receipt.paidAt, lang)],
      ],
      url: receiptVerificationUrl(portalBaseUrl, receipt.verificationCode),
      code: receipt.verificationCode,
      note: en
        ? 'This receipt shows that the payment platform confirmed the payment. It is not an official fiscal receipt (财政票据).'
        : '本凭证证明款项已经支付平台确认收讫，不作为财政票据。',
      issuedAt: receipt.issuedAt,
      lang,
    },
    font,
  );
}
