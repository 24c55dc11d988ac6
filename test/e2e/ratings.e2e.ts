import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { outbox } from '../../src/exchange/tables.ts';
import { publishCatalogDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import { applications } from '../../src/portal/db/schema.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import type { Role, Scope } from '../../src/workbench/db/schema.ts';
import { ratings, rectificationOrders } from '../../src/workbench/db/schema.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import {
  answer,
  applicationIdOf,
  certificatePages,
  checkPageForm,
  start,
  verifiedCitizen,
  type Person,
} from '../portal/applications.helpers.ts';
import { claimAndAct, officerAt, startCaseWorkbench } from '../workbench/cases.support.ts';
import { codeNow, makeOfficer, PASSWORD, type Workbench } from '../workbench/support.ts';
import {
  expectAccessible,
  expectAccessibleInBothLanguages,
  launchBrowser,
  openContext,
  serveZone,
  type ServedZone,
} from './browser.ts';

// 好差评 in the browser, the whole way: a citizen's certificate is finished in the workbench; he rates it two
// stars (不满意) on the portal with reasons and a comment; the bad review opens a rectification order at the
// unit that handled it, whose supervisor works it in the workbench's pages (verify, fix, call back, reply); the
// reply comes back to the portal and the citizen accepts it; the bureau's approver samples the closed order. A
// second citizen rates without JavaScript, appeals the first reply (once only) and accepts the second.

let browser: Browser;
let portal: ServedZone;
let workbench: Workbench & { url: string };
let boundary: Boundary;

before(async () => {
  let zone: Workbench;
  [browser, portal, zone] = await Promise.all([launchBrowser(), serveZone('portal'), startCaseWorkbench()]);
  await publishCatalogDirectly(portal.services.db, loadCatalogItems());
  await zone.database.db.delete(outbox);
  // The officers' pages are served too: they work the order in the browser.
  await (zone.app as FastifyInstance).listen({ host: '127.0.0.1', port: 0 });
  const address = zone.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  workbench = Object.assign(zone, { url: `http://127.0.0.1:${String(port)}` });
  boundary = joinZones(portal, workbench);
});
after(async () => {
  await boundary?.relay.stop();
  await browser?.close();
  await Promise.all([portal?.close(), workbench?.close()]);
});

const slug = 'no-criminal-record-certificate';

/** Portal to workbench and back, twice over, as the workers and the relay would. */
async function cross(): Promise<void> {
  await boundary.crossBothWays(2);
}

/** A certificate applied for by a new verified citizen, accepted, checked, issued and handed over. */
async function finishedCase(name: string): Promise<{ person: Person; number: string }> {
  const person = await verifiedCitizen(portal, name);
  let page = await start(person.client, slug);
  const id = applicationIdOf(page);
  for (const [, fields] of certificatePages(person)) page = await answer(person.client, page, fields);
  const { submitKey, csrf } = await checkPageForm(person.client, id);
  const submitted = await person.client.post(`/applications/${id}/submit`, { submitKey }, { csrf });
  assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 300));
  const [row] = await portal.services.db.select().from(applications).where(eq(applications.id, id));
  const number = row?.caseNumber;
  assert.ok(number, 'the application was submitted');
  await cross();
  const clerk = await officerAt(workbench, 'SF-ZA', 'window-clerk');
  const reviewer = await officerAt(workbench, 'SF-ZA', 'reviewer');
  await claimAndAct(clerk, number, 'accept', { message: '材料齐全，予以受理' });
  await claimAndAct(reviewer, number, 'check');
  await claimAndAct(clerk, number, 'issue');
  await claimAndAct(clerk, number, 'complete');
  await cross();
  return { person, number };
}

async function citizenSignIn(context: BrowserContext, person: Person): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${portal.url}/login`);
  await page.getByLabel('手机号码').fill(person.mobile);
  await page.getByLabel('密码').fill(person.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '我的账号' }).waitFor();
  return page;
}

/** An enrolled officer signed in through the workbench's own pages. */
async function officerSignIn(
  context: BrowserContext,
  unitCode: string,
  role: Role,
  scope: Scope = 'unit',
): Promise<Page> {
  const officer = await makeOfficer(workbench, { unitCode, role, scope, enrolled: true });
  const page = await context.newPage();
  await page.goto(`${workbench.url}/staff/login`);
  await page.getByLabel('警号').fill(officer.badgeNo);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '下一步' }).click();
  // A fresh time step, so no code is used twice.
  workbench.advance(30_000);
  await page.getByLabel('动态口令').fill(codeNow(workbench, officer));
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '待办事项' }).waitFor();
  return page;
}

/** Checks the page in both languages, also at a phone's width. */
async function accessible(page: Page, label: string): Promise<void> {
  await expectAccessibleInBothLanguages(page, label);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessibleInBothLanguages(page, `${label} at 390 px`);
  if (size) await page.setViewportSize(size);
}

/** Screenshots for a person to look at, when asked for (RATINGS_SHOTS names a folder). */
async function shots(page: Page, name: string): Promise<void> {
  const dir = process.env.RATINGS_SHOTS;
  if (!dir) return;
  const size = page.viewportSize();
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-zh-${width}.png`, fullPage: true });
    const shot = await page.context().newPage();
    await shot.setViewportSize({ width, height: 900 });
    const url = new URL(page.url());
    url.searchParams.set('lang', 'en');
    await shot.goto(url.toString());
    await shot.screenshot({ path: `${dir}/${name}-en-${width}.png`, fullPage: true });
    await shot.close();
  }
  if (size) await page.setViewportSize(size);
}

/** Ids given to more than one element of the page (a label would tick another group's box). */
async function duplicateIds(page: Page): Promise<string[]> {
  const ids = await page.locator('[id]').evaluateAll((nodes) => nodes.map((n) => n.id));
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

async function orderOf(number: string) {
  const db = workbench.database.db;
  const [rating] = await db.select().from(ratings).where(eq(ratings.subjectNumber, number));
  assert.ok(rating, 'the rating reached the workbench');
  const [order] = await db
    .select()
    .from(rectificationOrders)
    .where(eq(rectificationOrders.ratingId, rating.id));
  return { rating, order };
}

const STEPS: [label: string, text: string][] = [
  ['核实情况', '经核实，发证等候时间过长属实。'],
  ['整改措施', '已增开一个发证窗口。'],
  ['回访情况', '已电话回访申请人。'],
  ['答复内容', '已增开窗口缩短等候，感谢您的监督。'],
];

/** The handling unit's supervisor works the order through its four steps in the workbench's pages. */
async function workTheOrder(page: Page, number: string, reply: string, check: boolean): Promise<void> {
  await page.goto(`${workbench.url}/ratings`);
  await page.getByRole('link', { name: number }).click();
  await page.getByRole('heading', { name: `差评整改 ${number}` }).waitFor();
  if (check) {
    await accessible(page, 'a rectification order');
    await shots(page, 'order-verifying');
  }
  for (const [i, [, text]] of STEPS.entries()) {
    const field = page.locator('textarea[name="text"]');
    await field.fill(i === STEPS.length - 1 ? reply : text);
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByText('已办理。').first().waitFor();
  }
  await page.locator('.timeline').getByText(reply).waitFor();
  assert.equal(await page.locator('textarea[name="text"]').count(), 0, 'no step left to take');
}

test('a citizen rates a finished case two stars; the rectification runs through to his acceptance; the bureau samples it', async () => {
  const { person, number } = await finishedCase('林示范');
  const citizen = await openContext(browser, { locale: 'zh-CN' });
  const page = await citizenSignIn(citizen, person);

  // The case page offers the rating once the case is finished.
  await page.goto(`${portal.url}/my/cases`);
  await page.getByRole('link', { name: '评价' }).first().click();
  await page.waitForURL(new RegExp(`/my/ratings/case/${number}$`));
  await page.getByRole('heading', { name: '评价' }).waitFor();
  await accessible(page, 'the rating form');
  await shots(page, 'rating-form');

  // A bad review without a reason is refused; what was typed stays.
  await page.getByLabel('不满意', { exact: true }).check();
  await page.getByLabel('意见和建议').fill('取证等候时间太长。');
  await page.getByRole('button', { name: '提交评价' }).click();
  await page
    .locator('.error-summary')
    .getByText(/不满意的原因/)
    .waitFor();
  assert.equal(await page.getByLabel('意见和建议').inputValue(), '取证等候时间太长。');
  assert.ok(await page.getByLabel('不满意', { exact: true }).isChecked());
  await expectAccessibleInBothLanguages(page, 'the rating form with an error');
  await shots(page, 'rating-form-error');
  // The two groups of reasons post one list but have ids of their own: a reason's label ticks its own box.
  assert.deepEqual(await duplicateIds(page), [], 'no id twice on the page');
  await page.getByText('工作人员态度不好（514）').click();
  assert.ok(await page.locator('input[name="reasons"][value="514"]').isChecked());
  assert.equal(await page.locator('input[name="reasons"]:checked').count(), 1);
  await page.getByRole('button', { name: '提交评价' }).click();
  await page.getByText('感谢您的评价。').waitFor();
  await page.getByRole('heading', { name: '您的评价' }).waitFor();
  await page.getByText('取证等候时间太长。').waitFor();
  assert.equal(await page.locator('input[name="level"]').count(), 0, 'a rating cannot be changed');
  await accessible(page, 'the rating as given');
  await shots(page, 'rating-given');

  // The bad review opens an order at the unit that handled the case.
  await cross();
  const { rating, order } = await orderOf(number);
  assert.deepEqual([rating.level, rating.reasons, rating.unitCode], [2, ['514'], 'SF-ZA']);
  assert.equal(order?.state, 'verifying');

  const officers = await openContext(browser, { locale: 'zh-CN' });
  const supervisor = await officerSignIn(officers, 'SF-ZA', 'supervisor');
  await supervisor.getByRole('link', { name: /待办的差评整改工单/ }).click();
  await supervisor.getByRole('heading', { name: '差评整改' }).waitFor();
  await accessible(supervisor, 'the rectification orders');
  await shots(supervisor, 'orders');
  const reply = '已增开发证窗口，缩短等候时间，感谢您的监督。';
  await workTheOrder(supervisor, number, reply, true);
  await accessible(supervisor, 'a replied order');
  await shots(supervisor, 'order-replied');
  await cross();

  // The citizen reads the reply and accepts it.
  await page.reload();
  await page.getByText(reply).waitFor();
  await accessible(page, 'the unit’s reply');
  await shots(page, 'rating-reply');
  await page.getByLabel('接受', { exact: true }).check();
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page.getByText('您已接受答复。').waitFor();
  await cross();
  assert.equal((await orderOf(number)).order?.state, 'closed');

  // The supervising unit (the bureau above the detachment) finds the closed order and samples it.
  const bureau = await openContext(browser, { locale: 'zh-CN' });
  const sampler = await officerSignIn(bureau, 'SF-0000', 'approver', 'subtree');
  await sampler.goto(`${workbench.url}/ratings?view=closed`);
  await sampler.getByRole('link', { name: number }).click();
  await sampler.getByRole('heading', { name: `差评整改 ${number}` }).waitFor();
  await sampler.getByRole('group', { name: '抽查结论' }).waitFor();
  await accessible(sampler, 'a closed order to sample');
  await shots(sampler, 'order-sample');
  await sampler.getByLabel('合格', { exact: true }).check();
  await sampler.getByRole('button', { name: '提交抽查结论' }).click();
  await sampler.getByText('已办理。').first().waitFor();
  assert.equal((await orderOf(number)).order?.sample, 'checked');
  await expectAccessible(sampler, 'a sampled order');

  await bureau.close();
  await officers.close();
  await citizen.close();
});

test('without JavaScript: a citizen rates two stars, appeals the reply once, and accepts the second', async () => {
  const { person, number } = await finishedCase('陈示例');
  const citizen = await openContext(browser, { locale: 'zh-CN', javaScriptEnabled: false });
  const page = await citizenSignIn(citizen, person);
  // The finished case's own page offers the rating.
  await page.goto(`${portal.url}/my/cases/${number}`);
  await page.getByRole('link', { name: '评价这次办理' }).click();
  await page.waitForURL(new RegExp(`/my/ratings/case/${number}$`));
  await page.getByLabel('不满意', { exact: true }).check();
  await page.getByRole('button', { name: '提交评价' }).click();
  await page.locator('.error-summary').waitFor();
  await page.getByLabel('不满意', { exact: true }).check();
  await page.locator('input[name="reasons"][value="514"]').check();
  await page.locator('input[name="reasons"][value="515"]').check();
  await page.getByLabel('意见和建议').fill('窗口解释不清，\n来回跑了两次。');
  await page.getByRole('button', { name: '提交评价' }).click();
  await page.getByText('感谢您的评价。').waitFor();
  await cross();
  const { rating, order } = await orderOf(number);
  assert.deepEqual([rating.level, [...rating.reasons].sort()], [2, ['514', '515']]);
  assert.ok(order);

  const officers = await openContext(browser, { locale: 'zh-CN' });
  const supervisor = await officerSignIn(officers, 'SF-ZA', 'supervisor');
  await workTheOrder(supervisor, number, '已向您书面说明办理要求。', false);
  await cross();

  // He does not accept it: the appeal sends the order back to verifying.
  await page.goto(`${portal.url}/my/ratings/case/${number}`);
  await page.getByText('已向您书面说明办理要求。').waitFor();
  await page.getByLabel(/不接受，提出申诉/).check();
  await page.getByLabel('申诉理由').fill('仍未说明为何要跑两次。');
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page.getByText('已提交。').waitFor();
  await page.getByText('您已提出申诉。').waitFor();
  await cross();
  const reopened = (await orderOf(number)).order;
  assert.deepEqual([reopened?.state, reopened?.round], ['verifying', 2]);

  // The second reply offers acceptance only: an appeal is possible once.
  await workTheOrder(supervisor, number, '已当面致歉并一次告知全部材料。', false);
  await cross();
  await page.goto(`${portal.url}/my/ratings/case/${number}`);
  await page.getByText('已当面致歉并一次告知全部材料。').waitFor();
  assert.equal(await page.locator('input[value="appeal"]').count(), 0, 'no second appeal');
  assert.equal(await page.locator('textarea[name="reason"]').count(), 0);
  // The page as shown without scripts, checked in a scripted copy of the same person.
  const scripted = await openContext(browser, { locale: 'zh-CN' });
  const checker = await citizenSignIn(scripted, person);
  await checker.goto(page.url());
  await accessible(checker, 'the second reply, acceptance only');
  await shots(checker, 'rating-second-reply');
  await scripted.close();
  await page.getByLabel('接受', { exact: true }).check();
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page.getByText('您已接受答复。').waitFor();
  await cross();
  assert.equal((await orderOf(number)).order?.state, 'closed');

  await officers.close();
  await citizen.close();
});
