import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { waybills } from '../../src/portal/db/schema.ts';
import { deliveryOf } from '../../src/workbench/delivery/delivery.repository.ts';
import { claimAndAct, officerAt } from '../workbench/cases.support.ts';
import { expectAccessible, expectAccessibleInBothLanguages, openContext } from './browser.ts';
import {
  acceptAtWindow,
  caseNumberOf,
  draftAtCheck,
  officerPage,
  signIn,
  startServiceJourneys,
  type ServiceJourneys,
} from './services.support.ts';

// The citizen asks for his certificate by courier (with his browser's JavaScript off), the officer sends it
// from the case and prints the waybill, and the sandbox courier's tracking events, pushed from its own pages,
// reach "delivered" on the case's timeline on both sides of the boundary.

let world: ServiceJourneys;
before(async () => {
  world = await startServiceJourneys();
});
after(() => world?.close());

test('delivery chosen without JavaScript, waybill printed by the officer, tracked to delivered on the timeline', async () => {
  const { person, id } = await draftAtCheck(world, '林寄送');
  const context = await openContext(world.browser, { locale: 'zh-CN', javaScriptEnabled: false });
  const page = await signIn(world, context, person);
  // axe needs scripts: the pages this journey meets are checked again in a scripted context of the same person.
  const scripted = await openContext(world.browser, { locale: 'zh-CN' });
  const checker = await signIn(world, scripted, person);
  const expectAccessibleHere = async (label: string) => {
    await checker.goto(page.url());
    await expectAccessibleInBothLanguages(checker, label);
  };

  await page.goto(`${world.portal.url}/applications/${id}/check`);
  await page.locator(`main a[href="/applications/${id}/delivery"]`).first().click();
  await page.getByRole('heading', { name: '领取方式' }).waitFor();
  await expectAccessibleHere('delivery choice');
  await page.getByLabel('快递寄送').check();
  await page.getByLabel('收件人', { exact: true }).fill(person.name);
  await page.getByLabel('收件人手机号').fill('1380000');
  await page.getByLabel('收件地址').fill('示范市中心区示范路8号');
  await page.getByRole('button', { name: '保存领取方式' }).click();
  await page
    .locator('.error-summary')
    .getByText(/11位手机号/)
    .waitFor();
  assert.equal(
    await page.getByLabel('收件地址').inputValue(),
    '示范市中心区示范路8号',
    'what was typed is kept',
  );
  await page.getByLabel('收件人手机号').fill('13800000001');
  await page.getByRole('button', { name: '保存领取方式' }).click();
  await page.getByRole('heading', { name: '提交前请核对您的申请' }).waitFor();
  assert.match(await page.locator('main').innerText(), /快递寄送/);
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.getByRole('heading', { name: '申请已提交' }).waitFor();
  const number = await caseNumberOf(world, id);

  // Accepted, checked and issued in the workbench (the officer's deciding has journeys of its own).
  const clerk = await acceptAtWindow(world, number);
  await claimAndAct(await officerAt(world.workbench, 'SF-ZA', 'reviewer'), number, 'check');
  await claimAndAct(clerk, number, 'issue');
  await world.crossBothWays();

  // The officer sends the result from the case page and prints the waybill.
  const office = await openContext(world.browser, { locale: 'zh-CN' });
  const officer = await officerPage(world, office, 'SF-ZA', 'window-clerk');
  await officer.goto(`${world.workbench.url}/cases/${number}`);
  await officer.getByRole('button', { name: '寄送办理结果' }).click();
  await officer.locator('main').getByText('已交寄，等待快递单号').waitFor();
  await world.crossBothWays();
  // The portal's worker asks the courier after the request has committed, then the answer crosses back.
  await world.portal.drainJobs();
  await world.crossBothWays();
  const [waybill] = await world.portal.services.db
    .select()
    .from(waybills)
    .where(eq(waybills.caseNumber, number));
  assert.ok(waybill?.waybillNo, 'the portal asked the courier for a waybill');
  await officer.reload();
  await officer.getByRole('link', { name: '打印运单' }).click();
  await officer.getByRole('heading', { name: `运单 ${waybill.waybillNo}` }).waitFor();
  const printout = await officer.locator('main').innerText();
  assert.match(printout, /13800000001/, 'the printout shows the recipient whole');
  assert.match(printout, /示范市中心区示范路8号/);
  await expectAccessibleInBothLanguages(officer, 'waybill printout');

  // A tester at the sandbox courier pushes the parcel's steps; each callback is signed and reaches the portal.
  const courier = await office.newPage();
  await courier.goto(`${world.courier.url}/waybills/${waybill.waybillNo}`);
  await expectAccessible(courier, 'sandbox courier waybill');
  for (const step of ['已揽收', '运输中', '派送中', '已签收']) {
    await courier.getByRole('button', { name: `推送：${step}` }).click();
    await courier.waitForURL(new RegExp(`/waybills/${waybill.waybillNo}$`));
    await world.courier.notifier.runDue();
  }
  await world.crossBothWays();
  assert.equal((await deliveryOf(world.workbench.services.db, number))?.status, 'delivered');

  // The citizen's case: the courier's steps on the timeline, ending delivered.
  await page.goto(`${world.portal.url}/my/cases/${number}`);
  const main = page.locator('main');
  await main.getByRole('heading', { name: '寄送进度' }).waitFor();
  const shown = await main.innerText();
  assert.match(shown, new RegExp(waybill.waybillNo));
  for (const step of ['已揽收', '运输中', '已签收']) assert.match(shown, new RegExp(step));
  await expectAccessibleHere('case page, delivered');

  // The officer's case history has every step too.
  await officer.goto(`${world.workbench.url}/cases/${number}`);
  await officer.locator('main').getByText('快递：已签收').first().waitFor();
  await expectAccessibleInBothLanguages(officer, 'workbench case, delivered');
  await office.close();
  await scripted.close();
  await context.close();
});
