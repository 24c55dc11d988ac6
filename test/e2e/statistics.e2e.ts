import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as OTPAuth from 'otpauth';
import type { Browser } from 'playwright-core';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { seedCatalog } from '../../src/workbench/catalog-authoring/catalog-authoring.seed.ts';
import { seedWorkbench } from '../../src/workbench/seed.ts';
import { caseAt } from '../workbench/supervision.support.ts';
import { makeOfficer, type Workbench } from '../workbench/support.ts';
import {
  expectAccessibleInBothLanguages,
  expectNoPageProblems,
  launchBrowser,
  openContext,
  serveZone,
  type ServedZone,
} from './browser.ts';

// A district approver opens the statistics from the menu, reads the charts and their tables, goes down to a
// station, and finds the downloads; every page passes axe in both languages under the real CSP.

let browser: Browser;
let workbench: ServedZone;

before(async () => {
  [browser, workbench] = await Promise.all([launchBrowser(), serveZone('workbench')]);
  await seedWorkbench(workbench.services);
  await seedCatalog(workbench.services, loadCatalogItems(), []);
});
after(async () => {
  await browser?.close();
  await workbench?.close();
});

const asWorkbench = () => Object.assign(workbench, { advance: () => undefined }) as unknown as Workbench;

test('a district approver reads his district’s statistics and goes down to a station', async () => {
  await caseAt(asWorkbench(), 'SF-D01-P01', { since: '2026-12-01', due: null });
  await caseAt(asWorkbench(), 'SF-D01-P02', { since: '2026-12-01', due: null });
  const made = await makeOfficer(workbench, {
    unitCode: 'SF-D01',
    role: 'approver',
    scope: 'subtree',
    enrolled: true,
  });
  assert.ok(made.secret);
  const context = await openContext(browser, { locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(workbench.url + '/staff/login');
  await page.getByLabel('警号').fill(made.badgeNo);
  await page.getByLabel('密码').fill('Shifan-Police-26');
  await page.getByRole('button', { name: '下一步' }).click();
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(made.secret) });
  await page.getByLabel('动态口令').fill(totp.generate({ timestamp: Date.now() }));
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '待办事项' }).waitFor();

  await page.getByRole('navigation', { name: /导航/ }).getByRole('link', { name: '统计分析' }).click();
  await page.getByRole('heading', { level: 1, name: /统计分析/ }).waitFor();
  await page.getByRole('img', { name: /每月申请件数/ }).waitFor();
  await page.getByRole('table', { name: '每月申请件数' }).waitFor();
  await expectAccessibleInBothLanguages(page, 'statistics of a district');
  assert.equal(await page.getByRole('link', { name: /下载全部表格/ }).count(), 1);

  await page.locator('a[href="/statistics/units/SF-D01-P01"]').first().click();
  await page.getByRole('link', { name: '上一级单位' }).waitFor();
  await expectAccessibleInBothLanguages(page, 'statistics of a station');
  expectNoPageProblems(context);
  await context.close();
});
