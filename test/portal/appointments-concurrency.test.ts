import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { AppError } from '../../src/shared/http/errors.ts';
import { slotKey } from '../../src/shared/appointments/booking-services.ts';
import { appointmentBookings, appointmentSlots } from '../../src/portal/appointments/appointments.tables.ts';
import { book } from '../../src/portal/appointments/appointments.service.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { dayAfter, FAMILY_VISIT, OFFICE, release, verifiedPerson } from './appointments.support.ts';

// No overbooking, ever: fifty people book the last places of one slot at the same moment (on PostgreSQL each
// booking is its own connection and transaction; on PGlite they queue), and exactly as many as there were
// places get one.

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal');
});
after(async () => zone.close());

async function race(quota: number, start: string) {
  const date = dayAfter(zone, 3);
  await release(zone, FAMILY_VISIT, [{ date, start, end: '11:00', quota }]);
  const key = slotKey(OFFICE.unitCode, FAMILY_VISIT, date, start);
  const people = [];
  for (let i = 0; i < 50; i++) people.push(await verifiedPerson(zone));
  const outcomes = await Promise.allSettled(
    people.map((person) =>
      book(zone.services, person, FAMILY_VISIT, { slot: key, detaineeName: '王某某', relationship: '父母' }),
    ),
  );
  const booked = outcomes.filter((o) => o.status === 'fulfilled');
  const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
  for (const reason of refused) {
    assert.ok(reason instanceof AppError, String(reason));
    assert.equal(reason.code, 'CONFLICT');
    assert.equal(reason.fields[0]?.message, 'slotFull');
  }
  const [slot] = await zone.services.db
    .select()
    .from(appointmentSlots)
    .where(eq(appointmentSlots.slotKey, key));
  const rows = await zone.services.db
    .select()
    .from(appointmentBookings)
    .where(eq(appointmentBookings.slotKey, key));
  return { booked: booked.length, refused: refused.length, slot, rows: rows.length };
}

test('the last place of a slot under 50 concurrent bookings is booked exactly once', async () => {
  const result = await race(1, '09:00');
  assert.deepEqual([result.booked, result.refused, result.rows, result.slot?.booked], [1, 49, 1, 1]);
});

test('a slot of ten places under 50 concurrent bookings takes exactly ten', async () => {
  const result = await race(10, '10:00');
  assert.deepEqual([result.booked, result.refused, result.rows, result.slot?.booked], [10, 40, 10, 10]);
});
