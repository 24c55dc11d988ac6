import { after, before, test } from 'node:test';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { keyringFrom, startRelay, type Relay } from '../../src/exchange/runtime.ts';
import { seedPortal, DEMO_CITIZEN } from '../../src/portal/seed.ts';
import {
  DEMO_COMPANY,
  seedMarketRegistry,
} from '../../src/workbench/market-registry/market-registry.seed.ts';
import { DEMO_RESIDENT, seedRegistry } from '../../src/workbench/registry/registry.seed.ts';
import { startTestZone, testPublicKeys, type TestZone } from '../helpers/zones.ts';
import {
  expectAccessibleInBothLanguages,
  launchBrowser,
  serveZone,
  type ServedZone,
  openContext,
} from './browser.ts';

let browser: Browser;
let portal: ServedZone;
let workbench: TestZone;
/** Each zone signs what it wrote to its outbox, as its worker would, before the relay takes it. */
const signAll = async () => {
  await portal.signOutbox();
  await workbench.signOutbox();
};
let relay: Relay;

before(async () => {
  [browser, portal, workbench] = await Promise.all([
    launchBrowser(),
    serveZone('portal'),
    startTestZone('workbench'),
  ]);
  await seedPortal(portal.services);
  await seedRegistry(workbench.services, 20);
  await seedMarketRegistry(workbench.services);
  relay = startRelay(
    portal.database.db,
    workbench.database.db,
    keyringFrom(testPublicKeys),
    pino({ level: 'silent' }),
    60_000,
  );
});
after(async () => {
  await relay?.stop();
  await browser?.close();
  await Promise.all([portal?.close(), workbench?.close()]);
});

test('a citizen enters name and ID number, sees "verifying", then "verified" once the answer has crossed back, then registers the company they represent', async () => {
  const context = await openContext(browser, { locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(portal.url + '/login');
  await page.getByLabel('手机号码').fill(DEMO_CITIZEN.mobile);
  await page.getByLabel('密码').fill(DEMO_CITIZEN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '我的账号' }).waitFor();

  await page.goto(portal.url + '/account/profile');
  await page.getByLabel(/^姓名/).fill(DEMO_RESIDENT.name);
  await page.getByLabel(/身份证件号码/).fill(DEMO_RESIDENT.idNumber);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('核验中').first().waitFor();
  await expectAccessibleInBothLanguages(page, 'account while verifying');

  // The request crosses to the police network, is checked against the registry, and the answer crosses back.
  await signAll();
  await relay.runOnce();
  await workbench.processInbox();
  await signAll();
  await relay.runOnce();
  await portal.processInbox();

  await page.getByRole('link', { name: '刷新查看结果' }).click();
  await page.getByText('已实名认证').first().waitFor();
  await expectAccessibleInBothLanguages(page, 'account verified');

  // Verified as the demo company's legal representative, the person registers it; it is checked the same way.
  await page.getByRole('link', { name: '登记单位' }).click();
  await expectAccessibleInBothLanguages(page, 'company claim form');
  await page.getByLabel('统一社会信用代码').fill(DEMO_COMPANY.creditCode);
  await page.getByLabel('单位全称').fill(DEMO_COMPANY.name);
  await page.getByRole('button', { name: '提交核验' }).click();
  await page.getByText('核验中').first().waitFor();
  await expectAccessibleInBothLanguages(page, 'company claim being checked');
  await signAll();
  await relay.runOnce();
  await workbench.processInbox();
  await signAll();
  await relay.runOnce();
  await portal.processInbox();
  await page.getByRole('link', { name: '刷新查看结果' }).click();
  await page.getByRole('heading', { name: '邀请经办人' }).waitFor();
  await expectAccessibleInBothLanguages(page, 'company page');
  await context.close();
});
