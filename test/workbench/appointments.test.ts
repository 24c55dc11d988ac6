import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { outbox } from '../../src/workbench/db/schema.ts';
import { auditLog } from '../../src/shared/audit/audit-log.ts';
import {
  appointmentInboxHandlers,
  slotsFromPattern,
} from '../../src/workbench/appointments/appointments.service.ts';
import type { PatternRow } from '../../src/workbench/appointments/appointments.repository.ts';
import { todayInShanghai, WorkingDayCalendar } from '../../src/shared/calendar/working-days.ts';
import { logIn, makeOfficer, startWorkbench, type Workbench } from './support.ts';

const FAMILY_VISIT = 'detainee-family-visit-booking';

let zone: Workbench;
before(async () => {
  zone = await startWorkbench();
});
after(async () => zone.close());

const pattern = (weekday: number, start: string, quota: number): PatternRow => ({
  id: `p${weekday}${start}`,
  unitCode: 'SF-JG',
  itemId: FAMILY_VISIT,
  weekday,
  startTime: start,
  endTime: '23:00',
  quota,
  createdBy: 'x',
  createdAt: new Date(0),
});

test('slots open on working days only: the National Day week closes, its make-up Saturday opens as a Monday', () => {
  const slots = slotsFromPattern(
    [pattern(1, '09:00', 2), pattern(4, '14:00', 1)],
    '2026-09-28',
    14,
    undefined,
    new WorkingDayCalendar(),
  );
  assert.deepEqual(
    slots.map((s) => `${s.date} ${s.start} ${s.quota}`),
    ['2026-09-28 09:00 2', '2026-10-08 14:00 1', '2026-10-10 09:00 2'],
  );
});

async function latest(type: string) {
  const [row] = await zone.services.db
    .select({ payload: outbox.payload, stream: outbox.stream })
    .from(outbox)
    .where(eq(outbox.type, type))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  return row;
}

describe('an office publishes its slots', () => {
  test('the office’s supervisor adds a weekly slot, refused input is kept, and publishing releases the next 14 days', async () => {
    const supervisor = await makeOfficer(zone, { unitCode: 'SF-JG', role: 'supervisor', enrolled: true });
    const client = await logIn(zone, supervisor);
    const page = await client.get('/appointments');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /新增时段/);

    const refused = await client.post(
      '/appointments/patterns',
      {
        unitCode: 'SF-JG',
        itemId: FAMILY_VISIT,
        weekday: '1',
        start: '10:00',
        end: '09:00',
        quota: '0',
      },
      { formUrl: '/appointments' },
    );
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /结束时间应晚于开始时间/);
    assert.match(refused.body, /请输入每个时段的名额/);

    for (const weekday of ['1', '2', '3', '4', '5']) {
      const added = await client.post(
        '/appointments/patterns',
        { unitCode: 'SF-JG', itemId: FAMILY_VISIT, weekday, start: '09:00', end: '10:00', quota: '3' },
        { formUrl: '/appointments' },
      );
      assert.equal(added.statusCode, 303, added.body.slice(0, 300));
    }
    // Another unit's office is not his to publish for.
    const foreign = await client.post(
      '/appointments/patterns',
      { unitCode: 'SF-XF', itemId: FAMILY_VISIT, weekday: '1', start: '09:00', end: '10:00', quota: '3' },
      { formUrl: '/appointments' },
    );
    assert.equal(foreign.statusCode, 422);

    const published = await client.post(
      '/appointments/publish',
      { unitCode: 'SF-JG', itemId: FAMILY_VISIT },
      { formUrl: '/appointments' },
    );
    assert.equal(published.statusCode, 303);
    const release = await latest('appointment.slots.published');
    const payload = release?.payload as {
      unitCode: string;
      from: string;
      slots: { date: string; quota: number }[];
    };
    assert.equal(payload.unitCode, 'SF-JG');
    assert.equal(payload.from, todayInShanghai(new Date(zone.services.now().getTime() + 86_400_000)));
    assert.ok(
      payload.slots.length >= 5 && payload.slots.length <= 10,
      `${payload.slots.length} working days`,
    );
    assert.ok(payload.slots.every((s) => s.quota === 3));
    const [audit] = await zone.services.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'appointments.publish'));
    assert.equal(audit?.actor, supervisor.badgeNo);
  });
});

describe('at the window', () => {
  const code = 'K7M2Q9XA';
  before(async () => {
    const [booked] = appointmentInboxHandlers();
    await zone.services.db.transaction((tx) =>
      booked!.handle(
        tx,
        {
          code,
          unitCode: 'SF-JG',
          itemId: FAMILY_VISIT,
          date: todayInShanghai(zone.services.now()),
          start: '00:00',
          end: '23:59',
          name: '李示范',
          idNumberMasked: '110***********0016',
          details: { detaineeName: '王某某', relationship: '父母' },
          caseNumber: 'SF-JG-20261206-000001',
          bookedAt: zone.services.now().toISOString(),
        },
        {
          messageId: code,
          fromZone: 'portal',
          stream: `appointment:${code}`,
          seq: 1,
          type: 'appointment.booked',
          version: 1,
        },
      ),
    );
  });

  test('the officer pulls up a booking by its code, sees the person and the case, and records attendance', async () => {
    const clerk = await makeOfficer(zone, { unitCode: 'SF-JG', role: 'window-clerk', enrolled: true });
    const client = await logIn(zone, clerk);
    const found = await client.get(`/appointments/lookup?code=${code.toLowerCase()}`);
    assert.equal(found.statusCode, 303);
    assert.equal(found.headers.location, `/appointments/bookings/${code}`);
    const page = await client.get(`/appointments/bookings/${code}`);
    assert.match(page.body, /李示范/);
    assert.match(page.body, /王某某/);
    assert.match(page.body, /href="\/cases\/SF-JG-20261206-000001"/);

    const refused = await client.post(
      `/appointments/bookings/${code}/attendance`,
      {},
      {
        formUrl: `/appointments/bookings/${code}`,
      },
    );
    assert.equal(refused.statusCode, 422);
    const marked = await client.post(
      `/appointments/bookings/${code}/attendance`,
      { outcome: 'attended' },
      { formUrl: `/appointments/bookings/${code}` },
    );
    assert.equal(marked.statusCode, 303, marked.body.slice(0, 300));
    const sent = await latest('appointment.attendance');
    assert.deepEqual((sent?.payload as { code: string; outcome: string }).outcome, 'attended');
    const again = await client.post(
      `/appointments/bookings/${code}/attendance`,
      { outcome: 'no-show' },
      {
        formUrl: `/appointments/bookings/${code}`,
      },
    );
    assert.equal(again.statusCode, 409);
    const looks = await zone.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'appointments.view'), eq(auditLog.actor, clerk.badgeNo)));
    assert.ok(looks.length >= 1, 'pulling up a booking is audited');
  });

  test('a window of another unit finds nothing under the code', async () => {
    const clerk = await makeOfficer(zone, { unitCode: 'SF-XF', role: 'window-clerk', enrolled: true });
    const client = await logIn(zone, clerk);
    const lookup = await client.get(`/appointments/lookup?code=${code}`);
    assert.equal(lookup.statusCode, 404);
    assert.match(lookup.body, /没有找到该预约码/);
    assert.equal((await client.get(`/appointments/bookings/${code}`)).statusCode, 404);
  });
});
