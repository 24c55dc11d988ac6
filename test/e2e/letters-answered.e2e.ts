import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as OTPAuth from 'otpauth';
import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { keyringFrom, startRelay, type Relay } from '../../src/exchange/runtime.ts';
import { DEMO_CITIZEN, seedPortal } from '../../src/portal/seed.ts';
import { DEMO_KB, seedKnowledgeBase } from '../../src/workbench/kb/kb.seed.ts';
import { seedWorkbench } from '../../src/workbench/seed.ts';
import { testPublicKeys } from '../helpers/zones.ts';
import { makeOfficer } from '../workbench/support.ts';
import {
  expectAccessibleInBothLanguages,
  launchBrowser,
  openContext,
  serveZone,
  type ServedZone,
} from './browser.ts';

// Every kind of letter written and answered end to end: a signed-in citizen writes it on the portal, it crosses
// and is routed, a letter handler claims and answers it in the workbench, and the reply is read back on the
// portal. One consultation is answered from the knowledge base's suggestion; a complaint is forwarded to a
// station, the clock moves past its deadline, and it shows red to the district's supervisor. One pair of zones
// serves every case. The kinds alternate JavaScript on and off on the portal.

let browser: Browser;
let portal: ServedZone;
let workbench: ServedZone;
let relay: Relay;
let offset = 0;
let citizen: BrowserContext;
let officer: BrowserContext;
let citizenPage: Page;
let officerPage: Page;

async function cross(): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await workbench.signOutbox();
    await portal.signOutbox();
    await relay.runOnce();
    await portal.processInbox();
    await workbench.processInbox();
  }
}

/** Signs an officer in on the workbench's clock (its TOTP step follows the injected clock). */
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

before(async () => {
  [browser, portal, workbench] = await Promise.all([
    launchBrowser(),
    serveZone('portal'),
    serveZone('workbench'),
  ]);
  workbench.services.now = () => new Date(Date.now() + offset);
  relay = startRelay(
    portal.database.db,
    workbench.database.db,
    keyringFrom(testPublicKeys),
    pino({ level: 'silent' }),
    60_000,
  );
  await seedPortal(portal.services);
  await seedWorkbench(workbench.services);
  await seedKnowledgeBase(workbench.services);
  await cross();

  citizen = await openContext(browser, { locale: 'zh-CN' });
  citizenPage = await citizen.newPage();
  await citizenPage.goto(`${portal.url}/login`);
  await citizenPage.getByLabel('手机号码').fill(DEMO_CITIZEN.mobile);
  await citizenPage.getByLabel('密码').fill(DEMO_CITIZEN.password);
  await citizenPage.getByRole('button', { name: '登录' }).click();
  await citizenPage.getByRole('heading', { name: '我的账号' }).waitFor();

  // One handler for the whole force, so every kind's unit is within his reach.
  const handler = await makeOfficer(workbench, {
    unitCode: 'SF-0000',
    role: 'letter-handler',
    scope: 'subtree',
    enrolled: true,
  });
  officer = await openContext(browser, { locale: 'zh-CN' });
  officerPage = await officerLogIn(officer, handler);
});
after(async () => {
  await citizen?.close();
  await officer?.close();
  await relay?.stop();
  await browser?.close();
  await Promise.all([portal?.close(), workbench?.close()]);
});

interface Kind {
  kind: string;
  link: string;
  topic: string;
  bodyLabel: string;
  place?: string;
  publishable: boolean;
}

const kinds: Kind[] = [
  { kind: 'director', link: '局长信箱', topic: 'other', bodyLabel: '您想对局长说什么', publishable: true },
  { kind: 'consultation', link: '咨询', topic: 'household', bodyLabel: '您的问题', publishable: true },
  {
    kind: 'complaint',
    link: '投诉',
    topic: 'police-conduct',
    bodyLabel: '发生了什么',
    place: '明湖区湖滨路派出所',
    publishable: true,
  },
  { kind: 'suggestion', link: '建议', topic: 'traffic', bodyLabel: '您的建议', publishable: true },
  { kind: 'praise', link: '表扬', topic: 'other', bodyLabel: '您想表扬谁、为什么', publishable: true },
  {
    kind: 'help',
    link: '求助',
    topic: 'public-order',
    bodyLabel: '您需要什么帮助',
    place: '清江区江滨小区',
    publishable: false,
  },
  {
    kind: 'tip',
    link: '举报',
    topic: 'fire',
    bodyLabel: '您要举报什么',
    place: '30.52, 114.31',
    publishable: false,
  },
];

/** Writes a letter of the kind as the signed-in citizen; its number, from the page it lands on. */
async function write(page: Page, k: Kind, subject: string): Promise<string> {
  await page.goto(`${portal.url}/interaction`);
  await page.locator('#main').getByRole('link', { name: k.link, exact: true }).first().click();
  await page.getByLabel('涉及事项').selectOption(k.topic);
  await page.getByLabel('标题').fill(subject);
  await page.getByLabel(k.bodyLabel).fill(`${subject}。请尽快答复，谢谢。`);
  if (k.place) await page.locator('input[name="place"]').fill(k.place);
  if (k.publishable) await page.getByLabel('不公开').check();
  if (k.kind === 'tip') await page.getByLabel('实名').check();
  await page.locator('form').getByRole('button', { name: '提交', exact: true }).last().click();
  await page.waitForURL(/\/my\/letters\/XJ-/);
  return /XJ-\d{8}-[A-Z2-7]{8}/.exec(page.url())![0];
}

/** The handler claims the letter and sends a reply (or the text the knowledge base filled in). */
async function answer(letterNumber: string, reply?: string): Promise<void> {
  await officerPage.goto(`${workbench.url}/letters/${letterNumber}`);
  await officerPage.getByRole('button', { name: '认领' }).click();
  await officerPage.getByText('已办理。').first().waitFor();
  if (reply !== undefined) await officerPage.getByLabel('答复内容').fill(reply);
  await officerPage.getByRole('button', { name: '发送答复' }).click();
  await officerPage.getByText('已办理。').first().waitFor();
}

for (const [i, k] of kinds.entries()) {
  const javaScriptEnabled = i % 2 === 0;
  test(`a ${k.kind} letter is written, answered in the workbench and its reply read on the portal (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const context = javaScriptEnabled
      ? citizen
      : await openContext(browser, {
          locale: 'zh-CN',
          javaScriptEnabled: false,
          storageState: await citizen.storageState(),
        });
    const page = javaScriptEnabled ? citizenPage : await context.newPage();
    const letterNumber = await write(page, k, `端到端${k.link}信件`);
    await cross();
    const reply = `您好，您的${k.link}已收悉并办理，感谢您对公安工作的支持。`;
    await answer(letterNumber, reply);
    await cross();
    await page.goto(`${portal.url}/my/letters/${letterNumber}`);
    await page.getByText(reply).waitFor();
    if (i === 0) {
      await expectAccessibleInBothLanguages(page, 'a letter with its reply');
      await expectAccessibleInBothLanguages(officerPage, 'an answered letter in the workbench');
    }
    if (!javaScriptEnabled) await context.close();
  });
}

test('a consultation is answered starting from the knowledge base’s suggestion', async () => {
  const passport = DEMO_KB.find((e) => e.question.startsWith('护照过期'))!;
  const letterNumber = await write(
    citizenPage,
    { ...kinds[1]!, topic: 'exit-entry' },
    '我的护照过期了，怎么换发新护照',
  );
  await cross();
  await officerPage.goto(`${workbench.url}/letters/${letterNumber}`);
  await officerPage.getByRole('button', { name: '认领' }).click();
  await officerPage.getByText('已办理。').first().waitFor();
  await officerPage
    .getByRole('link', { name: /以此口径开始答复/ })
    .filter({ hasText: passport.question })
    .click();
  assert.equal(await officerPage.getByLabel('答复内容').inputValue(), passport.answer);
  await expectAccessibleInBothLanguages(officerPage, 'a reply started from the knowledge base');
  await officerPage.getByRole('button', { name: '发送答复' }).click();
  await officerPage.getByText('已办理。').first().waitFor();
  await cross();
  await citizenPage.goto(`${portal.url}/my/letters/${letterNumber}`);
  await citizenPage.getByText(passport.answer).waitFor();
});

test('a forwarded letter goes overdue and shows red to the district’s supervisor', async () => {
  const letterNumber = await write(citizenPage, kinds[2]!, '派出所民警态度生硬');
  await cross();
  await officerPage.goto(`${workbench.url}/letters/${letterNumber}`);
  await officerPage.getByRole('button', { name: '认领' }).click();
  await officerPage.getByText('已办理。').first().waitFor();
  await officerPage.getByLabel('转给单位（代码）').fill('SF-D01-P01');
  await officerPage.getByLabel('转办理由').fill('属辖区派出所职责，请核查。');
  await officerPage.getByRole('button', { name: '转办' }).click();
  await officerPage.getByText('已办理。').first().waitFor();
  await cross();
  await citizenPage.goto(`${portal.url}/my/letters/${letterNumber}`);
  await citizenPage.getByText('属辖区派出所职责，请核查。').waitFor();

  // Fifteen working days are three weeks and more: a month later it is overdue.
  offset += 31 * 86_400_000;
  const supervisor = await makeOfficer(workbench, {
    unitCode: 'SF-D01',
    role: 'supervisor',
    scope: 'subtree',
    enrolled: true,
  });
  const context = await openContext(browser, { locale: 'zh-CN' });
  const page = await officerLogIn(context, supervisor);
  await page.goto(`${workbench.url}/letters?view=overdue`);
  const row = page.getByRole('row').filter({ hasText: letterNumber });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', /已超期/);
  await expectAccessibleInBothLanguages(page, 'overdue letters');
  await context.close();
});
