import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { appointmentSlotsPublished } from '../../src/exchange/contracts/index.ts';
import { slotKey } from '../../src/shared/appointments/booking-services.ts';
import { notifications } from '../../src/shared/db/tables.ts';
import { messages } from '../../src/portal/cases/cases.tables.ts';
import { appointmentSlots } from '../../src/portal/appointments/appointments.tables.ts';
import { book, cancel, choices, reschedule } from '../../src/portal/appointments/appointments.service.ts';
import { REMINDER_QUEUE } from '../../src/portal/appointments/appointments.reminders.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { verifiedCitizen } from './applications.helpers.ts';
import { deliver } from './cases.fixture.ts';
import { dayAfter, FAMILY_VISIT, OFFICE, verifiedPerson } from './appointments.support.ts';

// An office releases its window again without a slot someone booked. The slot is withdrawn: no new bookings, not
// even into a place its holder gives back. When the holiday recount closed the day (the release names the
// schedule), the holder is told once, by SMS and in his account, gets no day-before reminder and sees a notice on
// his booking; when an officer removed the slot from the pattern, the booking is honoured and nobody is told.

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal');
});
after(async () => zone.close());

const RECOUNT = { recountOf: randomUUID() };
const releaseOf = (
  date: string,
  slots: { date: string; start: string; end: string; quota: number }[],
  recount: { recountOf?: string } = {},
) => ({
  ...recount,
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

  // The recount withdraws the morning slot: closed to new bookings, its booking kept, its holder told.
  await deliver(zone, appointmentSlotsPublished, releaseOf(date, slots.slice(1), RECOUNT));
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
  assert.match(
    first.inbox[0]!.body.en,
    /^Your booking for “Family visit to a detainee” on \d{4}-\d\d-\d\d 09:00 is at a time the office no longer opens/,
  );

  await deliver(zone, appointmentSlotsPublished, releaseOf(date, slots.slice(1), RECOUNT));
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

/** Runs a booking's day-before reminder now (instead of waiting for the day); the SMS sent, if any. */
async function remindNow(code: string, mobile: string): Promise<string[]> {
  await zone.services.db.execute(
    sql`UPDATE jobs SET run_at = now() WHERE queue = ${REMINDER_QUEUE} AND payload->>'code' = ${code}`,
  );
  await zone.drainJobs();
  const sent = await zone.services.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.recipient, mobile), eq(notifications.template, 'appointment-reminder')));
  return sent.map((n) => n.body).filter((b) => b.includes(code));
}

test('a slot an officer stopped releasing honours its booking, tells nobody, and never reopens a place', async () => {
  const date = dayAfter(zone, 5);
  const slots = [
    { date, start: '09:00', end: '10:00', quota: 2 },
    { date, start: '14:00', end: '15:00', quota: 2 },
  ];
  await deliver(zone, appointmentSlotsPublished, releaseOf(date, slots));
  const holder = await verifiedPerson(zone);
  const key = slotKey(OFFICE.unitCode, FAMILY_VISIT, date, '09:00');
  const afternoon = slotKey(OFFICE.unitCode, FAMILY_VISIT, date, '14:00');
  const answers = { detaineeName: '王某某', relationship: '父母' };
  const code = await book(zone.services, holder, FAMILY_VISIT, { slot: key, ...answers });

  await deliver(zone, appointmentSlotsPublished, releaseOf(date, slots.slice(1)));
  const sms = await zone.services.db
    .select()
    .from(notifications)
    .where(eq(notifications.recipient, holder.mobile));
  assert.equal(
    sms.filter((n) => n.template === 'appointment-withdrawn').length,
    0,
    'a routine removal tells nobody',
  );
  assert.equal((await remindNow(code, holder.mobile)).length, 1, 'the honoured booking is still reminded');

  // The holder moves away and back is refused; cancelling gives his place back to nobody.
  await reschedule(zone.services, holder, code, afternoon);
  await assert.rejects(reschedule(zone.services, holder, code, key));
  const [slot] = await zone.services.db
    .select()
    .from(appointmentSlots)
    .where(eq(appointmentSlots.slotKey, key));
  assert.deepEqual([slot?.quota, slot?.booked], [0, 0]);
  await cancel(zone.services, holder, code);
  const view = await choices(zone.services, FAMILY_VISIT, date);
  assert.deepEqual(
    view.slots.map((s) => s.slotKey),
    [afternoon],
    'the withdrawn slot is not offered',
  );
  const other = await verifiedPerson(zone);
  await assert.rejects(book(zone.services, other, FAMILY_VISIT, { slot: key, ...answers }));
});

test('a booking on a day the recount closed: no reminder, a notice on its page in both languages', async () => {
  const date = dayAfter(zone, 6);
  const slots = [{ date, start: '10:00', end: '11:00', quota: 2 }];
  await deliver(zone, appointmentSlotsPublished, releaseOf(date, slots));
  const person = await verifiedCitizen(zone, '赵示范');
  const code = await book(
    zone.services,
    { id: person.id, displayName: person.name, mobile: person.mobile },
    FAMILY_VISIT,
    {
      slot: slotKey(OFFICE.unitCode, FAMILY_VISIT, date, '10:00'),
      detaineeName: '王某某',
      relationship: '父母',
    },
  );
  const before = await person.client.get(`/my/appointments/${code}`);
  assert.doesNotMatch(before.body, /已停止办理/);

  await deliver(zone, appointmentSlotsPublished, releaseOf(date, [], RECOUNT));
  assert.deepEqual(await remindNow(code, person.mobile), [], 'no reminder to a closed office');
  const zh = await person.client.get(`/my/appointments/${code}`);
  assert.match(zh.body, /class="notice"[\s\S]*该时段已停止办理/);
  const en = await person.client.get(`/my/appointments/${code}?lang=en`);
  assert.match(en.body, /The office no longer opens at this time/);
});
