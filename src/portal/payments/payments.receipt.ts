import { randomBytes } from 'node:crypto';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Tx } from '../../shared/db/database.ts';
import { findCjkFont, fontBytes, type CjkFont } from '../../shared/pdf/cjk-font.ts';
import * as repo from './payments.repository.ts';

// The electronic receipt (缴费凭证) of every settled payment: a row issued as the payment settles, a PDF drawn
// from it for the payer, and a public page that confirms it by the code its QR code carries.

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const RECEIPT_CODE = /^[A-Z2-7]{26}$/;

/** 128 random bits as 26 base32 characters (readable aloud, no 0/1/8/9), as case documents' codes are. */
function receiptCode(): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of randomBytes(16)) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out + BASE32[(buffer << (5 - bits)) & 31];
}

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
    // PJ and the order's digits: one receipt per order, readable beside the bank's statement.
    receiptNo: `PJ${order.orderNo.slice(1)}`,
    payableId: payable.id,
    orderNo: order.orderNo,
    verificationCode: receiptCode(),
    amountFen: order.amountFen,
    description,
    payeeUnit: payable.payeeUnit,
    paidAt,
    issuedAt: now,
  });
}

/** Where a receipt's QR code leads. */
export function receiptVerificationUrl(portalBaseUrl: string, code: string): string {
  const base = new URL(portalBaseUrl);
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}/payments/verify/${code}`;
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** 2026年12月6日 14:05 in Beijing time. */
function beijing(at: Date): string {
  const t = new Date(at.getTime() + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/**
 * The receipt as an A5 PDF: what was paid, to which unit, when, by which order, and a verification QR code
 * with its code and address. It states a payment; it is not a tax invoice (财政票据), which the finance
 * department issues. The same row always gives the same bytes.
 */
export async function renderReceipt(
  receipt: repo.ReceiptRow,
  reference: string,
  portalBaseUrl: string,
  font: CjkFont = findCjkFont(),
): Promise<Buffer> {
  const url = receiptVerificationUrl(portalBaseUrl, receipt.verificationCode);
  const doc = new PDFDocument({
    size: 'A5',
    margins: { top: 40, bottom: 40, left: 40, right: 40 },
    info: {
      Title: '缴费凭证',
      Subject: receipt.receiptNo,
      Creator: 'OpenPSB',
      Producer: 'OpenPSB',
      CreationDate: receipt.issuedAt,
      ModDate: receipt.issuedAt,
    },
    lang: 'zh-CN',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 80;
  doc.registerFont('cjk', fontBytes(font), font.face);
  doc.font('cjk').fillColor('#111111');
  doc.fontSize(18).text('缴费凭证', 40, 40, { width, align: 'center', characterSpacing: 2 });
  doc.moveDown(0.3).fontSize(9).text(`凭证号：${receipt.receiptNo}`, { width, align: 'center' });
  doc.moveDown(0.8);
  const rows: [string, string][] = [
    ['缴费项目', receipt.description.zh],
    ['金额', `${yuan(receipt.amountFen)}`],
    ['收款单位', receipt.payeeUnit],
    ['缴费事由', reference],
    ['支付订单号', receipt.orderNo],
    ['缴费时间', beijing(receipt.paidAt)],
  ];
  for (const [key, value] of rows) {
    const y = doc.y;
    doc.fontSize(10.5).text(key, 40, y, { width: 90 });
    doc.text(value, 130, y, { width: width - 90 });
    doc.moveDown(0.4);
  }
  const boxY = doc.y + 10;
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const cell = 2.2;
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++)
      if (modules.get(row, col)) doc.rect(40 + col * cell, boxY + row * cell, cell, cell);
  doc.fillColor('#000000').fill();
  const qr = modules.size * cell;
  doc.fillColor('#111111').fontSize(8.5);
  doc.text(`扫码或访问 ${url} 核验`, 40 + qr + 12, boxY, { width: width - qr - 12 });
  doc.text(`核验码：${receipt.verificationCode}`, 40 + qr + 12, doc.y + 3, { width: width - qr - 12 });
  doc.text('本凭证证明款项已经支付平台确认收讫，不作为财政票据。', 40 + qr + 12, doc.y + 3, {
    width: width - qr - 12,
  });
  doc.end();
  return done;
}
