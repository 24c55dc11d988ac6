import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { FormDefinition } from '../../shared/application-forms/index.ts';
import type { ServiceItem } from '../../shared/catalog/index.ts';
import { fontBytes, findCjkFont } from '../../shared/pdf/cjk-font.ts';

// The submission receipt: proof that an application was sent online, with its case number and a QR code that
// leads to the case in 我的办件. It names no personal data beyond the company applying: a receipt printed and
// left on a desk must not give away who applied for a certificate of no criminal record.

const BEIJING_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export interface ReceiptInput {
  caseNumber: string;
  submittedAt: Date;
  form: FormDefinition;
  item: ServiceItem | undefined;
  company?: string | undefined;
  /** The portal's address, for the QR code. */
  origin: string;
}

export async function receiptPdf(input: ReceiptInput): Promise<Buffer> {
  const font = findCjkFont();
  const caseUrl = `${input.origin}/my/cases/${encodeURIComponent(input.caseNumber)}`;
  const qr = await QRCode.toBuffer(caseUrl, {
    type: 'png',
    margin: 1,
    width: 240,
    errorCorrectionLevel: 'M',
  });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `网上申请回执 ${input.caseNumber}`, Creator: 'OpenPSB', Producer: 'OpenPSB' },
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('cjk', fontBytes(font), font.face);
  doc.font('cjk');

  const width = doc.page.width - 112;
  doc.fontSize(11).text(input.item?.implementingUnit.name ?? '', { align: 'center', width });
  doc.moveDown(0.5);
  doc.fontSize(20).text('网上申请回执', { align: 'center', width });
  doc.fontSize(10).text('Online application receipt', { align: 'center', width });
  doc.moveDown(1.5);
  const rows: [string, string][] = [
    ['办件编号 Case number', input.caseNumber],
    ['申请事项 Service', input.item?.name.zh ?? input.form.title.zh],
    ['提交时间 Sent at', `${BEIJING_TIME.format(input.submittedAt)}（北京时间）`],
  ];
  if (input.company) rows.push(['申请单位 Company', input.company]);
  for (const [label, value] of rows) {
    doc.fontSize(11).text(label, { continued: false, width });
    doc.fontSize(14).text(value, { width });
    doc.moveDown(0.6);
  }
  doc.moveDown(0.5);
  doc
    .fontSize(10)
    .text(
      '本回执仅证明申请已在网上提交，不代表已受理。受理后可在“我的办件”下载受理回执。扫描二维码查看办理进度。',
      { width },
    );
  doc.text(
    'This receipt shows only that the application was sent online, not that it has been accepted. Scan the code to follow the case.',
    { width },
  );
  doc.moveDown(1);
  doc.image(qr, { fit: [120, 120] });
  doc.end();
  return done;
}
