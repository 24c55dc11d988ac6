import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { Value } from 'typebox/value';
import { CaseNumber } from '../../exchange/contracts/case-shapes.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import { chineseDate } from './chinese-date.ts';
import { DOCUMENT_NUMBER_MAX_LENGTH, VERIFICATION_CODE } from './codes.ts';
import { documentContent, type Block } from './content.ts';
import { englishDate } from './english-date.ts';
import type { CaseDocumentInput } from './document.types.ts';
import { findCjkFont, fontBytes, type CjkFont } from '../../shared/pdf/cjk-font.ts';

export interface RenderOptions {
  /** The CJK font; found on the machine when not given (see `findCjkFont`). */
  font?: CjkFont;
  /**
   * The language of the document: Chinese, the legal text, unless English is asked for a kind that has an
   * English version (`hasEnglishVersion`); the English one carries the same number and verification code.
   */
  lang?: Lang;
}

/** The words around the body: the seal mark, the date, the verification lines and the page numbers. */
const frame = {
  zh: {
    pdfLang: 'zh-CN',
    titleSpacing: 2,
    seal: '（电子印章）',
    date: (at: Date) => chineseDate(at),
    verify: (url: string) => `扫码或访问 ${url} 核验真伪`,
    code: (code: string) => `核验码：${code}`,
    number: (number: string) => `文书编号：${number}`,
    caseNumber: (number: string) => `办件编号：${number}`,
    phone: (phone: string) => `咨询电话：${phone}`,
    page: (caseNumber: string, page: number, count: number) => `${caseNumber}　第${page}页 共${count}页`,
  },
  en: {
    pdfLang: 'en',
    titleSpacing: 0,
    seal: '(electronic seal)',
    date: (at: Date) => englishDate(at),
    verify: (url: string) => `Scan the code or visit ${url} to verify this document.`,
    code: (code: string) => `Verification code: ${code}`,
    number: (number: string) => `Document no.: ${number}`,
    caseNumber: (number: string) => `Case number: ${number}`,
    phone: (phone: string) => `Enquiries: ${phone}`,
    page: (caseNumber: string, page: number, count: number) => `${caseNumber}   Page ${page} of ${count}`,
  },
} as const satisfies Record<Lang, unknown>;
type Frame = (typeof frame)[Lang];

const PAGE = { width: 595.28, height: 841.89, top: 56, side: 62, bottom: 64 };
const WIDTH = PAGE.width - 2 * PAGE.side;
const BODY_SIZE = 12;
const INK = '#111111';
const RULE = '#555555';
/** Side of one QR module in points: 33 modules (version 4) make a code about 3 cm wide, easy for a phone. */
export const QR_MODULE = 2.6;
// The issuer, the date and the verification block must stay together at the end of the document.
const CLOSING_HEIGHT = 230;

/** Where a document's QR code leads: the portal's public verification page for its code. */
export function verificationUrl(portalBaseUrl: string, code: string): string {
  const base = new URL(portalBaseUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new RangeError('portalBaseUrl must be an http(s) address');
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}/verify/${code}`;
}

/** The QR code of a verification URL; error correction M survives a creased or stamped printout. */
export function verificationQr(url: string): QRCode.QRCode {
  return QRCode.create(url, { errorCorrectionLevel: 'M' });
}

function check(input: CaseDocumentInput): void {
  if (!VERIFICATION_CODE.test(input.verificationCode))
    throw new RangeError('verificationCode must be 26 base32 characters (A–Z, 2–7)');
  if (!input.documentNumber || input.documentNumber.length > DOCUMENT_NUMBER_MAX_LENGTH)
    throw new RangeError(`documentNumber must be 1 to ${DOCUMENT_NUMBER_MAX_LENGTH} characters`);
  if (!Value.Check(CaseNumber, input.caseNumber)) throw new RangeError('caseNumber is not a case number');
  if (Number.isNaN(input.issuedAt.getTime())) throw new RangeError('issuedAt is not a valid date');
  if (!input.unitName.trim() || input.unitName.length > 100)
    throw new RangeError('unitName must be 1 to 100 characters, as the verification entry allows');
  if (!input.addressee.name.trim()) throw new RangeError('the addressee has no name');
  if (input.kind === 'certificate') {
    const { holder } = input;
    if (!holder.name.trim()) throw new RangeError('the holder has no name');
    if ((holder.idType ?? '居民身份证') === '居民身份证' && !/^[0-9]{17}[0-9X]$/.test(holder.idNumber))
      throw new RangeError("the holder's ID number is not an 18-character resident ID number");
  }
}

/**
 * One case document as an A4 PDF: the issuing unit, the title and document number, the body for its kind, the
 * issuer's name with the date and an "（电子印章）" mark, and a verification QR code with its code and address
 * under it. The mark is a plain label where the seal goes, never a drawn seal that could pass for a real one;
 * a legally binding electronic seal is a digital signature over the file, which this module does not apply.
 * The same input always gives the same bytes: the PDF's dates are the issue date and nothing else varies.
 */
export async function renderCaseDocument(
  input: CaseDocumentInput,
  options: RenderOptions = {},
): Promise<Buffer> {
  check(input);
  const url = verificationUrl(input.portalBaseUrl, input.verificationCode);
  const lang = options.lang ?? 'zh';
  const words: Frame = frame[lang];
  const content = documentContent(input, lang);
  const font = options.font ?? findCjkFont();
  const doc = new PDFDocument({
    size: 'A4',
    bufferPages: true,
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.side, right: PAGE.side },
    info: {
      Title: content.title,
      Author: input.unitName,
      Subject: input.documentNumber,
      Creator: 'OpenPSB',
      Producer: 'OpenPSB',
      CreationDate: input.issuedAt,
      ModDate: input.issuedAt,
    },
    lang: words.pdfLang,
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.registerFont('cjk', fontBytes(font), font.face);
  doc.font('cjk').fillColor(INK);

  doc.fontSize(15).text(input.unitName, PAGE.side, PAGE.top, { width: WIDTH, align: 'center' });
  doc
    .moveDown(0.4)
    .fontSize(21)
    .text(content.title, { width: WIDTH, align: 'center', characterSpacing: words.titleSpacing });
  doc.moveDown(0.3).fontSize(10.5).text(input.documentNumber, { width: WIDTH, align: 'center' });
  const ruleY = doc.y + 6;
  doc
    .moveTo(PAGE.side, ruleY)
    .lineTo(PAGE.side + WIDTH, ruleY)
    .lineWidth(0.8)
    .stroke(RULE);
  doc.y = ruleY + 14;
  if (content.addressee) doc.fontSize(BODY_SIZE).text(content.addressee, PAGE.side, doc.y, { width: WIDTH });
  for (const block of content.body) drawBlock(doc, block);

  closing(doc, input, url, content.notes, words);
  pageNumbers(doc, input.caseNumber, words);
  doc.end();
  return done;
}

function drawBlock(doc: PDFKit.PDFDocument, block: Block): void {
  doc.fillColor(INK).fontSize(BODY_SIZE);
  const x = PAGE.side;
  switch (block.type) {
    case 'paragraph':
      doc.moveDown(0.35).text(block.text, x, doc.y, {
        width: WIDTH,
        lineGap: 4,
        indent: block.indent ? BODY_SIZE * 2 : 0,
      });
      return;
    case 'list':
      block.items.forEach((item, i) => {
        doc.moveDown(0.2).text(`${i + 1}. ${item}`, x + BODY_SIZE * 2, doc.y, {
          width: WIDTH - BODY_SIZE * 2,
          lineGap: 4,
        });
      });
      return;
    case 'table':
      doc.moveDown(0.4);
      grid(doc, [block.head, ...block.rows], block.widths, 10.5, true);
      return;
    case 'fields':
      doc.moveDown(0.4);
      grid(doc, block.rows, [0.22, 0.78], 11, false);
      return;
  }
}

/** A ruled table; a row that does not fit goes to the next page whole, under the table's head again. */
function grid(
  doc: PDFKit.PDFDocument,
  rows: readonly (readonly string[])[],
  widths: readonly number[],
  size: number,
  header: boolean,
): void {
  const columns = widths.map((w) => w * WIDTH);
  const head = header ? rows[0] : undefined;
  rows.forEach((row, r) => {
    const isHead = header && r === 0;
    if (doc.y + rowHeight(doc, row, columns, size) > PAGE.height - PAGE.bottom) {
      doc.addPage();
      doc.y = PAGE.top;
      if (head && !isHead) gridRow(doc, head, columns, size, () => true);
    }
    gridRow(doc, row, columns, size, (c) => isHead || (!header && c === 0));
  });
  doc.x = PAGE.side;
}

const CELL_PAD = 5;

function rowHeight(doc: PDFKit.PDFDocument, row: readonly string[], columns: number[], size: number): number {
  const heights = row.map((cell, c) =>
    doc.fontSize(size).heightOfString(cell, { width: (columns[c] ?? 0) - 2 * CELL_PAD }),
  );
  return Math.max(...heights) + 2 * CELL_PAD;
}

function gridRow(
  doc: PDFKit.PDFDocument,
  row: readonly string[],
  columns: number[],
  size: number,
  shaded: (column: number) => boolean,
): void {
  const height = rowHeight(doc, row, columns, size);
  const top = doc.y;
  let left = PAGE.side;
  row.forEach((cell, c) => {
    const width = columns[c] ?? 0;
    if (shaded(c)) doc.rect(left, top, width, height).fill('#efefef');
    doc
      .fillColor(INK)
      .fontSize(size)
      .text(cell, left + CELL_PAD, top + CELL_PAD, { width: width - 2 * CELL_PAD });
    left += width;
  });
  doc.lineWidth(0.6).strokeColor(RULE);
  doc
    .moveTo(PAGE.side, top)
    .lineTo(PAGE.side + WIDTH, top)
    .stroke();
  doc
    .moveTo(PAGE.side, top + height)
    .lineTo(PAGE.side + WIDTH, top + height)
    .stroke();
  left = PAGE.side;
  for (const width of [0, ...columns]) {
    left += width;
    doc
      .moveTo(left, top)
      .lineTo(left, top + height)
      .stroke();
  }
  doc.y = top + height;
}

function closing(
  doc: PDFKit.PDFDocument,
  input: CaseDocumentInput,
  url: string,
  notes: readonly string[],
  words: Frame,
): void {
  if (doc.y + CLOSING_HEIGHT > PAGE.height - PAGE.bottom) doc.addPage();
  const signX = PAGE.side + WIDTH / 2;
  const signWidth = WIDTH / 2;
  const signY = doc.y + 28;
  doc.fontSize(BODY_SIZE).fillColor(INK);
  doc.text(input.unitName, signX, signY, { width: signWidth, align: 'right' });
  doc.text(words.seal, signX, doc.y + 4, { width: signWidth, align: 'right' });
  doc.text(words.date(input.issuedAt), signX, doc.y + 4, { width: signWidth, align: 'right' });

  const boxY = doc.y + 18;
  doc
    .moveTo(PAGE.side, boxY)
    .lineTo(PAGE.side + WIDTH, boxY)
    .lineWidth(0.5)
    .dash(3, { space: 3 })
    .stroke(RULE);
  doc.undash();
  const qrSize = drawQr(doc, url, PAGE.side, boxY + 10);
  doc
    .fontSize(7.5)
    .fillColor(INK)
    .text(input.verificationCode, PAGE.side - 24, boxY + 12 + qrSize, {
      width: qrSize + 48,
      align: 'center',
    });
  const textX = PAGE.side + qrSize + 16;
  const textWidth = WIDTH - qrSize - 16;
  doc.fontSize(9.5).text(words.verify(url), textX, boxY + 12, { width: textWidth, lineGap: 2 });
  doc.text(words.code(input.verificationCode), textX, doc.y + 3, { width: textWidth });
  doc.text(words.number(input.documentNumber), textX, doc.y + 3, { width: textWidth });
  doc.text(words.caseNumber(input.caseNumber), textX, doc.y + 3, { width: textWidth });
  const lines = [...notes, ...(input.enquiryPhone ? [words.phone(input.enquiryPhone)] : [])];
  for (const note of lines) doc.fontSize(8.5).text(note, textX, doc.y + 3, { width: textWidth, lineGap: 1 });
}

/** The QR code as vector squares, one per dark module, with the quiet zone left white. Returns its side. */
function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number): number {
  const { modules } = verificationQr(url);
  const quiet = 2 * QR_MODULE;
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++)
      if (modules.get(row, col))
        doc.rect(x + quiet + col * QR_MODULE, y + quiet + row * QR_MODULE, QR_MODULE, QR_MODULE);
  doc.fillColor('#000000').fill();
  return modules.size * QR_MODULE + 2 * quiet;
}

function pageNumbers(doc: PDFKit.PDFDocument, caseNumber: string, words: Frame): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing in the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor('#444444')
      .text(words.page(caseNumber, i - start + 1, count), PAGE.side, PAGE.height - 40, {
        width: WIDTH,
        align: 'center',
        lineBreak: false,
      });
  }
}
