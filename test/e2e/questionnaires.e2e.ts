import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as OTPAuth from 'otpauth';
import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { keyringFrom, startRelay, type Relay } from '../../src/exchange/runtime.ts';
import { DEMO_CITIZEN, seedPortal } from '../../src/portal/seed.ts';
import { todayInShanghai } from '../../src/shared/calendar/working-days.ts';
import { seedWorkbench } from '../../src/workbench/seed.ts';
import { testPublicKeys } from '../helpers/zones.ts';
import { makeOfficer, type Workbench } from '../workbench/support.ts';
import { expectAccessible, launchBrowser, openContext, serveZone, type ServedZone } from './browser.ts';

// A satisfaction questionnaire the whole way through a browser: a supervisor builds one in the workbench (a
// single choice, a multiple choice, a scale and a text question shown only after a given answer), is refused a
// condition that names a missing option and keeps what he typed, adds the questions one at a time (the builder
// works without JavaScript: each "add a question" is a round trip), publishes it for a period and an audience;
// it crosses to the portal, where a signed-in citizen answers it with JavaScript and a visitor without; the
// responses cross back and the supervisor reads the results. Every page is checked by axe in both languages at
// 1366 and 390 px. QUESTIONNAIRE_SHOTS names a folder for screenshots a person may look at.

let browser: Browser;
let portal: ServedZone;
let workbench: ServedZone;
let relay: Relay;

async function cross(): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await workbench.signOutbox();
    await portal.signOutbox();
    await relay.runOnce();
    await portal.processInbox();
    await workbench.processInbox();
  }
}

before(async () => {
  [browser, portal, workbench] = await Promise.all([
    launchBrowser(),
    serveZone('portal'),
    serveZone('workbench'),
  ]);
  relay = startRelay(
    portal.database.db,
    workbench.database.db,
    keyringFrom(testPublicKeys),
    pino({ level: 'silent' }),
    60_000,
  );
  await seedPortal(portal.services);
  await seedWorkbench(workbench.services);
  await cross();
});
after(async () => {
  await relay?.stop();
  await browser?.close();
  await Promise.all([portal?.close(), workbench?.close()]);
});

const asWorkbench = () => Object.assign(workbench, { advance: () => undefined }) as unknown as Workbench;

const dayFrom = (today: string, days: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const WIDTHS = [1366, 390] as const;

/** Screenshots for a person to look at, when asked for. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.QUESTIONNAIRE_SHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** The page the browser is on, checked as it stands (a form's answer, which a reload would not give again). */
async function checkHere(page: Page, label: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page, `${label} at ${width} px`);
    await shot(page, `${label}-${width}`);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

/** The page at this address, in Chinese and English, at 1366 and 390 px, in a page of the same context. */
async function checkEverywhere(context: BrowserContext, at: string, label: string): Promise<void> {
  for (const lang of ['zh', 'en'] as const)
    for (const width of WIDTHS) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      const url = new URL(at);
      url.searchParams.set('lang', lang);
      await page.goto(url.toString());
      await expectAccessible(page, `${label} [${lang}] at ${width} px`);
      // Nothing wider than the screen: a phone scrolls down, never across.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `${label} [${lang}] is ${overflow} px wider than ${width} px`);
      await shot(page, `${label}-${lang}-${width}`);
      await page.close();
    }
}

async function officerLogIn(context: BrowserContext, who: { badgeNo: string; secret?: string }) {
  const page = await context.newPage();
  await page.goto(`${workbench.url}/staff/login`);
  await page.getByLabel('警号').fill(who.badgeNo);
  await page.getByLabel('密码').fill('Shifan-Police-26');
  await page.getByRole('button', { name: '下一步' }).click();
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(who.secret!) });
  await page.getByLabel('动态口令').fill(totp.generate({ timestamp: workbench.services.now().getTime() }));
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '待办事项' }).waitFor();
  return page;
}

/** Fills question `slot` of the builder; `options` one a line as "中文 | English". */
async function fillQuestion(
  page: Page,
  slot: number,
  q: { kind: string; zh: string; en: string; required?: boolean; options?: string; showIf?: string },
): Promise<void> {
  const group = page.getByRole('group', { name: new RegExp(`^第 ${slot} 题`) });
  await group.getByLabel('题型').selectOption({ label: q.kind });
  await group.getByLabel('题目（中文）').fill(q.zh);
  await group.getByLabel('题目（英文）').fill(q.en);
  if (q.required) await group.getByLabel('必答').check();
  if (q.options) await group.getByLabel('选项（选择题）').fill(q.options);
  if (q.showIf) await group.getByLabel('显示条件').fill(q.showIf);
}

test('a supervisor builds and publishes a questionnaire, the public answer it with and without JavaScript, and he reads the results', async () => {
  const today = todayInShanghai(workbench.services.now());
  const made = await makeOfficer(asWorkbench(), {
    unitCode: 'SF-D01',
    role: 'supervisor',
    scope: 'subtree',
    enrolled: true,
  });
  const officer = await openContext(browser, { locale: 'zh-CN' });
  const page = await officerLogIn(officer, made);

  // The menu leads to the questionnaires; the builder starts with one question.
  await page.getByRole('link', { name: '满意度问卷' }).first().click();
  await page.getByRole('heading', { name: '满意度问卷' }).waitFor();
  await checkEverywhere(officer, page.url(), 'questionnaires-list');
  await page.getByRole('link', { name: '新建问卷' }).click();
  await page.getByRole('heading', { name: '新建问卷' }).waitFor();
  await checkEverywhere(officer, page.url(), 'questionnaire-new');

  await page.getByLabel('标题（中文）').fill('窗口服务满意度调查');
  await page.getByLabel('标题（英文）').fill('Service hall satisfaction survey');
  await page.getByLabel('说明（中文）').fill('请花一分钟告诉我们您的感受。');
  await page.getByLabel('说明（英文）').fill('Tell us in a minute how it went.');
  await fillQuestion(page, 1, {
    kind: '单选题',
    zh: '您对本次办事满意吗？',
    en: 'Were you satisfied?',
    required: true,
    options: '满意 | Satisfied\n不满意 | Not satisfied',
  });
  // Each further question is a round trip that keeps everything typed so far.
  await page.getByRole('button', { name: '再加一题' }).click();
  await page.getByRole('group', { name: /^第 2 题/ }).waitFor();
  assert.equal(await page.getByLabel('标题（中文）').inputValue(), '窗口服务满意度调查');
  await fillQuestion(page, 2, {
    kind: '多选题',
    zh: '您通过哪些渠道了解办事指南？',
    en: 'Where did you learn how to apply?',
    options: '门户网站 | Portal\n窗口 | Counter\n电话 | Phone',
  });
  await page.getByRole('button', { name: '再加一题' }).click();
  await page.getByRole('group', { name: /^第 3 题/ }).waitFor();
  await fillQuestion(page, 3, {
    kind: '1–5 分量表',
    zh: '请为窗口民警的态度打分',
    en: 'Rate the officer at the counter',
    required: true,
  });
  await page.getByRole('button', { name: '再加一题' }).click();
  await page.getByRole('group', { name: /^第 4 题/ }).waitFor();
  // A condition naming an option question 1 does not have is refused, and nothing typed is lost.
  await fillQuestion(page, 4, {
    kind: '文字题',
    zh: '哪里让您不满意？',
    en: 'What went wrong?',
    required: true,
    showIf: 'q1:o5',
  });
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('第 4 题的显示条件指向第 1 题不存在的选项 o5').first().waitFor();
  assert.equal(await page.getByLabel('标题（中文）').inputValue(), '窗口服务满意度调查');
  assert.equal(
    await page
      .getByRole('group', { name: /^第 4 题/ })
      .getByLabel('题目（中文）')
      .inputValue(),
    '哪里让您不满意？',
  );
  await checkHere(page, 'questionnaire-refused');
  await page
    .getByRole('group', { name: /^第 4 题/ })
    .getByLabel('显示条件')
    .fill('q1:o2');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('问卷已保存为草稿。').waitFor();
  const editor = page.url();
  await checkEverywhere(officer, editor, 'questionnaire-draft');

  // Published for a month to everyone.
  await page.getByLabel('所有访客').check();
  await page.getByLabel('开始日期').fill(today);
  await page.getByLabel('结束日期').fill(dayFrom(today, 30));
  await page.getByRole('button', { name: '发布到门户网站' }).click();
  await page.getByText('问卷已发布到门户网站。').waitFor();
  await checkEverywhere(officer, editor, 'questionnaire-published');
  await cross();

  // A signed-in citizen, with JavaScript: he was not satisfied, so the text question is his to answer.
  const citizen = await openContext(browser, { locale: 'zh-CN' });
  const citizenPage = await citizen.newPage();
  await citizenPage.goto(`${portal.url}/login`);
  await citizenPage.getByLabel('手机号码').fill(DEMO_CITIZEN.mobile);
  await citizenPage.getByLabel('密码').fill(DEMO_CITIZEN.password);
  await citizenPage.getByRole('button', { name: '登录' }).click();
  await citizenPage.getByRole('heading', { name: '我的账号' }).waitFor();
  await citizenPage.goto(`${portal.url}/interaction`);
  await citizenPage.getByRole('link', { name: '参与正在进行的满意度调查' }).click();
  await checkEverywhere(citizen, citizenPage.url(), 'portal-questionnaires');
  await citizenPage.getByRole('link', { name: '窗口服务满意度调查' }).click();
  await citizenPage.getByRole('heading', { name: '窗口服务满意度调查' }).waitFor();
  const form = citizenPage.url();
  await checkEverywhere(citizen, form, 'portal-questionnaire');
  // Sent empty, the required questions are named and nothing is kept.
  await citizenPage.getByRole('button', { name: '提交' }).click();
  await citizenPage.locator('.error-summary').waitFor();
  await checkHere(citizenPage, 'portal-questionnaire-refused');
  await citizenPage
    .getByRole('group', { name: /您对本次办事满意吗/ })
    .getByLabel('不满意')
    .check();
  await citizenPage
    .getByRole('group', { name: /了解办事指南/ })
    .getByLabel('门户网站')
    .check();
  await citizenPage
    .getByRole('group', { name: /了解办事指南/ })
    .getByLabel('电话')
    .check();
  await citizenPage
    .getByRole('group', { name: /态度打分/ })
    .getByLabel('2', { exact: true })
    .check();
  await citizenPage.getByLabel(/哪里让您不满意/).fill('排队时间太长。');
  await citizenPage.getByRole('button', { name: '提交' }).click();
  await citizenPage.locator('h1').first().waitFor();
  const thanks = (await citizenPage.locator('h1').first().textContent()) ?? '';
  assert.match(thanks, /感谢|谢谢/);
  await checkHere(citizenPage, 'portal-questionnaire-thanks');

  // A visitor without JavaScript: satisfied, so he leaves the text question alone.
  const visitor = await openContext(browser, { locale: 'zh-CN', javaScriptEnabled: false });
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(form);
  await visitorPage
    .getByRole('group', { name: /您对本次办事满意吗/ })
    .getByLabel('满意', { exact: true })
    .check();
  await visitorPage
    .getByRole('group', { name: /态度打分/ })
    .getByLabel('5 非常满意')
    .check();
  await visitorPage.getByRole('button', { name: '提交' }).click();
  assert.match((await visitorPage.locator('h1').first().textContent()) ?? '', /感谢|谢谢/);
  // Once per browser: the form is not offered again.
  await visitorPage.goto(form);
  assert.equal(await visitorPage.getByRole('button', { name: '提交' }).count(), 0);
  await cross();

  // The results: two responses, the written answer among them.
  await page.goto(editor);
  await page.goto(`${editor}/results`);
  await page.getByRole('heading', { name: '窗口服务满意度调查' }).waitFor();
  const results = await page.content();
  assert.match(results, /本版本回答数<\/dt>\s*<dd[^>]*>\s*2\s*</);
  assert.ok(results.includes('排队时间太长。'));
  await checkEverywhere(officer, page.url(), 'questionnaire-results');

  await visitor.close();
  await citizen.close();
  await officer.close();
});
