import { randomBytes } from 'node:crypto';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Lang } from '../i18n/index.ts';
import { findCjkFont, fontBytes, type CjkFont } from './cjk-font.ts';

// A one-page slip the platform hands a person (a fine decision, a booking confirmation): a title, its number,
// rows of facts, an optional paragraph, and a QR code leading to the public page that confirms it by a random
// code. The payment receipts are drawn by it too. The same input always gives the same bytes. A slip is drawn in
// Chinese or in English (the person's language); the CJK font sets both, and the Chinese names inside English
// rows (a place, an office).

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const VERIFICATION_CODE = /^[A-Z2-7]{26}$/;

/** 128 random bits as 26 base32 characters: nobody can compute the code of a slip he has not seen. */
export function newVerificationCode(): string {
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

/** The portal's public address of a verification page: base, then the path and the code. */
export function verificationUrl(portalBaseUrl: string, path: string, code: string): string {
  const base = new URL(portalBaseUrl);
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${path}/${code}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2026年12月6日 14:05, or 6 Dec 2026 14:05 (Beijing time), in Beijing time. */
export function beijingDateTime(at: Date, lang: Lang = 'zh'): string {
  const t = new Date(at.getTime() + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
  return lang === 'en'
    ? `${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()} ${time} (Beijing time)`
    : `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${time}`;
}

export interface Slip {
  title: string;
  /** The line under the title: the document's number. */
  numberLine: string;
  rows: [string, string][];
  /** Paragraphs after the rows (rights, instructions). */
  paragraphs?: string[];
  url: string;
  code: string;
  /** What the verification note adds after the address and code. */
  note: string;
  /** The document's own time, so the same row gives the same bytes. */
  issuedAt: Date;
  size?: 'A4' | 'A5';
  /** The language of the slip's own words (the verification lines); zh unless given. */
  lang?: Lang;
}

export async function renderSlip(slip: Slip, font: CjkFont = findCjkFont()): Promise<Buffer> {
  const doc = new PDFDocument({
    size: slip.size ?? 'A5',
    margins: { top: 40, bottom: 40, left: 40, right: 40 },
    info: {
      Title: slip.title,
      Subject: slip.numberLine,
      Creator: 'OpenPSB',
      Producer: 'OpenPSB',
      CreationDate: slip.issuedAt,
      ModDate: slip.issuedAt,
    },
    lang: slip.lang === 'en' ? 'en' : 'zh-CN',
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
  doc
    .fontSize(18)
    .text(slip.title, 40, 40, { width, align: 'center', characterSpacing: slip.lang === 'en' ? 0 : 2 });
  doc.moveDown(0.3).fontSize(9).text(slip.numberLine, { width, align: 'center' });
  doc.moveDown(0.8);
  // English labels are longer: their column is wider, and a row goes on below the taller of its two cells.
  const labelWidth = slip.lang === 'en' ? 120 : 90;
  for (const [key, value] of slip.rows) {
    const y = doc.y;
    doc.fontSize(10.5).text(key, 40, y, { width: slip.lang === 'en' ? labelWidth - 8 : labelWidth });
    const below = doc.y;
    doc.text(value, 40 + labelWidth, y, { width: width - labelWidth });
    doc.y = Math.max(below, doc.y);
    doc.moveDown(0.4);
  }
  for (const paragraph of slip.paragraphs ?? []) {
    doc.moveDown(0.3).fontSize(9.5).text(paragraph, 40, doc.y, { width });
  }
  const boxY = doc.y + 10;
  const { modules } = QRCode.create(slip.url, { errorCorrectionLevel: 'M' });
  const cell = 2.2;
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++)
      if (modules.get(row, col)) doc.rect(40 + col * cell, boxY + row * cell, cell, cell);
  doc.fillColor('#000000').fill();
  const qr = modules.size * cell;
  const left = 40 + qr + 12;
  doc.fillColor('#111111').fontSize(8.5);
  const english = slip.lang === 'en';
  doc.text(
    english ? `Scan the code or visit ${slip.url} to verify.` : `扫码或访问 ${slip.url} 核验`,
    left,
    boxY,
    {
      width: width - qr - 12,
    },
  );
  doc.text(english ? `Verification code: ${slip.code}` : `核验码：${slip.code}`, left, doc.y + 3, {
    width: width - qr - 12,
  });
  doc.text(slip.note, left, doc.y + 3, { width: width - qr - 12 });
  doc.end();
  return done;
}
