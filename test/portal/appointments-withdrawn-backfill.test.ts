import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { asc, sql } from 'drizzle-orm';
import { inbox } from '../../src/exchange/tables.ts';
import { slotKey } from '../../src/shared/appointments/booking-services.ts';
import { appointmentBookings, appointmentSlots } from '../../src/portal/appointments/appointments.tables.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { FAMILY_VISIT, OFFICE, release, verifiedPerson } from './appointments.support.ts';

// Migration 0039 marks the slots an earlier release had already closed, which until then only had their quota
// lowered to what was booked: from the newest kept release covering the slot's day where there is one, else from
// a slot a release left with no free place that nobody booked into since. Its statements after the new columns
// are run here on slots set up as they stood before it.

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal');
});
after(async () => zone.close());

const backfill = readFileSync(
  new URL('../../migrations/portal/0039_slots_withdrawn.sql', import.meta.url),
  'utf8',
)
  .split('--> statement-breakpoint')
  .filter((statement) => !/^\s*ALTER TABLE/.test(statement));

test('the migration marks the slots an earlier release closed, and takes back a place given back in one', async () => {
  const db = zone.services.db;
  const [kept, old] = ['2099-03-02', '2099-03-03'];
  const slot = (date: string, start: string, quota: number) => ({ date, start, end: '23:00', quota });
  await release(zone, FAMILY_VISIT, [
    slot(kept, '09:00', 2),
    slot(kept, '10:00', 2),
    slot(old, '09:00', 1),
    slot(old, '10:00', 1),
  ]);
  const key = (date: string, start: string) => slotKey(OFFICE.unitCode, FAMILY_VISIT, date, start);
  const releasedAt = new Date('2027-01-04T02:00:00Z');
  await db.update(appointmentSlots).set({ releasedAt });
  // The kept release no longer lists 09:00 on its day: it closed at two booked, and one holder cancelled since.
  await db.execute(
    sql`UPDATE appointment_slots SET booked = 1, quota = 2 WHERE slot_key = ${key(kept, '09:00')}`,
  );
  await db.insert(inbox).values({
    messageId: randomUUID(),
    fromZone: 'workbench',
    stream: `appointment-slots:${OFFICE.unitCode}:${FAMILY_VISIT}`,
    seq: 1,
    type: 'appointment.slots.published',
    version: 1,
    payload: {
      releaseId: randomUUID(),
      releasedAt: releasedAt.toISOString(),
      ...OFFICE,
      itemId: FAMILY_VISIT,
      from: kept,
      to: kept,
      slots: [slot(kept, '10:00', 2)],
    },
    sentAt: releasedAt,
    signature: 'x',
    keyId: 'x',
    processedAt: releasedAt,
  });
  // The other day's release is no longer kept: 09:00 was closed with its one booking, 10:00 filled up after.
  const person = await verifiedPerson(zone);
  const booking = (code: string, slotKeyOf: string, at: Date) => ({
    code,
    citizenId: person.id,
    itemId: FAMILY_VISIT,
    slotKey: slotKeyOf,
    detailsSealed: 'x',
    createdAt: at,
    updatedAt: at,
  });
  await db.execute(sql`UPDATE appointment_slots SET booked = 1 WHERE date = ${old}`);
  const other = await verifiedPerson(zone);
  await db
    .insert(appointmentBookings)
    .values([
      { ...booking('BACKF001', key(old, '09:00'), new Date('2027-01-03T02:00:00Z')), citizenId: other.id },
      booking('BACKF002', key(old, '10:00'), new Date('2027-01-05T02:00:00Z')),
    ]);

  for (const statement of backfill) await db.execute(sql.raw(statement));
  const slots = await db.select().from(appointmentSlots).orderBy(asc(appointmentSlots.slotKey));
  assert.deepEqual(
    slots.map((s) => [s.date, s.startTime, s.quota, s.booked, s.withdrawnAt?.toISOString() ?? null]),
    [
      [kept, '09:00', 1, 1, releasedAt.toISOString()],
      [kept, '10:00', 2, 0, null],
      [old, '09:00', 1, 1, releasedAt.toISOString()],
      [old, '10:00', 1, 1, null],
    ],
  );
});
