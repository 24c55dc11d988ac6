import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { publishCatalogDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { buildPdf } from '../../src/shared/files/pdf.fixture.ts';
import { historyOf } from '../../src/workbench/cases/cases.repository.ts';
import { caseAttachments } from '../../src/workbench/cases/cases.tables.ts';
import {
  answer,
  certificatePages,
  checkPageForm,
  start,
  verifiedCitizen,
  type Person,
} from '../portal/applications.helpers.ts';
import { caseRow, claimAndAct, officerAt, startCaseWorkbench, step } from '../workbench/cases.support.ts';
import type { Workbench } from '../workbench/support.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import {
  expectAccessibleInBothLanguages,
  launchBrowser,
  openContext,
  serveZone,
  type ServedZone,
} from './browser.ts';

// A citizen applies in the browser, the application crosses the boundary signed, officers act on it in the
// workbench (through its API: the officer's pages have journeys of their own), and each step crosses back to
// the citizen's case page. The workbench runs on the zone's real inbox handlers; only the relay and the
// workers' loops are driven by hand, step by step.

const slug = 'no-criminal-record-certificate';

let browser: Browser;
let portal: ServedZone;
let workbench: Workbench;
let boundary: Boundary;

before(async () => {
  [browser, portal, workbench] = await Promise.all([
    launchBrowser(),
    serveZone('portal'),
    startCaseWorkbench(),
  ]);
  await publishCatalogDirectly(portal.services.db, loadCatalogItems());
  boundary = joinZones(portal, workbench);
});
after(async () => {
  await boundary?.relay.stop();
  await browser?.close();
  await Promise.all([portal?.close(), workbench?.close()]);
});

/** What the portal wrote crosses to the workbench and is handled there, as the workers would. */
const toWorkbench = () => boundary.toWorkbench();

/** What the workbench wrote crosses back and is handled by the portal. */
async function toPortal() {
  await boundary.toPortal();
}

async function signIn(context: BrowserContext, person: Person): Promise<Page> {
  const page = await context.newPage();
  await page.goto(portal.url + '/login');
  await page.getByLabel('手机号码').fill(person.mobile);
  await page.getByLabel('密码').fill(person.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '我的账号' }).waitFor();
  return page;
}

/**
 * Sets a question's answer by its field name, as a person would with that kind of control. Only locator
 * actions, which work with the page's JavaScript off (evaluating in the page would not).
 */
async function setAnswer(page: Page, name: string, value: string) {
  const select = page.locator(`select[name="${name}"]`);
  const option = page.locator(
    `input[name="${name}"][value="${value}"]:is([type="radio"], [type="checkbox"])`,
  );
  if ((await select.count()) > 0) await select.selectOption(value);
  else if ((await option.count()) > 0) await option.check();
  else await page.locator(`[name="${name}"]`).fill(value);
}

const continueButton = (page: Page) => page.getByRole('button', { name: '保存并继续' });

/** From the guide to the start of the first question page. */
async function openApplication(page: Page) {
  await page.goto(`${portal.url}/services/items/${slug}`);
  await page.getByRole('link', { name: '在线办理' }).click();
  await page.getByRole('button', { name: '开始申请' }).waitFor();
}

/** The check page's submission, then the confirmation's case number. */
async function submitFromCheckPage(page: Page): Promise<string> {
  await page.getByRole('heading', { name: '提交前请核对您的申请' }).waitFor();
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.getByRole('heading', { name: '申请已提交' }).waitFor();
  const caseNumber = /SF-ZA-\d{8}-\d{6}/.exec(await page.locator('main').innerText())?.[0];
  assert.ok(caseNumber, 'the confirmation shows the case number');
  return caseNumber;
}

test('无犯罪记录证明 with JavaScript on: applied for in the browser, accepted in the workbench, shown as accepted', async () => {
  const person = await verifiedCitizen(portal, '林示范');
  const context = await openContext(browser, { locale: 'zh-CN' });
  const page = await signIn(context, person);

  await openApplication(page);
  await expectAccessibleInBothLanguages(page, 'application start page');
  await page.getByRole('button', { name: '开始申请' }).click();

  let checkedQuestionPage = false;
  for (const [pageId, fields] of certificatePages(person)) {
    await page.waitForURL(new RegExp(`/pages/${pageId}$`));
    for (const [name, value] of Object.entries(fields)) await setAnswer(page, name, value);
    if (!checkedQuestionPage) {
      await expectAccessibleInBothLanguages(page, 'question page');
      checkedQuestionPage = true;
    }
    await continueButton(page).click();
  }
  await page.waitForURL(/\/check$/);
  await expectAccessibleInBothLanguages(page, 'check your answers');
  assert.match(await page.locator('main').innerText(), /福建省三明市三元区示范路1号/);
  const caseNumber = await submitFromCheckPage(page);
  await expectAccessibleInBothLanguages(page, 'confirmation');

  // The confirmation leads to the case; 我的办件 lists it.
  await page.getByRole('link', { name: /我的办件/ }).click();
  await page.waitForURL(new RegExp(`/my/cases/${caseNumber}$`));
  await page.goto(`${portal.url}/my/cases`);
  await page.getByRole('heading', { level: 1, name: '我的办件' }).waitFor();
  await expectAccessibleInBothLanguages(page, 'my cases');
  await page.getByRole('link', { name: caseNumber }).click();
  await page.getByRole('heading', { level: 2, name: '办理进度' }).waitFor();

  // The application crosses; the deciding unit's window clerk claims and accepts it; the step crosses back.
  await toWorkbench();
  assert.equal((await caseRow(workbench, caseNumber)).state, 'submitted');
  const clerk = await officerAt(workbench, 'SF-ZA', 'window-clerk');
  await claimAndAct(clerk, caseNumber, 'accept');
  await toPortal();

  await page.reload();
  await page.locator('.timeline').getByText('已受理').first().waitFor();
  await expectAccessibleInBothLanguages(page, 'case page, accepted');
  await context.close();
});

test('无犯罪记录证明 with JavaScript off: a refused answer keeps what was typed; missing materials are supplemented', async () => {
  const person = await verifiedCitizen(portal, '陈示例');
  const context = await openContext(browser, { locale: 'zh-CN', javaScriptEnabled: false });
  const page = await signIn(context, person);
  // axe needs scripts: the pages this journey meets are checked again in a scripted context of the same person.
  const scripted = await openContext(browser, { locale: 'zh-CN' });
  const checker = await signIn(scripted, person);
  const expectAccessibleHere = async (label: string) => {
    await checker.goto(page.url());
    await expectAccessibleInBothLanguages(checker, label);
  };

  await openApplication(page);
  await page.getByRole('button', { name: '开始申请' }).click();
  await page.waitForURL(/\/pages\/applicant$/);
  await setAnswer(page, 'mobile', '1380000');
  await continueButton(page).click();
  const summary = page.locator('.error-summary');
  await summary.getByRole('link', { name: /11位手机号码/ }).waitFor();
  assert.equal(await page.locator('[name="mobile"]').inputValue(), '1380000', 'what was typed is kept');
  assert.equal(await page.locator('[name="name"]').inputValue(), person.name);
  await checker.goto(page.url());
  await setAnswer(checker, 'mobile', '1380000');
  await continueButton(checker).click();
  await checker.locator('.error-summary').waitFor();
  await expectAccessibleInBothLanguages(checker, 'question page with an error');

  for (const [pageId, fields] of certificatePages(person)) {
    await page.waitForURL(new RegExp(`/pages/${pageId}$`));
    for (const [name, value] of Object.entries(fields)) await setAnswer(page, name, value);
    await continueButton(page).click();
  }
  const caseNumber = await submitFromCheckPage(page);

  // The clerk sends one notice of what is missing; it crosses back and the case page lists it.
  await toWorkbench();
  const clerk = await officerAt(workbench, 'SF-ZA', 'window-clerk');
  assert.equal((await step(clerk, caseNumber, 'claim')).statusCode, 200);
  const notice = await step(clerk, caseNumber, 'actions/request-materials', {
    missing: ['principal-id-copy'],
    'problem-principal-id-copy': '身份证复印件不清晰',
    message: '请一次补齐以下材料',
  });
  assert.equal(notice.statusCode, 200, notice.body);
  await toPortal();

  await page.goto(`${portal.url}/my/cases/${caseNumber}`);
  const main = page.locator('main');
  await main.getByText('办理单位一次性告知需要补正 1 项材料').waitFor();
  await main.getByText('身份证复印件不清晰').first().waitFor();
  await expectAccessibleHere('case page, materials missing');

  await main.getByRole('link', { name: '补正材料', exact: true }).click();
  await page.getByRole('heading', { name: '补正材料' }).waitFor();
  await expectAccessibleHere('supplement form');
  const pdf = buildPdf();
  await page.locator('[name="file-principal-id-copy"]').setInputFiles({
    name: '身份证复印件.pdf',
    mimeType: 'application/pdf',
    buffer: pdf,
  });
  await page.getByLabel(/补充说明/).fill('已重新复印');
  await page.getByRole('button', { name: '提交补正材料' }).click();
  await main.getByText('补正材料已提交').first().waitFor();

  // The file and the supplement cross; the case is back before the clerk.
  await toWorkbench();
  const files = await workbench.services.db
    .select()
    .from(caseAttachments)
    .where(eq(caseAttachments.caseNumber, caseNumber));
  assert.equal(files.length, 1);
  assert.equal(files[0]?.content?.length, pdf.length, 'the bytes arrived');
  assert.equal((await caseRow(workbench, caseNumber)).state, 'submitted');
  const last = (await historyOf(workbench.services.db, caseNumber)).at(-1);
  assert.deepEqual([last?.action, last?.actor], ['supplement', 'applicant']);
  await scripted.close();
  await context.close();
});

test('a withdrawal of an accepted case, before a decision, is shown as withdrawn once the workbench has confirmed it', async () => {
  // Applying is the first journey's; this one starts from a submitted application.
  const person = await verifiedCitizen(portal, '王示例');
  let url = await start(person.client, slug);
  for (const [, fields] of certificatePages(person)) url = await answer(person.client, url, fields);
  const id = /\/applications\/([0-9a-f-]{36})\//.exec(url)?.[1];
  assert.ok(id);
  const { submitKey, csrf } = await checkPageForm(person.client, id);
  const submitted = await person.client.post(`/applications/${id}/submit`, { submitKey }, { csrf });
  assert.equal(submitted.statusCode, 303);
  // Accepted, so under way but not yet decided.
  await toWorkbench();
  const caseNumber = (await person.client.get(`/applications/${id}/confirmation`)).body.match(
    /SF-ZA-\d{8}-\d{6}/,
  )?.[0];
  assert.ok(caseNumber);
  await claimAndAct(await officerAt(workbench, 'SF-ZA', 'window-clerk'), caseNumber, 'accept');
  await toPortal();

  const context = await openContext(browser, { locale: 'zh-CN' });
  const page = await signIn(context, person);
  await page.goto(`${portal.url}/my/cases`);
  await page.getByRole('link', { name: caseNumber }).click();
  const main = page.locator('main');
  await main.locator('.timeline').getByText('已受理').first().waitFor();
  await main.getByRole('link', { name: '撤回申请' }).click();
  await expectAccessibleInBothLanguages(page, 'withdrawal form');
  await page.getByLabel(/撤回原因/).fill('已不需要');
  await page.getByRole('button', { name: '确认撤回' }).click();
  await main.getByText('已提交撤回申请').first().waitFor();

  await toWorkbench();
  assert.equal((await caseRow(workbench, caseNumber)).state, 'withdrawn');
  await toPortal();
  await page.reload();
  await main.locator('.timeline').getByText('已撤回').first().waitFor();
  assert.doesNotMatch(await main.innerText(), /已申请撤回/);
  await expectAccessibleInBothLanguages(page, 'case page, withdrawn');
  await context.close();
});
