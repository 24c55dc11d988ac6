import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, test } from 'node:test';
import { caseDocumentKinds } from '../../exchange/contracts/case.document.issued.ts';
import { inspectPdf } from '../../shared/files/pdf-active-content.ts';
import { englishKinds, hasEnglishVersion, LEGAL_TEXT_NOTE } from './content.en.ts';
import type { AcceptanceNoticeInput } from './document.types.ts';
import { sampleInputs } from './documents.fixture.ts';
import { englishDate } from './english-date.ts';
import { readRenderedPdf, type PdfReading } from './pdf-reading.fixture.ts';
import { QR_MODULE, renderCaseDocument } from './render.ts';

// The acceptance notice (受理回执) for an applicant who reads English: the same facts, number, verification
// code and QR code as the Chinese notice, which stays the legal text and is drawn exactly as before.

const URL_OF_SAMPLES = 'https://ga.example.gov.cn/verify/ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const notice: AcceptanceNoticeInput = {
  ...sampleInputs['acceptance-notice'],
  itemNameEn: 'Certificate of no criminal record',
};

let zh: { pdf: Buffer; reading: PdfReading };
let en: { pdf: Buffer; reading: PdfReading };

before(async () => {
  const zhPdf = await renderCaseDocument(notice);
  const enPdf = await renderCaseDocument(notice, { lang: 'en' });
  zh = { pdf: zhPdf, reading: await readRenderedPdf(zhPdf) };
  en = { pdf: enPdf, reading: await readRenderedPdf(enPdf) };
});

function assertContains(reading: PdfReading, texts: readonly string[], label: string) {
  for (const text of texts) assert.ok(reading.text.includes(text.replace(/\s+/g, '')), `${label}: ${text}`);
}

test('the English acceptance notice states the facts of the Chinese one, in English', async () => {
  assert.equal(en.pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.equal(await inspectPdf(en.pdf), undefined);
  assert.equal(en.reading.pages, 1);
  assert.match(en.pdf.toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/);
  assert.match(en.pdf.toString('latin1'), /\/Lang \(en\)/);
  assertContains(
    en.reading,
    [
      notice.unitName,
      'Notice of Acceptance',
      notice.documentNumber,
      'To 李示范:',
      'The application you submitted on 1 December 2026 for "Certificate of no criminal record"',
      '(case number SF-ZA-20261206-000123) has been examined',
      'this authority has decided to accept the application',
      'within 5 working days of acceptance (by 11 December 2026)',
      '"My cases" (我的办件)',
      'This notice serves as the acceptance receipt (受理回执).',
      '(electronic seal)',
      '6 December 2026',
      'Page 1 of 1',
    ],
    'English',
  );
  // Nothing of the Chinese notice's own words is left in it but the names it keeps.
  for (const chinese of ['受理通知书：', '决定予以受理', '（电子印章）', '核验码', '第1页', '2026年'])
    assert.ok(!en.reading.text.includes(chinese), chinese);
});

test('it says that the Chinese notice is the legal text', () => {
  assertContains(en.reading, [LEGAL_TEXT_NOTE], 'legal text');
  assert.match(LEGAL_TEXT_NOTE, /Chinese notice \(受理通知书\) is the legal text/);
});

test('it carries the same verification code, address and QR code as the Chinese notice', () => {
  assertContains(
    en.reading,
    [
      `Scan the code or visit ${URL_OF_SAMPLES} to verify this document.`,
      `Verification code: ${notice.verificationCode}`,
      `Document no.: ${notice.documentNumber}`,
      `Case number: ${notice.caseNumber}`,
      `Enquiries: ${notice.enquiryPhone ?? ''}`,
    ],
    'verification',
  );
  // The code is also printed under the QR code, as on the Chinese notice.
  assert.equal(en.reading.text.split(notice.verificationCode).length - 1, 3);
  const modules = (reading: PdfReading) => {
    const squares = reading.rects.filter((r) => r.w === QR_MODULE && r.h === QR_MODULE);
    const left = Math.min(...squares.map((r) => r.x));
    const top = Math.min(...squares.map((r) => r.y));
    return squares
      .map((r) => `${Math.round((r.y - top) / QR_MODULE)},${Math.round((r.x - left) / QR_MODULE)}`)
      .sort();
  };
  assert.ok(modules(en.reading).length > 100);
  assert.deepEqual(modules(en.reading), modules(zh.reading));
});

test('the Chinese notice is drawn as before: English asked of it changes no byte of the Chinese', async () => {
  const { itemNameEn: _ignored, ...withoutEnglish } = notice;
  const plain = await renderCaseDocument(withoutEnglish);
  assert.equal(sha256(zh.pdf), sha256(plain));
  assert.equal(sha256(await renderCaseDocument(notice, { lang: 'zh' })), sha256(plain));
  assert.match(zh.pdf.toString('latin1'), /\/Lang \(zh-CN\)/);
  assertContains(
    zh.reading,
    [
      '受理通知书',
      '李示范：',
      '你于2026年12月1日提交的“无犯罪记录证明开具”申请（办件编号：SF-ZA-20261206-000123）',
      '决定予以受理',
      '5个工作日内（2026年12月11日前）',
      '本通知书可作为受理回执',
      '（电子印章）',
      `核验码：${notice.verificationCode}`,
      '第1页共1页',
    ],
    'Chinese',
  );
  assert.ok(!zh.reading.text.includes('Certificate of no criminal record'));
  assert.ok(!zh.reading.text.includes('legal text'));
});

test('the same input gives the same English bytes', async () => {
  const again = await renderCaseDocument({ ...notice, addressee: { ...notice.addressee } }, { lang: 'en' });
  assert.equal(sha256(again), sha256(en.pdf));
  assert.notEqual(sha256(en.pdf), sha256(zh.pdf));
});

test('a company, a limit in calendar days and an item without English name read rightly', async () => {
  const { itemNameEn: _ignored, ...chineseOnly } = notice;
  const reading = await readRenderedPdf(
    await renderCaseDocument(
      {
        ...chineseOnly,
        addressee: { name: '王演示', companyName: '示范化工有限公司' },
        timeLimit: { value: 20, unit: 'calendar-days' },
      },
      { lang: 'en' },
    ),
  );
  assertContains(
    reading,
    [
      'To 示范化工有限公司 (attn. 王演示):',
      'The application your company submitted on 1 December 2026 for "无犯罪记录证明开具"',
      'within 20 days of acceptance (by 11 December 2026)',
    ],
    'company',
  );
  assert.ok(!reading.text.includes('workingdays'));
});

test('only the acceptance notice has an English version; the others are refused in English', async () => {
  assert.deepEqual([...englishKinds], ['acceptance-notice']);
  for (const kind of caseDocumentKinds) {
    assert.equal(hasEnglishVersion(kind), kind === 'acceptance-notice', kind);
    if (kind !== 'acceptance-notice')
      await assert.rejects(renderCaseDocument(sampleInputs[kind], { lang: 'en' }), RangeError, kind);
  }
});

test('English dates are Beijing calendar dates', () => {
  assert.equal(englishDate('2028-02-29'), '29 February 2028');
  // 16:30 UTC on 5 December is already 6 December in Beijing.
  assert.equal(englishDate(new Date('2026-12-05T16:30:00Z')), '6 December 2026');
  assert.throws(() => englishDate('2027-02-29' as never), RangeError);
});
