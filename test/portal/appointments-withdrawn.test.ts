import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { appointmentSlotsPublished } from '../../src/exchange/contracts/index.ts';
import { slotKey } from '../../src/shared/appointments/booking-services.ts';
import { notifications } from '../../src/shared/db/tables.ts';
import { messages } from '../../src/portal/cases/cases.tables.ts';
import { appointmentSlots } from '../../src/portal/appointments/appointments.tables.ts';
import { book } from '../../src/portal/appointments/appointments.service.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { deliver } from './cases.fixture.ts';
import { dayAfter, FAMILY_VISIT, OFFICE, verifiedPerson } from './appointments.support.ts';

// An office releases its window again without a slot someone booked (the workbench does so when an approved
// holiday schedule closes the day): the booking stands, but its holder is told once, by SMS and in his account,
// and asked to rebook; a further release that still leaves the slot out tells nobody again.

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal');
});
after(async () => zone.close());

const releaseOf = (date: string, slots: { date: string; start: string; end: string; quota: number }[]) => ({
  releaseId: randomUUID(),
  releasedAt: zone.services.now().toISOString(),
  ...OFFICE,
  itemId: FAMILY_VISIT,
  from: date,
  to: date,
  slots,
});

test('a booked slot the office no longer releases tells its holder once', async () => {
  const date = dayAfter(zone, 4);
  const slots = [
    { date, start: '09:00', end: '10:00', quota: 2 },
    { date, start: '14:00', end: '15:00', quota: 2 },
  ];
  await deliver(zone, appointmentSlotsPublished, releaseOf(date, slots));
  const person = await verifiedPerson(zone);
  const key = slotKey(OFFICE.unitCode, FAMILY_VISIT, date, '09:00');
  const code = await book(zone.services, person, FAMILY_VISIT, {
    slot: key,
    detaineeName: '王某某',
    relationship: '父母',
  });
  const told = async () => ({
    sms: (
      await zone.services.db.select().from(notifications).where(eq(notifications.recipient, person.mobile))
    ).filter((n) => n.body.includes(code)),
    inbox: (await zone.services.db.select().from(messages).where(eq(messages.citizenId, person.id))).filter(
      (m) => m.link === `/my/appointments/${code}`,
    ),
  });

  // The same slots again change nothing for him.
  await deliver(zone, appointmentSlotsPublished, releaseOf(date, slots));
  assert.equal((await told()).sms.length, 0);

  // The morning slot is withdrawn: closed to new bookings, its booking kept, its holder told.
  await deliver(zone, appointmentSlotsPublished, releaseOf(date, slots.slice(1)));
  const [slot] = await zone.services.db
    .select()
    .from(appointmentSlots)
    .where(eq(appointmentSlots.slotKey, key));
  assert.deepEqual([slot?.quota, slot?.booked], [1, 1]);
  assert.ok(slot?.withdrawnAt);
  const first = await told();
  assert.equal(first.sms.length, 1);
  assert.match(first.sms[0]!.body, /已停止办理/);
  assert.equal(first.inbox.length, 1);

  await deliver(zone, appointmentSlotsPublished, releaseOf(date, slots.slice(1)));
  const second = await told();
  assert.deepEqual([second.sms.length, second.inbox.length], [1, 1], 'told once');

  // Released again, the slot is offered again.
  await deliver(zone, appointmentSlotsPublished, releaseOf(date, slots));
  const [back] = await zone.services.db
    .select()
    .from(appointmentSlots)
    .where(eq(appointmentSlots.slotKey, key));
  assert.deepEqual([back?.quota, back?.withdrawnAt], [2, null]);
});
