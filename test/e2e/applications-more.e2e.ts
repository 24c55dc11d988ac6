import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { buildPdf } from '../../src/shared/files/pdf.fixture.ts';
import { caseAttachments } from '../../src/workbench/cases/cases.tables.ts';
import { applicantFields, verifiedCitizen, type Person } from '../portal/applications.helpers.ts';
import { caseRow, claimAndAct, officerAt } from '../workbench/cases.support.ts';
import {
  answerPages,
  continueButton,
  daysFromToday,
  downloadDocument,
  expectAccessibleInBothLanguages,
  openApplication,
  openContext,
  pdfText,
  setAnswer,
  signIn,
  startJourneys,
  submitFromCheckPage,
  verificationCodeIn,
  type Answers,
  type Journeys,
} from './applications-more.support.ts';

// Three more services end to end: a fully online licence with its decision document and verification, a
// pre-application ending in one visit, and a licence renewal with uploads refused with reasons. The citizen
// is in the browser; the officers act through the workbench's JSON API, each step crossing both ways.

let j: Journeys;
before(async () => {
  j = await startJourneys();
});
after(async () => j?.close());

const applicant = (person: Person): Answers => {
  const { sex: _sex, ...fields } = applicantFields(person);
  return fields;
};

test('往来港澳通行证再次签注: applied for online, approved by a third officer, decided, the decision downloaded and verified', async () => {
  const person = await verifiedCitizen(j.portal, '林签注');
  const context = await openContext(j.browser, { locale: 'zh-CN' });
  const page = await signIn(j.portal, context, person);

  await openApplication(j.portal, page, 'hk-macau-re-endorsement');
  await page.getByRole('button', { name: '开始申请' }).click();
  await answerPages(
    page,
    [
      ['applicant', applicant(person)],
      ['permit', { 'permit-number': 'C12345678', 'permit-expiry': daysFromToday(400) }],
      ['endorsement', { destinations: ['hong-kong', 'macao'], kind: 'individual-tour', entries: 'once' }],
      ['declaration', { declaration: 'agree' }],
    ],
    async (pageId) => {
      // A date question, and ticked boxes with a hint on each choice.
      if (pageId === 'permit' || pageId === 'endorsement')
        await expectAccessibleInBothLanguages(page, `${pageId} page`);
    },
  );
  const caseNumber = await submitFromCheckPage(page, 'SF-CRJ');

  // Accepted and reviewed, approved (审批) by an approver who did neither, then decided (决定) as approved.
  await j.toWorkbench();
  await claimAndAct(await officerAt(j.workbench, 'SF-CRJ', 'window-clerk'), caseNumber, 'accept');
  await claimAndAct(await officerAt(j.workbench, 'SF-CRJ', 'reviewer'), caseNumber, 'review');
  const approver = await officerAt(j.workbench, 'SF-CRJ', 'approver');
  await claimAndAct(approver, caseNumber, 'agree', { message: '同意准予签注' });
  await claimAndAct(approver, caseNumber, 'grant', {
    message: '符合签注条件，准予签注',
    legalBasis: '《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》第五条',
  });
  assert.equal((await caseRow(j.workbench, caseNumber)).state, 'granted');
  await j.toPortal();

  await page.goto(`${j.portal.url}/my/cases/${caseNumber}`);
  const main = page.locator('main');
  await main.locator('.timeline').getByText('已完成审批，正在作出许可决定').waitFor();
  await main.locator('.timeline').getByText('作出准予许可决定').waitFor();
  // The approver's opinion stays inside the police.
  assert.doesNotMatch(await main.innerText(), /同意准予签注/);
  await main.getByText('符合签注条件，准予签注').waitFor();
  await expectAccessibleInBothLanguages(page, 'case page with its decision');
  const pdf = await downloadDocument(page, /准予许可决定书/);
  const text = await pdfText(pdf);
  assert.match(text, /准予行政许可决定书/);
  assert.match(text, /符合签注条件，准予签注/);
  assert.match(text, new RegExp(caseNumber));

  // The code the document prints opens the public verification page: genuine, with the holder masked.
  await page.goto(`${j.portal.url}/verify/${verificationCodeIn(text)}`);
  await main.getByText('核验通过：该文书由公安机关出具，真实有效。').waitFor();
  assert.match(await main.innerText(), /准予许可决定书/);
  assert.doesNotMatch(await main.innerText(), new RegExp(person.idNumber));
  await expectAccessibleInBothLanguages(page, 'verification page');
  await context.close();
});

test('居住证申领: pre-approved for one visit, the case page says where to go and the notice lists what to bring', async () => {
  const person = await verifiedCitizen(j.portal, '陈居住');
  const context = await openContext(j.browser, { locale: 'zh-CN' });
  const page = await signIn(j.portal, context, person);

  await openApplication(j.portal, page, 'residence-permit');
  await page.getByRole('button', { name: '开始申请' }).click();
  await answerPages(page, [
    ['applicant', applicant(person)],
    ['household', { 'household-address.division': '350404', 'household-address.address': '示范路3号' }],
    [
      'residence',
      {
        'residence-address.division': '350404',
        'residence-address.address': '人民路8号',
        'resident-since': '2024-03-01',
        housing: 'owned',
      },
    ],
    ['basis', { basis: 'residence' }],
    ['photo', { 'photo-method': 'at-visit' }],
    ['collection', { collection: 'station' }],
    ['declaration', { declaration: 'agree' }],
  ]);
  const caseNumber = await submitFromCheckPage(page, 'SF-D01');

  await j.toWorkbench();
  await claimAndAct(await officerAt(j.workbench, 'SF-D01', 'window-clerk'), caseNumber, 'accept');
  const visit = '预审已通过，请于20个工作日内携带居民身份证原件到人民路派出所户籍窗口办理，只需跑一次';
  await claimAndAct(await officerAt(j.workbench, 'SF-D01', 'approver'), caseNumber, 'approve', {
    message: visit,
    legalBasis: '《居住证暂行条例》第九条',
  });
  await j.toPortal();

  await page.goto(`${j.portal.url}/my/cases/${caseNumber}`);
  const main = page.locator('main');
  await main.getByText(visit).waitFor();
  await main.locator('.summary-list').getByText('审核通过').waitFor();
  await expectAccessibleInBothLanguages(page, 'case page, pre-approved');

  // The notice names the place of the one visit and the originals to bring.
  const place = loadCatalogItems().find((i) => i.id === 'residence-permit')?.places[0];
  assert.ok(place);
  const text = await pdfText(await downloadDocument(page, /预审通过通知/));
  assert.match(text, /请携带下列材料原件到以下地点办理/);
  assert.ok(text.includes(place.name.replace(/\s/g, '')), 'the notice names the place');
  await context.close();
});

/** A small real photograph, as a camera or phone would give. */
const photo = () =>
  sharp({ create: { width: 60, height: 80, channels: 3, background: { r: 200, g: 210, b: 230 } } })
    .jpeg()
    .toBuffer();

test('机动车驾驶证期满换证 with JavaScript off: uploads, a wrong type refused with the typing kept, then refused with reasons', async () => {
  const person = await verifiedCitizen(j.portal, '王换证');
  const context = await openContext(j.browser, { locale: 'zh-CN', javaScriptEnabled: false });
  const page = await signIn(j.portal, context, person);
  // axe needs scripts: the pages met here are checked again in a scripted context of the same person.
  const scripted = await openContext(j.browser, { locale: 'zh-CN' });
  const checker = await signIn(j.portal, scripted, person);
  const expectAccessibleHere = async (label: string, at: Page = page) => {
    await checker.goto(at.url());
    await expectAccessibleInBothLanguages(checker, label);
  };

  await openApplication(j.portal, page, 'licence-renewal-on-expiry');
  await page.getByRole('button', { name: '开始申请' }).click();
  await answerPages(page, [
    ['applicant', applicant(person)],
    [
      'licence',
      { 'licence-classes': 'c1', 'licence-expiry': daysFromToday(30), 'archive-number': '350400123456' },
    ],
  ]);

  // A Word file where a PDF or picture is asked for: refused, what was typed and chosen kept.
  await page.waitForURL(/\/pages\/medical$/);
  await expectAccessibleHere('upload page');
  const examDate = daysFromToday(-10);
  await setAnswer(page, 'medical-route', 'other');
  await setAnswer(page, 'exam-date', examDate);
  const certificate = page.locator('input[type="file"][name="medical-certificate"]');
  await certificate.setInputFiles({
    name: '体检证明.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: Buffer.from('PK\u0003\u0004 not a picture or a PDF'),
  });
  await continueButton(page).click();
  const summary = page.locator('.error-summary');
  await summary.getByRole('link', { name: /PDF、JPEG、PNG/ }).waitFor();
  assert.equal(await page.locator('[name="exam-date"]').inputValue(), examDate, 'the date typed is kept');
  assert.ok(await page.locator('input[name="medical-route"][value="other"]').isChecked(), 'the choice kept');
  await checker.goto(page.url());
  await checker.locator('input[name="medical-route"][value="other"]').check();
  await checker.locator('[name="exam-date"]').fill(examDate);
  await checker.locator('input[type="file"][name="medical-certificate"]').setInputFiles({
    name: '体检证明.docx',
    mimeType: 'application/msword',
    buffer: Buffer.from('not a picture or a PDF'),
  });
  await continueButton(checker).click();
  await checker.locator('.error-summary').waitFor();
  await expectAccessibleInBothLanguages(checker, 'upload page with a refused file');

  const pdf = buildPdf();
  await certificate.setInputFiles({ name: '体检证明.pdf', mimeType: 'application/pdf', buffer: pdf });
  await continueButton(page).click();
  await page.waitForURL(/\/pages\/photo$/);
  const jpeg = await photo();
  await page
    .locator('input[type="file"][name="licence-photo"]')
    .setInputFiles({ name: '照片.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await continueButton(page).click();
  await answerPages(page, [
    [
      'delivery',
      { 'postal-address.division': '350404', 'postal-address.address': '示范路5号', recipient: person.name },
    ],
    ['declaration', { 'health-declaration': 'agree', declaration: 'agree' }],
  ]);
  await page.waitForURL(/\/check$/);
  assert.match(await page.locator('main').innerText(), /体检证明\.pdf[\s\S]*照片\.jpg/);
  const caseNumber = await submitFromCheckPage(page, 'SF-JJ');

  // Both files crossed; an approver who did neither step withholds approval (审批不同意), and the case is refused
  // with reasons and legal basis.
  await j.toWorkbench();
  const files = await j.workbench.services.db
    .select()
    .from(caseAttachments)
    .where(eq(caseAttachments.caseNumber, caseNumber));
  assert.deepEqual(files.map((f) => f.mediaType).sort(), ['application/pdf', 'image/jpeg']);
  await claimAndAct(await officerAt(j.workbench, 'SF-JJ', 'window-clerk'), caseNumber, 'accept');
  await claimAndAct(await officerAt(j.workbench, 'SF-JJ', 'reviewer'), caseNumber, 'review');
  const reasons = '体检证明显示双眼矫正视力低于4.9，不符合准驾车型的身体条件';
  const basis = '《机动车驾驶证申领和使用规定》第十五条';
  const approver = await officerAt(j.workbench, 'SF-JJ', 'approver');
  await claimAndAct(approver, caseNumber, 'disagree', { message: reasons });
  await claimAndAct(approver, caseNumber, 'refuse', {
    message: reasons,
    legalBasis: basis,
  });
  await j.toPortal();

  await page.goto(`${j.portal.url}/my/cases/${caseNumber}`);
  const main = page.locator('main');
  await main.locator('.timeline').getByText('不予许可').waitFor();
  await main.getByText(reasons).waitFor();
  await main.getByText(`依据：${basis}`).waitFor();
  await main.getByRole('link', { name: /不予许可决定书/ }).waitFor();
  assert.equal(await main.getByRole('link', { name: '撤回申请' }).count(), 0, 'decided: no withdrawal');
  await expectAccessibleHere('case page, refused');
  // The decision itself, downloaded in the scripted context: reasons, basis and the applicant's rights.
  const text = await pdfText(await downloadDocument(checker, /不予许可决定书/));
  assert.ok(text.includes(reasons.replace(/\s/g, '')), 'the decision gives the reasons');
  assert.ok(text.includes(basis), 'and the legal basis');
  assert.match(text, /六十日|60日/);
  await scripted.close();
  await context.close();
});
