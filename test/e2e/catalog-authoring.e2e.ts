import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as OTPAuth from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { messageHandlers } from '../../src/exchange/facade.ts';
import { catalogInboxHandlers } from '../../src/portal/catalog/catalog.inbox.ts';
import { seedCatalog } from '../../src/workbench/catalog-authoring/catalog-authoring.seed.ts';
import { seedWorkbench } from '../../src/workbench/seed.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { makeOfficer, PASSWORD, type Officer } from '../workbench/support.ts';
import {
  expectAccessible,
  expectAccessibleInBothLanguages,
  launchBrowser,
  serveZone,
  type ServedZone,
  openContext,
} from './browser.ts';

// In Chromium: a content editor finds a guide, edits it with the live check, is refused while a rule fails,
// submits it; an approver publishes it; after the exchange has carried it the portal shows it. Every new
// workbench page is checked with axe in both languages.

let browser: Browser;
let workbench: ServedZone;
let portal: ServedZone;
/** Each zone signs what it wrote to its outbox, as its worker would, before the relay takes it. */
const signAll = async () => {
  await portal.signOutbox();
  await workbench.signOutbox();
};
let boundary: Boundary;
let editor: Officer;
let approver: Officer;
/** A second editor: an officer's code works once per 30-second step, and the journeys log in back to back. */
let colleague: Officer;
let newcomer: Officer;
let librarian: Officer;

const ITEM = 'passport-first-issue';
const NEW_NAME = '普通护照首次申领（浏览器修订）';

before(async () => {
  [browser, workbench, portal] = await Promise.all([
    launchBrowser(),
    serveZone('workbench'),
    serveZone('portal'),
  ]);
  // What src/zones.ts wires for the running system.
  Object.assign(portal.inboxHandlers, messageHandlers(catalogInboxHandlers));
  await seedWorkbench(workbench.services);
  await seedCatalog(workbench.services);
  boundary = joinZones(portal, workbench, { intervalMs: 60_000, beatMs: 0 });
  await cross();
  editor = await makeOfficer(workbench, { unitCode: 'SF-CRJ', role: 'content-editor', enrolled: true });
  approver = await makeOfficer(workbench, { unitCode: 'SF-CRJ', role: 'approver', enrolled: true });
  colleague = await makeOfficer(workbench, { unitCode: 'SF-CRJ', role: 'content-editor', enrolled: true });
  newcomer = await makeOfficer(workbench, { unitCode: 'SF-CRJ', role: 'content-editor', enrolled: true });
  librarian = await makeOfficer(workbench, { unitCode: 'SF-CRJ', role: 'content-editor', enrolled: true });
});
after(async () => {
  await boundary?.relay.stop();
  await browser?.close();
  await workbench?.close();
  await portal?.close();
});

async function cross(): Promise<void> {
  await signAll();
  await boundary.toPortal();
}

function codeFor(secret: string): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate();
}

async function logIn(page: Page, officer: Officer): Promise<void> {
  await page.goto(workbench.url + '/staff/login');
  await page.getByLabel('警号').fill(officer.badgeNo);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('动态口令').fill(codeFor(officer.secret ?? ''));
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '待办事项' }).waitFor();
}

test('an editor edits a guide, an approver publishes it, and the portal shows it', async () => {
  const context = await openContext(browser, { locale: 'zh-CN' });
  const page = await context.newPage();
  await logIn(page, editor);

  await page.goto(workbench.url + '/catalog');
  await page.getByRole('heading', { level: 1, name: '办事指南管理' }).waitFor();
  await expectAccessibleInBothLanguages(page, 'catalogue list');
  await page.getByLabel('事项名称或编号').fill('护照');
  await page.getByRole('button', { name: '查找' }).click();
  await page.getByRole('link', { name: '普通护照首次申领' }).click();
  await page.getByRole('heading', { level: 1, name: '普通护照首次申领' }).waitFor();
  await expectAccessibleInBothLanguages(page, 'catalogue item');
  await page.getByRole('link', { name: '第1版内容' }).click();
  await page.getByRole('heading', { level: 2, name: '第一版的全部内容' }).waitFor();
  await expectAccessibleInBothLanguages(page, 'first version');
  await page.goBack();

  await page.getByRole('link', { name: '编辑', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /编辑：普通护照首次申领/ }).waitFor();
  await page.getByText('全部通过，可以提交审核').waitFor();
  await expectAccessibleInBothLanguages(page, 'editor');

  // The live check follows the typing, before anything is saved.
  await page.getByLabel('承诺办结时限').fill('30');
  await page.getByText('发现 1 个问题，须全部解决后才能提交审核').waitFor();
  await page.getByRole('link', { name: /承诺时限（30个工作日）不得超过法定时限/ }).waitFor();

  // Submitting is refused while a rule fails; what was typed stays.
  await page.getByLabel('事项名称（中文）').fill(NEW_NAME);
  await page.getByRole('button', { name: '提交审核' }).click();
  await page
    .locator('.error-summary')
    .getByRole('link', { name: /承诺时限（30个工作日）/ })
    .waitFor();
  assert.equal(await page.getByLabel('事项名称（中文）').inputValue(), NEW_NAME);
  assert.equal(await page.getByLabel('承诺办结时限').inputValue(), '30');
  // A 422 answer to a POST cannot be reloaded in English, so it is checked as it stands.
  await expectAccessible(page, 'editor with a refused submission');

  await page.getByLabel('承诺办结时限').fill('7');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.getByText('第2版草稿已保存，发布规则全部通过。').waitFor();
  await page.getByRole('button', { name: '提交审核' }).click();
  await page.getByText('第2版已提交审核。').waitFor();
  await context.close();

  const approverContext = await openContext(browser, { locale: 'zh-CN' });
  const second = await approverContext.newPage();
  await logIn(second, approver);
  await second.goto(workbench.url + '/catalog/review');
  await second.getByRole('link', { name: NEW_NAME }).waitFor();
  await expectAccessibleInBothLanguages(second, 'review queue');
  await second.getByRole('link', { name: NEW_NAME }).click();
  await second.getByRole('link', { name: '查看与第1版的差异' }).click();
  await second.getByRole('cell', { name: NEW_NAME }).waitFor();
  await expectAccessibleInBothLanguages(second, 'version comparison');
  await second.goBack();
  await second.getByRole('button', { name: '审核通过并发布' }).click();
  await second.getByText('第2版已发布').waitFor();
  await expectAccessibleInBothLanguages(second, 'catalogue item after publishing');
  await approverContext.close();

  await cross();
  const citizen = await openContext(browser, { locale: 'zh-CN' });
  const guide = await citizen.newPage();
  await guide.goto(`${portal.url}/services/items/${ITEM}`);
  await guide.getByRole('heading', { level: 1, name: NEW_NAME }).waitFor();
  await citizen.close();
});

test('a new item, with its errors, and the editor without JavaScript', async () => {
  const context = await openContext(browser, { locale: 'zh-CN' });
  const page = await context.newPage();
  await logIn(page, newcomer);
  await page.goto(workbench.url + '/catalog/new');
  await expectAccessibleInBothLanguages(page, 'new item');
  await page.getByRole('button', { name: '创建草稿' }).click();
  await page.getByRole('link', { name: '请填写事项编号。' }).waitFor();
  await expectAccessible(page, 'new item with errors');
  await page.getByLabel('事项编号').fill('visa-extension');
  await page.getByLabel('事项名称（中文）').fill('外国人签证延期');
  await page.getByLabel('事项名称（英文）').fill('Visa extension');
  await page.getByLabel('业务类别').selectOption('exit-entry');
  await page.getByLabel('实施主体').selectOption('SF-CRJ');
  await page.getByRole('button', { name: '创建草稿' }).click();
  await page.getByText('草稿已创建，请补全内容。').waitFor();
  await page.getByText(/发现 \d+ 个问题/).waitFor();
  await expectAccessibleInBothLanguages(page, 'editor of a new item');
  await context.close();

  const noScript = await openContext(browser, { locale: 'zh-CN', javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await logIn(plain, colleague);
  await plain.goto(`${workbench.url}/catalog/visa-extension/edit`);
  await plain.getByLabel('咨询电话').fill('0000-61010001');
  await plain.getByRole('button', { name: '保存草稿' }).click();
  await plain.getByText(/第1版草稿已保存，尚有 \d+ 个问题/).waitFor();
  assert.equal(await plain.getByLabel('咨询电话').inputValue(), '0000-61010001');
  await noScript.close();
});

test('an editor replaces a blank form in the document library, with a refused upload first', async () => {
  const context = await openContext(browser, { locale: 'zh-CN' });
  const page = await context.newPage();
  await logIn(page, librarian);
  await page.goto(workbench.url + '/catalog');
  await page.getByRole('link', { name: '空白表格和样本' }).click();
  await page.getByRole('heading', { level: 1, name: '空白表格和样本' }).waitFor();
  await page.getByRole('link', { name: '中国公民出入境证件申请表' }).waitFor();
  await expectAccessibleInBothLanguages(page, 'document library');

  // Not a PDF: refused, with what was typed kept and the file to be chosen again.
  await page.getByRole('radio', { name: '空白表格（forms/）' }).check();
  await page.getByLabel('文件名').fill('seal-mandate');
  await page.getByLabel('文件标题').fill('委托书（印章刻制备案）');
  await page.getByLabel('PDF 文件').setInputFiles({
    name: 'mandate.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('this is plain text pretending to be a PDF'),
  });
  await page.getByRole('button', { name: '上传' }).click();
  await page
    .locator('.error-summary')
    .getByRole('link', { name: '只能上传 PDF 文件，所选文件不是 PDF' })
    .waitFor();
  assert.equal(await page.getByLabel('文件名').inputValue(), 'seal-mandate');
  assert.equal(await page.getByLabel('文件标题').inputValue(), '委托书（印章刻制备案）');
  await expectAccessible(page, 'document library with a refused upload');

  const pdf = await page.request.get(workbench.url + '/catalog/documents/forms/traffic-mandate.pdf');
  assert.equal(pdf.status(), 200);
  await page.getByLabel('PDF 文件').setInputFiles({
    name: 'mandate.pdf',
    mimeType: 'application/pdf',
    buffer: await pdf.body(),
  });
  await page.getByRole('button', { name: '上传' }).click();
  await page.getByText('已保存 forms/seal-mandate.pdf 第2版').waitFor();
  await context.close();
});
