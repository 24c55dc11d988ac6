import PDFDocument from 'pdfkit';
import type { CatalogDocumentSource } from '../../src/shared/catalog/document.schema.ts';

type Field = CatalogDocumentSource['sections'][number]['fields'][number];

/**
 * Lays a blank form or a sample out on one A4 page, in the plain style of a printed police form: the issuing
 * unit, the title, a ruled grid of labels and boxes, the declaration and signature lines, and small-print notes.
 * Samples are filled in and carry a watermark and a seal so that nobody mistakes one for a real document.
 */
export interface RenderOptions {
  fontPath: string;
  // Written into the PDF so a test can tell whether the PDF still matches its source.
  sourceHash: string;
}

const PAGE = { width: 595.28, height: 841.89, margin: 48 };
const WIDTH = PAGE.width - 2 * PAGE.margin;
const LABEL = 92;
const ROW = 24;
const INK = '#111111';
const RULE = '#444444';
const RED = '#c8102e';
// A fixed date keeps the output byte-for-byte the same for the same source.
const EPOCH = new Date('2026-01-01T00:00:00Z');

export function renderDocument(source: CatalogDocumentSource, options: RenderOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    bufferPages: true,
    margin: PAGE.margin,
    info: {
      Title: source.title,
      Author: source.issuer ?? '示范市公安局',
      Subject: source.kind === 'form' ? '空白表格' : '样本',
      Keywords: `openpsb-source-sha256:${options.sourceHash}`,
      Creator: 'OpenPSB',
      Producer: 'OpenPSB',
      CreationDate: EPOCH,
      ModDate: EPOCH,
    },
    lang: 'zh-CN',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc.registerFont('cjk', options.fontPath, 'WenQuanYiMicroHei');
  doc.font('cjk').fillColor(INK);
  let y = PAGE.margin;

  if (source.issuer) {
    doc.fontSize(11).text(source.issuer, PAGE.margin, y, { width: WIDTH, align: 'center' });
    y = doc.y + 6;
  }
  doc.fontSize(18).text(source.title, PAGE.margin, y, { width: WIDTH, align: 'center', characterSpacing: 1 });
  y = doc.y + 12;
  y = paragraphs(doc, source.intro, y, 10.5);

  for (const section of source.sections) {
    if (section.heading) {
      doc.rect(PAGE.margin, y, WIDTH, ROW - 4).fillAndStroke('#e8e8e8', RULE);
      doc
        .fillColor(INK)
        .fontSize(11)
        .text(section.heading, PAGE.margin + 6, y + 4, { width: WIDTH - 12 });
      y += ROW - 4;
    }
    y = fieldGrid(doc, section.fields, y, source.kind === 'sample');
    y += 8;
  }

  y = paragraphs(doc, source.body, y, 10.5);
  if (source.declaration) {
    doc.fontSize(10.5).text(source.declaration, PAGE.margin, y, { width: WIDTH, lineGap: 2 });
    y = doc.y + 10;
  }
  const signed = y;
  if (source.signatures?.length) y = signatureLines(doc, source.signatures, y);
  if (source.seal) {
    // The seal is pressed over the right end of the signature and date lines, as on a real certificate.
    const r = seal(doc, source.seal, PAGE.margin + WIDTH - 70, signed + 24);
    y = Math.max(y, signed + 24 + r + 8);
  }
  if (source.notes?.length) {
    doc.fontSize(9).text(source.kind === 'form' ? '填表说明' : '说明', PAGE.margin, y + 4, { width: WIDTH });
    source.notes.forEach((note, i) => {
      doc.fontSize(8.5).text(`${i + 1}. ${note}`, PAGE.margin, doc.y + 2, { width: WIDTH, lineGap: 1 });
    });
  }
  if (source.kind === 'sample') watermark(doc);
  footer(doc, source.kind);
  const pages = doc.bufferedPageRange().count;
  doc.end();
  if (pages > 1) throw new Error(`${source.title}: needs ${pages} pages; a form or sample must fit on one`);
  return done;
}

function paragraphs(doc: PDFKit.PDFDocument, lines: readonly string[] | undefined, y: number, size: number) {
  for (const line of lines ?? []) {
    doc.fontSize(size).text(line, PAGE.margin, y, { width: WIDTH, lineGap: 3, indent: size * 2 });
    y = doc.y + 6;
  }
  return y;
}

// Half-width fields pair up in one row; a wide field, or one left alone, takes the whole row.
function fieldGrid(doc: PDFKit.PDFDocument, fields: readonly Field[], y: number, filled: boolean) {
  let pending: Field | undefined;
  const flush = (pair: Field[]) => {
    y = fieldRow(doc, pair, y, filled);
  };
  for (const field of fields) {
    if (field.wide || field.lines) {
      if (pending) flush([pending]);
      pending = undefined;
      flush([field]);
    } else if (pending) {
      flush([pending, field]);
      pending = undefined;
    } else {
      pending = field;
    }
  }
  if (pending) flush([pending]);
  return y;
}

function fieldRow(doc: PDFKit.PDFDocument, fields: Field[], y: number, filled: boolean) {
  const cell = WIDTH / fields.length;
  const heights = fields.map((field) => {
    const text = answer(field, filled);
    const measured = text ? doc.fontSize(10).heightOfString(text, { width: cell - LABEL - 10 }) + 10 : 0;
    const labelHeight = doc.fontSize(9.5).heightOfString(field.label, { width: LABEL - 10 }) + 12;
    return Math.max(ROW, (field.lines ?? 1) * 18 + 6, measured, labelHeight);
  });
  const height = Math.max(...heights);
  fields.forEach((field, i) => {
    const x = PAGE.margin + i * cell;
    doc.lineWidth(0.6).strokeColor(RULE);
    doc.rect(x, y, LABEL, height).fillAndStroke('#f5f5f5', RULE);
    doc.rect(x + LABEL, y, cell - LABEL, height).stroke();
    doc
      .fillColor(INK)
      .fontSize(9.5)
      .text(field.label, x + 5, y + 6, { width: LABEL - 10 });
    const text = answer(field, filled);
    if (text) doc.fontSize(10).text(text, x + LABEL + 5, y + 6, { width: cell - LABEL - 10, lineGap: 1 });
  });
  return y + height;
}

function answer(field: Field, filled: boolean): string {
  if (field.options) {
    return field.options
      .map((option) => `${filled && option === field.value ? '■' : '□'} ${option}`)
      .join('  ');
  }
  return filled ? (field.value ?? '') : '';
}

function signatureLines(doc: PDFKit.PDFDocument, labels: readonly string[], y: number) {
  const columns = Math.min(labels.length, 3);
  const cell = WIDTH / columns;
  labels.forEach((label, i) => {
    const x = PAGE.margin + (i % columns) * cell;
    const rowY = y + Math.floor(i / columns) * 30;
    doc
      .fontSize(10)
      .fillColor(INK)
      .text(label, x, rowY, { width: cell - 8, lineBreak: false });
    if (!label.includes('：')) {
      const start = x + doc.widthOfString(label) + 6;
      doc
        .moveTo(start, rowY + 13)
        .lineTo(x + cell - 12, rowY + 13)
        .lineWidth(0.6)
        .stroke(RULE);
    }
  });
  return y + Math.ceil(labels.length / columns) * 30 + 6;
}

// A round official seal: ring, star and the unit's name around the upper arc.
function seal(doc: PDFKit.PDFDocument, text: string, cx: number, cy: number): number {
  const r = 52;
  doc.save().opacity(0.75);
  doc.lineWidth(2.5).circle(cx, cy, r).stroke(RED);
  star(doc, cx, cy, 14);
  const chars = [...text];
  const sweep = Math.min(250, chars.length * 22);
  chars.forEach((char, i) => {
    const angle = -90 - sweep / 2 + (sweep / Math.max(chars.length - 1, 1)) * i;
    const rad = (angle * Math.PI) / 180;
    const x = cx + (r - 13) * Math.cos(rad);
    const yy = cy + (r - 13) * Math.sin(rad);
    doc
      .save()
      .translate(x, yy)
      .rotate(angle + 90);
    doc.fillColor(RED).fontSize(9).text(char, -4.5, -5, { lineBreak: false });
    doc.restore();
  });
  doc.restore();
  return r;
}

function star(doc: PDFKit.PDFDocument, cx: number, cy: number, r: number) {
  const points: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : r * 0.4;
    const angle = ((-90 + i * 36) * Math.PI) / 180;
    points.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  doc.polygon(...points).fill(RED);
}

function watermark(doc: PDFKit.PDFDocument) {
  doc.save().opacity(0.12).fillColor(RED);
  doc.rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] });
  doc
    .fontSize(96)
    .text('样本', 0, PAGE.height / 2 - 120, { width: PAGE.width, align: 'center', lineBreak: false });
  doc
    .fontSize(48)
    .text('SPECIMEN', 0, PAGE.height / 2 + 10, { width: PAGE.width, align: 'center', lineBreak: false });
  doc.restore();
}

function footer(doc: PDFKit.PDFDocument, kind: CatalogDocumentSource['kind']) {
  const text =
    kind === 'form'
      ? '示范市公安局 · 本表可从网上公安局下载，免费提供，复印有效'
      : '样本仅供参考，不作为任何证明使用 · 示范市公安局网上公安局';
  // The footer sits in the bottom margin, where pdfkit would otherwise start a new page.
  doc.page.margins.bottom = 0;
  doc.save().fillColor('#555555').fontSize(8);
  doc.text(text, PAGE.margin, PAGE.height - PAGE.margin + 12, {
    width: WIDTH,
    align: 'center',
    lineBreak: false,
  });
  doc.restore();
}
