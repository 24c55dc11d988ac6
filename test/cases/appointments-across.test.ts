import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { outbox } from '../../src/exchange/tables.ts';
import { appointmentBookings, appointmentSlots } from '../../src/portal/appointments/appointments.tables.ts';
import { appointmentVisits } from '../../src/workbench/appointments/appointments.tables.ts';
import { slotStartsAt } from '../../src/shared/appointments/booking-services.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { type TestZone } from '../helpers/zones.ts';
import { startApplyZone, verifiedCitizen } from '../portal/applications.helpers.ts';
import { logIn, makeOfficer, startWorkbench, type Workbench } from '../workbench/support.ts';

// The whole way of a booking: an office releases its slots in the workbench, a person books in the portal
// without waiting for the police network, the window pulls the booking up by its code, and the no-show it
// records comes back to the portal. Both zones, the relay and the signatures as they run.

const slug = 'lawyer-meeting-booking';
let portal: TestZone;
let workbench: Workbench;
let boundary: Boundary;

before(async () => {
  portal = await startApplyZone();
  workbench = await startWorkbench();
  await workbench.database.db.delete(outbox);
  boundary = joinZones(portal, workbench);
});
after(async () => {
  await boundary.close();
});

const crossBothWays = () => boundary.crossBothWays();

test('released in the workbench, booked in the portal, pulled up and marked at the window', async () => {
  const supervisor = await makeOfficer(workbench, { unitCode: 'SF-JG', role: 'supervisor', enrolled: true });
  const office = await logIn(workbench, supervisor);
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
  await crossBothWays();
  const slots = await portal.services.db
    .select()
    .from(appointmentSlots)
    .where(eq(appointmentSlots.itemId, slug));
  assert.ok(slots.length >= 5, `the release crossed (${slots.length} slots)`);
  const slot = slots.sort((a, b) => a.date.localeCompare(b.date))[0]!;

  const lawyer = await verifiedCitizen(portal, '陈律师');
  const form = await lawyer.client.get(`/services/${slug}/book?date=${slot.date}`);
  assert.match(form.body, /律师执业证号/);
  const refused = await lawyer.client.post(`/services/${slug}/book`, {
    slot: slot.slotKey,
    detaineeName: '王某某',
    licenceNumber: '1234',
  });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /请输入17位律师执业证号/);
  const booked = await lawyer.client.post(`/services/${slug}/book`, {
    slot: slot.slotKey,
    detaineeName: '王某某',
    licenceNumber: '13501201910123456',
  });
  assert.equal(booked.statusCode, 303, booked.body.slice(0, 300));
  const code = String(booked.headers.location).split('/').at(-1)!;

  await crossBothWays();
  const [visit] = await workbench.services.db
    .select()
    .from(appointmentVisits)
    .where(eq(appointmentVisits.code, code));
  assert.equal(visit?.name, '陈律师');
  assert.deepEqual(visit?.details, { detaineeName: '王某某', licenceNumber: '13501201910123456' });

  const clerk = await makeOfficer(workbench, { unitCode: 'SF-JG', role: 'window-clerk', enrolled: true });
  const window = await logIn(workbench, clerk);
  const found = await window.get(`/appointments/lookup?code=${code}`);
  assert.equal(found.headers.location, `/appointments/bookings/${code}`);
  const page = await window.get(`/appointments/bookings/${code}`);
  assert.match(page.body, /13501201910123456/);

  // The slot's hour passes at the office; the lawyer did not come.
  workbench.advance(slotStartsAt(slot.date, '14:30').getTime() - workbench.services.now().getTime());
  const window2 = await logIn(workbench, clerk);
  const marked = await window2.post(
    `/appointments/bookings/${code}/attendance`,
    { outcome: 'no-show' },
    { formUrl: `/appointments/bookings/${code}` },
  );
  assert.equal(marked.statusCode, 303, /error-summary[\s\S]{0,600}/.exec(marked.body)?.[0]);
  await crossBothWays();
  const [mine] = await portal.services.db
    .select({ status: appointmentBookings.status })
    .from(appointmentBookings)
    .where(eq(appointmentBookings.code, code));
  assert.equal(mine?.status, 'no-show');
});
