import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { keyringFrom, startRelay, type Relay } from '../../src/exchange/runtime.ts';
import { DEMO_CITIZEN, seedPortal } from '../../src/portal/seed.ts';
import { DEMO_KB, seedKnowledgeBase } from '../../src/workbench/kb/kb.seed.ts';
import { kbEntries, kbVersions } from '../../src/workbench/kb/kb.tables.ts';
import { seedWorkbench } from '../../src/workbench/seed.ts';
import { startTestZone, testPublicKeys, type TestZone } from '../helpers/zones.ts';
import {
  expectAccessibleInBothLanguages,
  launchBrowser,
  openContext,
  serveZone,
  type ServedZone,
} from './browser.ts';

// Writing a consultation the way the demo offers it: the demo knowledge base is reviewed in the workbench and
// carried to the portal; the signed-in citizen starts a consultation, looks first, finds the instant answer,
// and says it answered his question, which ends the visit and is counted back in the workbench. Without a
// match he carries his question on into the letter. JavaScript on and off, axe-clean in both languages.

let browser: Browser;
let portal: ServedZone;
let workbench: TestZone;
let relay: Relay;

async function cross(): Promise<void> {
  await workbench.signOutbox();
  await portal.signOutbox();
  await relay.runOnce();
  await portal.processInbox();
  await workbench.processInbox();
}

before(async () => {
  [browser, portal, workbench] = await Promise.all([
    launchBrowser(),
    serveZone('portal'),
    startTestZone('workbench'),
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
  await seedKnowledgeBase(workbench.services);
  await cross();
});
after(async () => {
  await relay?.stop();
  await browser?.close();
  await Promise.all([portal?.close(), workbench?.close()]);
});

const passport = DEMO_KB.find((e) => e.question.startsWith('护照过期'))!;

async function helpedCount(): Promise<number> {
  const [row] = await workbench.services.db
    .select({ n: kbEntries.helpedCount })
    .from(kbEntries)
    .innerJoin(kbVersions, eq(kbVersions.entryId, kbEntries.id))
    .where(eq(kbVersions.question, passport.question));
  return row?.n ?? -1;
}

for (const javaScriptEnabled of [true, false]) {
  test(`an instant answer ends a consultation before it is written (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const context = await openContext(browser, { javaScriptEnabled, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(portal.url + '/login');
    await page.getByLabel('手机号码').fill(DEMO_CITIZEN.mobile);
    await page.getByLabel('密码').fill(DEMO_CITIZEN.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '我的账号' }).waitFor();
    await page.goto(portal.url + '/interaction');
    await page.getByRole('link', { name: '咨询' }).first().click();
    await page.getByLabel('先查一查：您想咨询什么？').fill('我的护照快过期了，怎么换发');
    await page.getByRole('button', { name: '查看相关答复' }).click();
    const first = page.locator('ol.list > li').first();
    assert.equal((await first.getByRole('heading').textContent())?.trim(), passport.question);
    if (javaScriptEnabled) await expectAccessibleInBothLanguages(page, 'instant answers');

    await first.getByRole('button', { name: /这解答了我的问题/ }).click();
    await page.getByRole('heading', { name: '很高兴为您解答' }).waitFor();
    await cross();
    // Counted in the workbench, once per citizen however often he says so (the second journey is his too).
    assert.equal(await helpedCount(), 1);

    // No answer fits: the question carries on into the letter as its title.
    await page.goto(`${portal.url}/interaction/answers?q=${encodeURIComponent('夜间施工噪音')}`);
    assert.ok(await page.getByText('没有找到相关答复').isVisible());
    await page.getByRole('link', { name: '没有找到答案，继续写信咨询' }).click();
    assert.equal(await page.getByLabel('标题').inputValue(), '夜间施工噪音');
    await context.close();
  });
}
