import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as OTPAuth from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { and, eq, notInArray } from 'drizzle-orm';
import { units } from '../../src/workbench/db/schema.ts';
import { todayInShanghai } from '../../src/shared/calendar/working-days.ts';
import { scheduleEscalation } from '../../src/workbench/supervision/supervision.escalation.ts';
import { seedWorkbench } from '../../src/workbench/seed.ts';
import { urgings } from '../../src/workbench/supervision/supervision.tables.ts';
import { seedCatalog } from '../../src/workbench/catalog-authoring/catalog-authoring.seed.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { caseAt } from '../workbench/supervision.support.ts';
import { makeOfficer, type Workbench } from '../workbench/support.ts';
import {
  expectAccessible,
  expectAccessibleInBothLanguages,
  launchBrowser,
  openContext,
  serveZone,
  type ServedZone,
} from './browser.ts';

// A district supervisor sees a station's overdue case, urges it from the list; the station answers without
// JavaScript; an urging left unanswered escalates to discipline inspection, who reads it on his own page.

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

const dayFrom = (today: string, days: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function logIn(context: BrowserContext, badgeNo: string, secret: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(workbench.url + '/staff/login');
  await page.getByLabel('警号').fill(badgeNo);
  await page.getByLabel('密码').fill('Shifan-Police-26');
  await page.getByRole('button', { name: '下一步' }).click();
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
  await page.getByLabel('动态口令').fill(totp.generate({ timestamp: Date.now() }));
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '待办事项' }).waitFor();
  return page;
}

async function officer(
  unitCode: string,
  role: 'supervisor' | 'window-clerk' | 'discipline-inspector',
  scope: 'unit' | 'subtree',
) {
  const made = await makeOfficer(workbench, { unitCode, role, scope, enrolled: true });
  assert.ok(made.secret);
  return { badgeNo: made.badgeNo, secret: made.secret };
}

/** Screenshots for a person to look at, when asked for (SUPERVISION_SHOTS names a folder). */
async function shots(page: Page, name: string, reload = true): Promise<void> {
  const dir = process.env.SUPERVISION_SHOTS;
  if (!dir) return;
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-zh-${width}.png`, fullPage: true });
    if (!reload) continue;
    const shot = await page.context().newPage();
    await shot.setViewportSize({ width, height: 900 });
    const url = new URL(page.url());
    url.searchParams.set('lang', 'en');
    await shot.goto(url.toString());
    await shot.screenshot({ path: `${dir}/${name}-en-${width}.png`, fullPage: true });
    await shot.close();
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('a case goes red, the district urges it, the station answers, and an unanswered urging reaches discipline inspection', async () => {
  const today = todayInShanghai(new Date());
  const zone = asWorkbench();
  const overdue = await caseAt(zone, 'SF-D01-P02', { since: dayFrom(today, -20), due: dayFrom(today, -1) });
  const dueSoon = await caseAt(zone, 'SF-D01-P01', { since: dayFrom(today, -9), due: dayFrom(today, 1) });

  const supervisor = await officer('SF-D01', 'supervisor', 'subtree');
  const context = await openContext(browser, { locale: 'zh-CN' });
  const page = await logIn(context, supervisor.badgeNo, supervisor.secret);
  // The start page's to-do line (the menu has the same link).
  await page
    .locator('#main')
    .getByRole('link', { name: /一键督办/ })
    .click();
  await page.getByRole('heading', { name: /一键督办/ }).waitFor();
  await expectAccessibleInBothLanguages(page, 'supervision of a district');
  await shots(page, 'supervision-unit');
  // A station with nothing in hand says so under each breakdown, rather than showing bare headings.
  const [quiet] = await workbench.services.db
    .select({ code: units.code })
    .from(units)
    .where(and(eq(units.parentCode, 'SF-D01'), notInArray(units.code, ['SF-D01-P01', 'SF-D01-P02'])));
  assert.ok(quiet, 'a third station of the district');
  await page.goto(`${workbench.url}/supervision/units/${quiet.code}`);
  assert.equal(await page.getByText('暂无在办的案件和来信。').count(), 3);
  assert.equal(await page.getByRole('table').count(), 1, 'only the units’ table');
  await expectAccessibleInBothLanguages(page, 'supervision of a unit with nothing in hand');
  await shots(page, 'supervision-empty');
  await page.goto(`${workbench.url}/supervision/units/SF-D01`);
  // The station's overdue count opens the list, the list opens the case.
  await page.locator('a[href="/supervision/units/SF-D01-P02/cases?tone=red"]').click();
  await page.getByRole('link', { name: overdue }).waitFor();
  assert.equal(await page.getByRole('link', { name: dueSoon }).count(), 0);
  await expectAccessibleInBothLanguages(page, 'supervision list');
  await page.getByRole('button', { name: '催办所选案件和来信' }).click();
  await page.getByText('请至少选择一件要催办的案件。').first().waitFor();
  await expectAccessible(page, 'urging refused');
  await shots(page, 'supervision-list-refused', false);
  await page.getByLabel(`催办 ${overdue}`).check();
  await page.getByLabel('催办事由').fill('该案已超期，请说明原因并尽快办结。');
  await page.getByRole('button', { name: '催办所选案件和来信' }).click();
  await page.getByText('已发出催办单 1 份。').waitFor();

  // The station's window clerk, without JavaScript, answers it.
  const clerk = await officer('SF-D01-P02', 'window-clerk', 'unit');
  const stationContext = await openContext(browser, { locale: 'zh-CN', javaScriptEnabled: false });
  const station = await logIn(stationContext, clerk.badgeNo, clerk.secret);
  await station.getByRole('link', { name: /待答复的催办单/ }).click();
  await station.getByRole('link', { name: overdue }).click();
  await station.getByRole('heading', { name: `催办单：${overdue}` }).waitFor();
  // axe needs JavaScript: the supervisor's browser looks at the same notice (he may read it too).
  const notice = station.url();
  await page.goto(notice);
  await expectAccessibleInBothLanguages(page, 'urging notice');
  await shots(page, 'urging-notice');
  await station.getByLabel('未按时办理的原因').fill('申请人补充材料未到，已电话联系。');
  await station.getByLabel('承诺办结日期').fill(dayFrom(today, 3));
  await station.getByRole('button', { name: '提交答复' }).click();
  await station.getByText('答复已提交。').waitFor();
  await station.getByText('申请人补充材料未到，已电话联系。').waitFor();

  // A second urging nobody answers escalates.
  await page.goto(`${workbench.url}/supervision/units/SF-D01-P02/cases?tone=red`);
  await page.getByLabel(`催办 ${overdue}`).check();
  await page.getByLabel('催办事由').fill('再次催办，请即日答复。');
  await page.getByLabel('答复时限（工作日）').fill('1');
  await page.getByRole('button', { name: '催办所选案件和来信' }).click();
  await page.getByText('已发出催办单 1 份。').waitFor();
  // Its reply date long past (rather than moving the clock under signed-in sessions and their codes).
  await workbench.services.db
    .update(urgings)
    .set({ replyDueOn: dayFrom(today, -10) })
    .where(and(eq(urgings.itemRef, overdue), eq(urgings.state, 'awaiting-answer')));
  await scheduleEscalation(workbench.services);
  await workbench.drainJobs();

  const inspector = await officer('SF-0000', 'discipline-inspector', 'subtree');
  const inspection = await openContext(browser, { locale: 'zh-CN' });
  const reader = await logIn(inspection, inspector.badgeNo, inspector.secret);
  await reader.getByRole('link', { name: /升级到纪检的催办/ }).click();
  await reader.getByRole('cell', { name: '未答复' }).first().waitFor();
  assert.ok((await reader.content()).includes(overdue));
  await expectAccessibleInBothLanguages(reader, 'discipline inspection');
  await shots(reader, 'inspection');

  await inspection.close();
  await stationContext.close();
  await context.close();
});
