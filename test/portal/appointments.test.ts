import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { jobs, outbox } from '../../src/portal/db/schema.ts';
import { slotKey } from '../../src/shared/appointments/booking-services.ts';
import { appointmentSlots } from '../../src/portal/appointments/appointments.tables.ts';
import { attendanceHandler } from '../../src/portal/appointments/appointments.inbox.ts';
import { REMINDER_QUEUE, reminderTime } from '../../src/portal/appointments/appointments.reminders.ts';
import * as appointments from '../../src/portal/appointments/appointments.service.ts';
import { publishCatalogDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { csrfFrom } from '../helpers/browser-like.ts';
import { lastSmsTo } from '../helpers/citizens.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { verifiedCitizen } from './applications.helpers.ts';
import {
  beijingIn,
  dayAfter,
  FAMILY_VISIT,
  OFFICE,
  OPEN_DAY,
  release,
  verifiedPerson,
} from './appointments.support.ts';

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal');
  await publishCatalogDirectly(zone.services.db, loadCatalogItems());
});
after(async () => zone.close());

const codeOf = (location: unknown) => {
  const code = /^\/my\/appointments\/([0-9A-Z]{8})$/.exec(String(location))?.[1];
  assert.ok(code, `a booking page: ${String(location)}`);
  return code;
};

async function slotRow(key: string) {
  const [row] = await zone.services.db
    .select()
    .from(appointmentSlots)
    .where(eq(appointmentSlots.slotKey, key));
  return row;
}

describe('booking a family visit through the pages', () => {
  test('the guide offers the booking, the form asks the service’s questions, the booking gets a code and QR', async () => {
    const person = await verifiedCitizen(zone, '李示范');
    const date = dayAfter(zone, 4);
    await release(zone, FAMILY_VISIT, [
      { date, start: '09:00', end: '10:00', quota: 2 },
      { date, start: '10:00', end: '11:00', quota: 2 },
    ]);
    const guide = await person.client.get(`/services/items/${FAMILY_VISIT}`);
    assert.match(guide.body, new RegExp(`href="/services/${FAMILY_VISIT}/book"`));

    const form = await person.client.get(`/services/${FAMILY_VISIT}/book?date=${date}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /09:00–10:00 · 示范市拘留所/);
    assert.match(form.body, /name="relationship"/);

    const key = slotKey(OFFICE.unitCode, FAMILY_VISIT, date, '09:00');
    const refused = await person.client.post(`/services/${FAMILY_VISIT}/book`, {
      slot: key,
      detaineeName: '王',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /请输入被拘留人（在押人员）姓名/);
    assert.match(refused.body, /请选择您与被拘留人的关系/);
    assert.match(refused.body, /value="王"/, 'what was typed is kept');

    const done = await person.client.post(`/services/${FAMILY_VISIT}/book`, {
      slot: key,
      detaineeName: '王某某',
      relationship: '父母',
    });
    assert.equal(done.statusCode, 303, done.body.slice(0, 400));
    const code = codeOf(done.headers.location);
    const page = await person.client.get(`/my/appointments/${code}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(code));
    assert.match(page.body, /<svg/);
    assert.match(page.body, /王某某/);
    const png = await person.client.get(`/my/appointments/${code}/qr.png`);
    assert.equal(png.headers['content-type'], 'image/png');
    const list = await person.client.get('/my/appointments');
    assert.match(list.body, new RegExp(`href="/my/appointments/${code}"`));
    assert.equal((await slotRow(key))?.booked, 1);

    const [sent] = await zone.services.db
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(and(eq(outbox.type, 'appointment.booked'), eq(outbox.stream, `appointment:${code}`)));
    assert.deepEqual(
      { ...(sent?.payload as Record<string, unknown>), bookedAt: undefined },
      {
        code,
        unitCode: 'SF-JG',
        itemId: FAMILY_VISIT,
        date,
        start: '09:00',
        end: '10:00',
        name: '李示范',
        idNumberMasked: (sent?.payload as { idNumberMasked: string }).idNumberMasked,
        details: { detaineeName: '王某某', relationship: '父母' },
        bookedAt: undefined,
      },
    );

    // A second booking of the same service is refused: he moves the one he has instead.
    const again = await person.client.post(`/services/${FAMILY_VISIT}/book`, {
      slot: slotKey(OFFICE.unitCode, FAMILY_VISIT, date, '10:00'),
      detaineeName: '王某某',
      relationship: '父母',
    });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /您已有该事项的有效预约/);
  });

  test('a person without a passed real-name check is told to do it first and cannot book', async () => {
    const person = await verifiedCitizen(zone);
    await zone.services.db.execute(
      sql`UPDATE citizens SET real_name_status = 'none' WHERE id = ${person.id}`,
    );
    const page = await person.client.get(`/services/${FAMILY_VISIT}/book`);
    assert.match(page.body, /预约前请先完成实名认证/);
    const token = csrfFrom((await person.client.get('/my/appointments')).body);
    assert.ok(token);
    const date = dayAfter(zone, 4);
    const refused = await person.client.post(`/services/${FAMILY_VISIT}/book`, {
      slot: slotKey(OFFICE.unitCode, FAMILY_VISIT, date, '10:00'),
      detaineeName: '王某某',
      relationship: '父母',
    });
    assert.equal(refused.statusCode, 422);
  });

  test('an item that takes no bookings has no booking page', async () => {
    const person = await verifiedCitizen(zone);
    const page = await person.client.get('/services/no-criminal-record-certificate/book');
    assert.equal(page.statusCode, 404);
  });
});

describe('cancelling and rescheduling until the cut-off', () => {
  test('moving a booking keeps its code and moves its places; cancelling frees them', async () => {
    const person = await verifiedCitizen(zone);
    const date = dayAfter(zone, 5);
    await release(zone, OPEN_DAY, [
      { date, start: '14:00', end: '15:00', quota: 5 },
      { date, start: '15:00', end: '16:00', quota: 5 },
    ]);
    const first = slotKey(OFFICE.unitCode, OPEN_DAY, date, '14:00');
    const second = slotKey(OFFICE.unitCode, OPEN_DAY, date, '15:00');
    const done = await person.client.post(`/services/${OPEN_DAY}/book`, { slot: first, visitors: '3' });
    const code = codeOf(done.headers.location);

    const form = await person.client.get(`/my/appointments/${code}/reschedule?date=${date}`);
    assert.equal(form.statusCode, 200);
    const moved = await person.client.post(`/my/appointments/${code}/reschedule`, { slot: second });
    assert.equal(moved.statusCode, 303, moved.body.slice(0, 400));
    assert.equal(codeOf(moved.headers.location), code);
    // A group of three holds three places, and moves them all.
    assert.deepEqual([(await slotRow(first))?.booked, (await slotRow(second))?.booked], [0, 3]);

    const cancelled = await person.client.post(
      `/my/appointments/${code}/cancel`,
      {},
      { formUrl: `/my/appointments/${code}` },
    );
    assert.equal(cancelled.statusCode, 303);
    assert.equal((await slotRow(second))?.booked, 0);
    const types = await zone.services.db
      .select({ type: outbox.type })
      .from(outbox)
      .where(eq(outbox.stream, `appointment:${code}`))
      .orderBy(outbox.seq);
    assert.deepEqual(
      types.map((t) => t.type),
      ['appointment.booked', 'appointment.booked', 'appointment.cancelled'],
    );
    const again = await person.client.post(
      `/my/appointments/${code}/cancel`,
      {},
      { formUrl: `/my/appointments/${code}` },
    );
    assert.equal(again.statusCode, 409);
  });

  test('within two hours of the start a booking can no longer be cancelled or moved', async () => {
    const person = await verifiedCitizen(zone);
    const soon = beijingIn(zone, 126);
    const later = beijingIn(zone, 24 * 60);
    await release(zone, FAMILY_VISIT, [
      { ...soon, end: '23:59', quota: 1 },
      { ...later, end: '23:59', quota: 1 },
    ]);
    const key = slotKey(OFFICE.unitCode, FAMILY_VISIT, soon.date, soon.start);
    const done = await person.client.post(`/services/${FAMILY_VISIT}/book`, {
      slot: key,
      detaineeName: '王某某',
      relationship: '配偶',
    });
    const code = codeOf(done.headers.location);
    zone.advanceClock(7 * 60_000);
    const page = await person.client.get(`/my/appointments/${code}`);
    assert.match(page.body, /距开始已不足2小时/);
    const cancel = await person.client.post(
      `/my/appointments/${code}/cancel`,
      {},
      { formUrl: `/my/appointments/${code}` },
    );
    assert.equal(cancel.statusCode, 409);
    assert.match(cancel.body, /不能再取消或改约/);
    const move = await person.client.post(`/my/appointments/${code}/reschedule`, {
      slot: slotKey(OFFICE.unitCode, FAMILY_VISIT, later.date, later.start),
    });
    assert.equal(move.statusCode, 409);
    assert.equal((await slotRow(key))?.booked, 1);
  });
});

test('the reminder goes by SMS at 09:00 the day before the slot', async () => {
  const person = await verifiedCitizen(zone);
  const date = dayAfter(zone, 6);
  await release(zone, FAMILY_VISIT, [{ date, start: '09:30', end: '10:30', quota: 3 }]);
  const code = codeOf(
    (
      await person.client.post(`/services/${FAMILY_VISIT}/book`, {
        slot: slotKey(OFFICE.unitCode, FAMILY_VISIT, date, '09:30'),
        detaineeName: '王某某',
        relationship: '子女',
      })
    ).headers.location,
  );
  const [job] = await zone.services.db
    .select({ id: jobs.id, runAt: jobs.runAt })
    .from(jobs)
    .where(eq(jobs.queue, REMINDER_QUEUE))
    .orderBy(sql`${jobs.id} desc`)
    .limit(1);
  assert.ok(job);
  assert.equal(job.runAt.toISOString(), reminderTime(date).toISOString());
  // The worker runs it when it falls due; here it is made due now instead of waiting a week.
  await zone.services.db.execute(sql`UPDATE jobs SET run_at = now() WHERE id = ${job.id}`);
  const sms = await lastSmsTo(zone, person.mobile);
  assert.match(sms, new RegExp(`预约码 ${code}`));
  assert.match(sms, /明天 09:30-10:30/);
});

test('three no-shows in 90 days stop booking for 30 days', async () => {
  const person = await verifiedPerson(zone);
  for (let i = 0; i < 3; i++) {
    const date = dayAfter(zone, 2);
    const start = `0${i + 1}:00`;
    await release(zone, OPEN_DAY, [{ date, start, end: '23:00', quota: 5 }]);
    const code = await appointments.book(zone.services, person, OPEN_DAY, {
      slot: slotKey(OFFICE.unitCode, OPEN_DAY, date, start),
      visitors: '1',
    });
    zone.advanceClock(3 * 86_400_000);
    await zone.services.db.transaction((tx) =>
      attendanceHandler.handle(
        tx,
        { code, outcome: 'no-show', at: zone.services.now().toISOString() },
        {
          messageId: code,
          fromZone: 'workbench',
          stream: `appointment:${code}`,
          seq: 1,
          type: 'appointment.attendance',
          version: 1,
        },
      ),
    );
  }
  const date = dayAfter(zone, 2);
  await release(zone, OPEN_DAY, [{ date, start: '08:00', end: '09:00', quota: 5 }]);
  const input = { slot: slotKey(OFFICE.unitCode, OPEN_DAY, date, '08:00'), visitors: '1' };
  await assert.rejects(appointments.book(zone.services, person, OPEN_DAY, input), (error: Error) =>
    /restricted/.test(JSON.stringify(error)),
  );
  zone.advanceClock(31 * 86_400_000);
  const laterDate = dayAfter(zone, 2);
  await release(zone, OPEN_DAY, [{ date: laterDate, start: '08:00', end: '09:00', quota: 5 }]);
  const code = await appointments.book(zone.services, person, OPEN_DAY, {
    slot: slotKey(OFFICE.unitCode, OPEN_DAY, laterDate, '08:00'),
    visitors: '1',
  });
  assert.match(code, /^[0-9A-Z]{8}$/);
});
