import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as OTPAuth from 'otpauth';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { messageHandlers } from '../../src/exchange/facade.ts';
import { keyringFrom, startRelay, type Relay } from '../../src/exchange/runtime.ts';
import { contentInboxHandlers } from '../../src/portal/content/content.inbox.ts';
import { toBeijingLocal } from '../../src/workbench/content/content.check.ts';
import { releaseDue } from '../../src/workbench/content/content.review.ts';
import { seedWorkbench } from '../../src/workbench/seed.ts';
import { testPublicKeys } from '../helpers/zones.ts';
import { makeOfficer, PASSWORD, type Officer } from '../workbench/support.ts';
import {
  expectAccessible,
  expectAccessibleInBothLanguages,
  launchBrowser,
  openContext,
  serveZone,
  type ServedZone,
} from './browser.ts';

// In Chromium: an editor writes a safety warning with an ID number and a mobile number in it; the publication
// check refuses it and says on which line and what, keeping what was typed; the editor fixes it and submits;
// the editor cannot approve his own article; a second officer approves and publishes; after the exchange has
// carried it the portal shows it in its column, on the home page, in the column's feed and in search, on a
// phone too. Two days on (the zones' clocks moved, not waited for) the platform takes it down at the time the
// editor set, and the portal no longer shows it. Pages are checked with axe in both languages.

let browser: Browser;
let workbench: ServedZone;
let portal: ServedZone;
let relay: Relay;
let editor: Officer;
let approver: Officer;

const TITLE = '警惕冒充快递理赔诈骗';
const LEAKY = '近日有人冒充快递客服实施诈骗。\n嫌疑人身份证号110105198001010016，手机13800138000。';
const FIXED = '近日有人冒充快递客服实施诈骗。\n快递理赔只通过官方平台办理，不要向陌生账户转账。';

before(async () => {
  [browser, workbench, portal] = await Promise.all([
    launchBrowser(),
    serveZone('workbench'),
    serveZone('portal'),
  ]);
  // What src/zones.ts wires for the running system.
  Object.assign(portal.inboxHandlers, messageHandlers(contentInboxHandlers));
  await seedWorkbench(workbench.services);
  relay = startRelay(
    portal.database.db,
    workbench.database.db,
    keyringFrom(testPublicKeys),
    pino({ level: 'silent' }),
    { intervalMs: 60_000, beatMs: 0 },
  );
  editor = await makeOfficer(workbench, { unitCode: 'SF-D01', role: 'content-editor', enrolled: true });
  approver = await makeOfficer(workbench, { unitCode: 'SF-D01', role: 'approver', enrolled: true });
});
after(async () => {
  await relay?.stop();
  await browser?.close();
  await workbench?.close();
  await portal?.close();
});

async function cross(): Promise<void> {
  await workbench.signOutbox();
  while ((await relay.runOnce()).toPortal.delivered > 0);
  const report = await portal.processInbox();
  assert.equal(report.failed, 0);
}

const DAY = 86_400_000;

const codeFor = (secret: string) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate();

async function logIn(page: Page, officer: Officer): Promise<void> {
  await page.goto(workbench.url + '/staff/login');
  await page.getByLabel('警号').fill(officer.badgeNo);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('动态口令').fill(codeFor(officer.secret ?? ''));
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '待办事项' }).waitFor();
}

test('an article blocked by the check, fixed, approved by a second officer, and read on the portal', async () => {
  const context = await openContext(browser, { locale: 'zh-CN' });
  const page = await context.newPage();
  await logIn(page, editor);
  await page.goto(workbench.url + '/content');
  await page.getByRole('link', { name: '撰写新稿件' }).click();
  await page.getByLabel('栏目').selectOption('safety-warnings');
  await page.getByLabel('发布单位').selectOption('SF-D01');
  await page.getByLabel('标题').fill(TITLE);
  await page.getByRole('button', { name: '创建草稿' }).click();
  await page.getByText('草稿已创建，请填写正文。').waitFor();
  await expectAccessibleInBothLanguages(page, 'new article');
  // The editor's page with its picture upload, for a person to look at when SHOTS_DIR is set.
  if (process.env.SHOTS_DIR)
    await page.screenshot({ path: `${process.env.SHOTS_DIR}/workbench-article-1366-zh.png`, fullPage: true });

  // The check refuses the ID number and the mobile number, each placed on its line, and keeps the text.
  await page.getByLabel('正文', { exact: true }).fill(LEAKY);
  await page.getByRole('button', { name: '提交审核' }).click();
  const summary = page.locator('.error-summary');
  await summary.getByRole('link', { name: /第2行.*身份证号码/ }).waitFor();
  await summary.getByRole('link', { name: /第2行.*个人电话号码/ }).waitFor();
  assert.equal(await page.getByLabel('正文', { exact: true }).inputValue(), LEAKY);
  await expectAccessible(page, 'article refused by the check');

  await page.getByLabel('正文', { exact: true }).fill(FIXED);
  // Taken down on its own the day after tomorrow.
  const takeDown = toBeijingLocal(new Date(workbench.services.now().getTime() + 2 * DAY));
  await page.getByLabel('下线时间（北京时间）').fill(takeDown);
  await page.getByRole('button', { name: '提交审核' }).click();
  await page.getByText('第1版已提交审核。').waitFor();
  // Four eyes: the author is not offered the approval of his own article.
  assert.equal(await page.getByRole('button', { name: '审核通过并发布' }).count(), 0);
  const articleUrl = page.url();
  await context.close();

  const second = await openContext(browser, { locale: 'zh-CN' });
  const review = await second.newPage();
  await logIn(review, approver);
  await review.goto(articleUrl);
  await review.getByText('发布检查未发现问题。').waitFor();
  await expectAccessibleInBothLanguages(review, 'article in review');
  await review.getByRole('button', { name: '审核通过并发布' }).click();
  await review.getByText('已发布，正通过边界平台送达门户。').waitFor();
  await second.close();

  await cross();
  const citizen = await openContext(browser, { locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  const phone = await citizen.newPage();
  await phone.goto(`${portal.url}/news/safety-warnings`);
  await phone.getByRole('link', { name: TITLE }).click();
  await phone.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await phone.getByText('快递理赔只通过官方平台办理').waitFor();
  await expectAccessibleInBothLanguages(phone, 'published article');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the article fits a phone's width (overflows by ${overflow}px)`);

  await phone.goto(portal.url + '/');
  await phone.getByRole('region', { name: '防范提示' }).getByRole('link', { name: TITLE }).waitFor();
  await phone.goto(`${portal.url}/search?q=${encodeURIComponent('快递理赔')}`);
  await phone.getByRole('region', { name: '文章' }).getByRole('link', { name: TITLE }).waitFor();
  await expectAccessibleInBothLanguages(phone, 'search');

  const feed = await phone.request.get(`${portal.url}/feeds/safety-warnings/rss.xml`);
  assert.equal(feed.status(), 200);
  const xml = await feed.text();
  assert.match(xml, new RegExp(`<title>${TITLE}</title>`));
  for (const personal of ['110105198001010016', '13800138000'])
    assert.ok(!xml.includes(personal), 'nothing the check refused ever reached the portal');
  await phone.goto(`${portal.url}/news/safety-warnings`);
  const portalArticle = await phone.getByRole('link', { name: TITLE }).getAttribute('href');

  // Nothing happens before the take-down time; once the clocks pass it, the platform withdraws the article.
  workbench.advanceClock(DAY);
  portal.advanceClock(DAY);
  assert.deepEqual(await releaseDue(workbench.services), { published: 0, withdrawn: 0 });
  workbench.advanceClock(DAY + 60_000);
  portal.advanceClock(DAY + 60_000);
  assert.deepEqual(await releaseDue(workbench.services), { published: 0, withdrawn: 1 });
  await cross();
  const gone = await phone.goto(`${portal.url}${portalArticle ?? ''}`);
  assert.equal(gone?.status(), 404, 'the withdrawn article is no longer on the portal');
  await phone.goto(`${portal.url}/news/safety-warnings`);
  assert.equal(await phone.getByRole('link', { name: TITLE }).count(), 0);
  await expectAccessibleInBothLanguages(phone, 'column after the withdrawal');
  await phone.goto(portal.url + '/');
  assert.equal(await phone.getByRole('link', { name: TITLE }).count(), 0);
  await citizen.close();
});
