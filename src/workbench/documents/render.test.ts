import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, test } from 'node:test';
import { caseDocumentKinds, type CaseDocumentKind } from '../../exchange/contracts/case.document.issued.ts';
import { inspectPdf } from '../../shared/files/pdf-active-content.ts';
import { defaultReviewAndLitigation } from './content.ts';
import type { CaseDocumentInput, SupplementNoticeInput } from './document.types.ts';
import { sampleInputs } from './documents.fixture.ts';
import { readRenderedPdf, type PdfReading } from './pdf-reading.fixture.ts';
import { QR_MODULE, renderCaseDocument, verificationQr, verificationUrl } from './render.ts';

const rendered = new Map<CaseDocumentKind, { pdf: Buffer; reading: PdfReading }>();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const URL_OF_SAMPLES = 'https://ga.example.gov.cn/verify/ABCDEFGHIJKLMNOPQRSTUVWXYZ';

before(async () => {
  for (const kind of caseDocumentKinds) {
    const pdf = await renderCaseDocument(sampleInputs[kind]);
    rendered.set(kind, { pdf, reading: await readRenderedPdf(pdf) });
  }
});

function of(kind: CaseDocumentKind) {
  const entry = rendered.get(kind);
  assert.ok(entry, kind);
  return entry;
}

function assertContains(reading: PdfReading, texts: readonly string[], label: string) {
  for (const text of texts) assert.ok(reading.text.includes(text.replace(/\s+/g, '')), `${label}: ${text}`);
}

test('every kind renders an A4 PDF that passes the boundary check for active content', async () => {
  for (const kind of caseDocumentKinds) {
    const { pdf, reading } = of(kind);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', kind);
    assert.equal(await inspectPdf(pdf), undefined, kind);
    assert.equal(reading.pages, 1, kind);
    assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/, kind);
  }
});

test('every document names its issuer, numbers, date, seal mark and where to verify it', () => {
  for (const kind of caseDocumentKinds) {
    const input = sampleInputs[kind];
    assertContains(
      of(kind).reading,
      [
        input.unitName,
        input.documentNumber,
        `办件编号：${input.caseNumber}`,
        '2026年12月6日',
        '（电子印章）',
        `扫码或访问 ${URL_OF_SAMPLES} 核验真伪`,
        `核验码：${input.verificationCode}`,
        `咨询电话：${input.enquiryPhone ?? ''}`,
        '第1页共1页',
      ],
      kind,
    );
  }
});

test('each kind says what its kind must say', () => {
  assertContains(
    of('acceptance-notice').reading,
    [
      '受理通知书',
      '李示范：',
      '2026年12月1日提交的“无犯罪记录证明开具”申请',
      '决定予以受理',
      '5个工作日内（2026年12月11日前）',
    ],
    'acceptance',
  );
  assertContains(
    of('supplement-notice').reading,
    [
      '补正材料告知书',
      '一次性告知',
      '序号材料名称存在问题',
      '1居民身份证（正反面）照片模糊，无法辨认证件号码',
      '2用途说明未提交',
      '请于2026年12月20日前',
    ],
    'supplement',
  );
  assertContains(
    of('non-acceptance-decision').reading,
    [
      '不予受理决定书',
      '1. 申请事项依法不属于本机关职权范围',
      '根据《中华人民共和国行政许可法》第三十二条第一款第（二）项的规定，本机关决定不予受理',
      defaultReviewAndLitigation.review + defaultReviewAndLitigation.litigation,
    ],
    'non-acceptance',
  );
  const approval = sampleInputs['approval-decision'];
  assertContains(
    of('approval-decision').reading,
    [
      '准予行政许可决定书',
      '示范化工有限公司（经办人：王演示）：',
      '你单位于2026年12月1日提交的“第一类易制毒化学品购买许可”申请',
      '2. 购买用途合法，符合法定条件',
      '《中华人民共和国行政许可法》第三十八条、《易制毒化学品管理条例》第十二条',
      '本机关决定准予许可',
      '许可有效期至2027年3月5日',
      approval.reviewAndLitigation?.review ?? 'missing',
      approval.reviewAndLitigation?.litigation ?? 'missing',
    ],
    'approval',
  );
  assertContains(
    of('refusal-decision').reading,
    [
      '不予行政许可决定书',
      '1. 申请购买的数量超出生产经营的合理需要',
      '本机关决定不予许可',
      '六十日内',
      '六个月内',
    ],
    'refusal',
  );
  assertContains(
    of('pre-approval-notice').reading,
    [
      '预审通过通知书',
      '网上预审申请（办件编号：SF-ZA-20261206-000123）已审核通过',
      '只需跑一次',
      '办理地点示范市公安局中心分局人民路派出所户籍窗口',
      '地址示范市中心区人民路1号',
      '办理期限2027年1月5日前',
      '1. 居民身份证原件',
      '2. 居住证明原件',
    ],
    'pre-approval',
  );
  assertContains(
    of('certificate').reading,
    [
      '无犯罪记录证明',
      '姓名李示范',
      '证件类型居民身份证',
      '证件号码110105198001010016',
      '用途就业',
      '截至2026年12月6日，未发现李示范（公民身份号码：110105198001010016）有犯罪记录',
      '特此证明',
      '本证明有效期至2027年3月5日',
      '《公安机关办理犯罪记录查询工作规定》',
    ],
    'certificate',
  );
  // Only decisions carry the rights to review and litigation; a certificate is addressed to nobody.
  assert.ok(!of('acceptance-notice').reading.text.includes('行政复议'));
  assert.ok(!of('certificate').reading.text.includes('李示范：'));
});

test("the QR code drawn on the page is the verification URL's code", () => {
  const expected = verificationQr(URL_OF_SAMPLES).modules;
  for (const kind of caseDocumentKinds) {
    const squares = of(kind).reading.rects.filter((r) => r.w === QR_MODULE && r.h === QR_MODULE);
    const left = Math.min(...squares.map((r) => r.x));
    const top = Math.min(...squares.map((r) => r.y));
    const dark = new Set(
      squares.map((r) => `${Math.round((r.y - top) / QR_MODULE)},${Math.round((r.x - left) / QR_MODULE)}`),
    );
    const wanted = new Set<string>();
    for (let row = 0; row < expected.size; row++)
      for (let col = 0; col < expected.size; col++) if (expected.get(row, col)) wanted.add(`${row},${col}`);
    // The finder patterns put dark modules in the first row and column, so the offsets line up.
    assert.deepEqual([...dark].sort(), [...wanted].sort(), kind);
  }
});

test('the same input gives the same bytes; another issue time gives other bytes', async () => {
  const input = sampleInputs.certificate;
  const again = await renderCaseDocument({ ...input, holder: { ...input.holder } });
  assert.equal(sha256(again), sha256(of('certificate').pdf));
  const later = await renderCaseDocument({ ...input, issuedAt: new Date('2026-12-07T02:30:00Z') });
  assert.notEqual(sha256(later), sha256(of('certificate').pdf));
  assertContains(await readRenderedPdf(later), ['2026年12月7日'], 'later');
});

test('an acceptance notice counts a limit in calendar days as days, not working days', async () => {
  const input = {
    ...sampleInputs['acceptance-notice'],
    timeLimit: { value: 20, unit: 'calendar-days' as const },
  };
  const reading = await readRenderedPdf(await renderCaseDocument(input));
  assertContains(reading, ['20日内（2026年12月11日前）'], 'calendar days');
  assert.ok(!reading.text.includes('20个工作日'), 'no working days named');
});

test('a long one-time notice flows over pages, every material listed, closing on the last page', async () => {
  const material = (i: number) => ({
    material: `第${i + 1}项材料`,
    problem: `问题说明${i + 1}：复印件不清晰，请重新上传清晰的彩色扫描件`,
  });
  const missing: SupplementNoticeInput['missing'] = [
    material(0),
    ...Array.from({ length: 39 }, (_, i) => material(i + 1)),
  ];
  const input: SupplementNoticeInput = { ...sampleInputs['supplement-notice'], missing };
  const pdf = await renderCaseDocument(input);
  const reading = await readRenderedPdf(pdf);
  assert.ok(reading.pages >= 2);
  assert.equal(await inspectPdf(pdf), undefined);
  for (const m of missing) assertContains(reading, [`${m.material}${m.problem}`], m.material);
  assertContains(reading, [`第${reading.pages}页共${reading.pages}页`], 'page numbers');
  // The table's head is repeated on every page the table continues on.
  const tablePages = reading.pageTexts.filter((page) => page.includes('项材料'));
  assert.ok(tablePages.length >= 2);
  for (const page of tablePages) assert.ok(page.includes('序号材料名称存在问题'));
  assert.ok(reading.text.lastIndexOf('项材料') < reading.text.indexOf('（电子印章）'));
});

test('inputs a document must not carry are refused before anything is drawn', async () => {
  const input = sampleInputs['acceptance-notice'];
  const refused: [string, CaseDocumentInput][] = [
    ['lower-case code', { ...input, verificationCode: 'abcdefghijklmnopqrstuvwxyz' }],
    ['short code', { ...input, verificationCode: 'ABCDEF' }],
    ['long number', { ...input, documentNumber: 'X'.repeat(65) }],
    ['case number', { ...input, caseNumber: 'SF-ZA-2026-1' }],
    ['date', { ...input, issuedAt: new Date(Number.NaN) }],
    ['scheme', { ...input, portalBaseUrl: 'javascript:alert(1)' }],
    ['addressee', { ...input, addressee: { name: ' ' } }],
    [
      'ID number',
      {
        ...sampleInputs.certificate,
        holder: { ...sampleInputs.certificate.holder, idNumber: '11010519800101001x' },
      },
    ],
  ];
  for (const [label, bad] of refused) await assert.rejects(renderCaseDocument(bad), RangeError, label);
});

test('the verification URL is the portal address with /verify/<code>, however the address ends', () => {
  assert.equal(verificationUrl('https://ga.example.gov.cn', 'AB'), 'https://ga.example.gov.cn/verify/AB');
  assert.equal(verificationUrl('https://ga.example.gov.cn/', 'AB'), 'https://ga.example.gov.cn/verify/AB');
  assert.equal(verificationUrl('https://x.example/portal//', 'AB'), 'https://x.example/portal/verify/AB');
});
