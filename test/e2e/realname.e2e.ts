import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedPortal, DEMO_CITIZEN } from '../../src/portal/seed.ts';
import {
  DEMO_COMPANY,
  seedMarketRegistry,
} from '../../src/workbench/market-registry/market-registry.seed.ts';
import { DEMO_RESIDENT, seedRegistry } from '../../src/workbench/registry/registry.seed.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
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
let boundary: Boundary;

before(async () => {
  [browser, portal, workbench] = await Promise.all([
    launchBrowser(),
    serveZone('portal'),
    startTestZone('workbench'),
  ]);
  await seedPortal(portal.services);
  await seedRegistry(workbench.services, 20);
  await seedMarketRegistry(workbench.services);
  boundary = joinZones(portal, workbench);
});
after(async () => {
  await boundary?.relay.stop();
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
  await boundary.thereAndBack();

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
  await boundary.thereAndBack();
  await page.getByRole('link', { name: '刷新查看结果' }).click();
  await page.getByRole('heading', { name: '邀请经办人' }).waitFor();
  await expectAccessibleInBothLanguages(page, 'company page');
  await context.close();
});
