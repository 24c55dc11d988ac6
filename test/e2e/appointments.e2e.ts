import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { appointmentSlotsPublished } from '../../src/exchange/contracts/index.ts';
import { book, choices } from '../../src/portal/appointments/appointments.service.ts';
import { appointmentVisits } from '../../src/workbench/appointments/appointments.tables.ts';
import { verifiedCitizen } from '../portal/applications.helpers.ts';
import { deliver } from '../portal/cases.fixture.ts';
import { logIn, makeOfficer } from '../workbench/support.ts';
import { expectAccessibleInBothLanguages, openContext } from './browser.ts';
import { officerPage, signIn, startServiceJourneys, type ServiceJourneys } from './services.support.ts';

// The detention centre releases its lawyers' meeting slots in the workbench; a lawyer books one in the
// portal, moves it to another day, and the window clerk pulls the booking up by its code and sees what the
// lawyer filled in; the lawyer then cancels, and the cancellation reaches the window.

const slug = 'lawyer-meeting-booking';
let world: ServiceJourneys;
before(async () => {
  world = await startServiceJourneys();
});
after(() => world?.close());

/** The office's weekday afternoons, published as dated slots and crossed to the portal. */
async function releaseSlots() {
  const supervisor = await makeOfficer(world.workbench, {
    unitCode: 'SF-JG',
    role: 'supervisor',
    enrolled: true,
  });
  const office = await logIn(world.workbench, supervisor);
  for (const weekday of ['1', '2', '3', '4', '5']) {
    const added = await office.post(
      '/appointments/patterns',
      { unitCode: 'SF-JG', itemId: slug, weekday, start: '14:00', end: '15:00', quota: '2' },
      { formUrl: '/appointments' },
    );
    assert.equal(added.statusCode, 303);
  }
  const published = await office.post(
    '/appointments/publish',
    { unitCode: 'SF-JG', itemId: slug },
    { formUrl: '/appointments' },
  );
  assert.equal(published.statusCode, 303);
  await world.crossBothWays();
}

test('booked, moved to another day, pulled up at the window with its details, then cancelled', async () => {
  await releaseSlots();
  const lawyer = await verifiedCitizen(world.portal, '陈律师');
  const context = await openContext(world.browser, { locale: 'zh-CN' });
  const page = await signIn(world, context, lawyer);
  const main = page.locator('main');

  await page.goto(`${world.portal.url}/services/${slug}/book`);
  await page.getByRole('heading', { name: '预约：律师会见预约' }).waitFor();
  await expectAccessibleInBothLanguages(page, 'booking form');
  const firstDay = (await main.locator('[aria-current="date"]').innerText()).trim();
  await main.locator('input[name="slot"]').first().check();
  await page.getByLabel('被拘留人（在押人员）姓名').fill('王某某');
  await page.getByLabel('律师执业证号').fill('1234');
  await page.getByRole('button', { name: '提交预约' }).click();
  await main
    .locator('.error-summary')
    .getByText(/律师执业证号/)
    .first()
    .waitFor();
  assert.equal(
    await page.getByLabel('被拘留人（在押人员）姓名').inputValue(),
    '王某某',
    'what was typed is kept',
  );
  await expectAccessibleInBothLanguages(page, 'booking form with an error');
  await main.locator('input[name="slot"]').first().check();
  await page.getByLabel('律师执业证号').fill('13501201910123456');
  await page.getByRole('button', { name: '提交预约' }).click();
  await page.waitForURL(/\/my\/appointments\/[0-9A-Z]{8}$/);
  const code = page.url().split('/').at(-1)!;
  await main.getByText('预约成功').first().waitFor();
  assert.match(await main.innerText(), new RegExp(firstDay));
  await expectAccessibleInBothLanguages(page, 'booking');

  // Moved to the next day offered.
  await main.getByRole('link', { name: '改约' }).click();
  await page.getByRole('heading', { name: '改约' }).waitFor();
  await main.locator('a[href*="?date="]').first().click();
  const secondDay = (await main.locator('[aria-current="date"]').innerText()).trim();
  assert.notEqual(secondDay, firstDay);
  await expectAccessibleInBothLanguages(page, 'reschedule form');
  await main.locator('input[name="slot"]').first().check();
  await page.getByRole('button', { name: '确认改约' }).click();
  await page.waitForURL(new RegExp(`/my/appointments/${code}$`));
  assert.match(await main.innerText(), new RegExp(secondDay));

  // The window clerk pulls it up by the code: the new day and what the lawyer filled in.
  await world.crossBothWays();
  const office = await openContext(world.browser, { locale: 'zh-CN', javaScriptEnabled: false });
  const clerk = await officerPage(world, office, 'SF-JG', 'window-clerk');
  await clerk.goto(`${world.workbench.url}/appointments`);
  await clerk.getByLabel('预约码').fill(code.toLowerCase());
  await clerk.getByRole('button', { name: '调取' }).click();
  await clerk.waitForURL(new RegExp(`/appointments/bookings/${code}$`));
  const atWindow = await clerk.locator('main').innerText();
  for (const shown of ['陈律师', '王某某', '13501201910123456', secondDay])
    assert.ok(atWindow.includes(shown), shown);
  const checker = await openContext(world.browser, { locale: 'zh-CN' });
  const scriptedClerk = await officerPage(world, checker, 'SF-JG', 'window-clerk');
  await scriptedClerk.goto(clerk.url());
  await expectAccessibleInBothLanguages(scriptedClerk, 'booking at the window');

  // Cancelled by the lawyer; the window learns it.
  await main.getByRole('button', { name: '取消预约' }).click();
  await main.getByText('预约已取消').first().waitFor();
  await expectAccessibleInBothLanguages(page, 'cancelled booking');
  await world.crossBothWays();
  const [visit] = await world.workbench.services.db
    .select()
    .from(appointmentVisits)
    .where(eq(appointmentVisits.code, code));
  assert.equal(visit?.status, 'cancelled');
  await page.goto(`${world.portal.url}/my/appointments`);
  await main.getByRole('link', { name: code }).waitFor();
  await expectAccessibleInBothLanguages(page, 'my bookings');
  await checker.close();
  await office.close();
  await context.close();
});

test('a booking on a day that became a holiday: a notice for the lawyer, no no-show at the window', async () => {
  const lawyer = await verifiedCitizen(world.portal, '周律师');
  const [slot] = (await choices(world.portal.services, slug, undefined)).slots.filter(
    (s) => s.quota > s.booked,
  );
  assert.ok(slot, 'a slot left from the first journey');
  const code = await book(world.portal.services, { ...lawyer, displayName: lawyer.name }, slug, {
    slot: slot.slotKey,
    detaineeName: '王某某',
    licenceNumber: '13501201910123456',
  });
  await world.crossBothWays();
  // What the holiday recount does on both sides (holidays-recount-slots.test.ts follows it from the approval).
  await deliver(world.portal, appointmentSlotsPublished, {
    releaseId: randomUUID(),
    releasedAt: world.portal.services.now().toISOString(),
    recountOf: randomUUID(),
    unitCode: slot.unitCode,
    unitName: slot.unitName,
    itemId: slug,
    from: slot.date,
    to: slot.date,
    slots: [],
  });
  await world.workbench.services.db
    .update(appointmentVisits)
    .set({ dayClosedAt: world.workbench.services.now() })
    .where(eq(appointmentVisits.code, code));

  const context = await openContext(world.browser, { locale: 'zh-CN' });
  const page = await signIn(world, context, lawyer);
  await page.goto(`${world.portal.url}/my/appointments/${code}`);
  await page.locator('main .notice').getByText('该时段已停止办理').waitFor();
  await expectAccessibleInBothLanguages(page, 'booking on a closed day');

  const office = await openContext(world.browser, { locale: 'zh-CN' });
  const clerk = await officerPage(world, office, 'SF-JG', 'window-clerk');
  await clerk.goto(`${world.workbench.url}/appointments/bookings/${code}`);
  await clerk.locator('main .notice').getByText('预约日已调整为节假日').waitFor();
  assert.equal(await clerk.getByLabel('未到场').count(), 0, 'no no-show on a closed day');
  await clerk.getByLabel('已到场').waitFor();
  await expectAccessibleInBothLanguages(clerk, 'booking on a closed day at the window');
  await office.close();
  await context.close();
});
