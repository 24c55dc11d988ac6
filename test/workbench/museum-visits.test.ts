import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { slotKey } from '../../src/shared/appointments/booking-services.ts';
import { todayInShanghai, WorkingDayCalendar } from '../../src/shared/calendar/working-days.ts';
import { slotsFromPattern } from '../../src/workbench/appointments/appointments.service.ts';
import { CITY_CODE } from '../../src/workbench/org/demo-city.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { verifiedCitizen } from '../portal/applications.helpers.ts';
import { logIn, makeOfficer, startWorkbench, type Workbench } from './support.ts';

// Visits to the police museum are booked like any other appointment: the museum's staff set one session a day
// on its opening days (Tuesday to Sunday, weekends and holidays included, Mondays closed), its places the day's
// quota; the release crosses to the portal, where the museum's page leads to the booking and its confirmation.

const MUSEUM = 'police-museum-visit-booking';
const DAY = 86_400_000;

let portal: TestZone;
let workbench: Workbench;
let boundary: Boundary;

before(async () => {
  [portal, workbench] = await Promise.all([startTestZone('portal'), startWorkbench()]);
  boundary = joinZones(portal, workbench, { intervalMs: 60_000, beatMs: 0 });
});
after(async () => {
  await boundary.close();
});

const weekdayOf = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

describe('museum visits', () => {
  test('opening days, not working days: weekends and holidays open, Mondays closed', () => {
    const pattern = (weekday: number) => ({
      id: String(weekday),
      unitCode: CITY_CODE,
      itemId: MUSEUM,
      weekday,
      startTime: '09:00',
      endTime: '16:30',
      quota: 40,
      createdBy: '00000000-0000-0000-0000-000000000000',
      createdAt: new Date(0),
    });
    const week = [2, 3, 4, 5, 6, 7].map(pattern);
    // 2026-09-28 is a Monday; 1 to 7 October are the national holidays.
    const slots = slotsFromPattern(week, '2026-09-28', 14, [2, 3, 4, 5, 6, 7], new WorkingDayCalendar());
    assert.equal(slots.length, 12);
    assert.ok(slots.every((s) => weekdayOf(s.date) !== 1));
    assert.ok(
      slots.some((s) => s.date === '2026-10-01'),
      'open on a public holiday',
    );
    assert.ok(
      slots.some((s) => s.date === '2026-10-03'),
      'open on a Saturday',
    );
  });

  test('the museum’s staff set the opening days, release them, and a visitor books from the museum page', async () => {
    const keeper = await makeOfficer(workbench, { unitCode: CITY_CODE, role: 'supervisor', enrolled: true });
    const client = await logIn(workbench, keeper);
    const pattern = (weekday: string) =>
      client.post(
        '/appointments/patterns',
        { unitCode: CITY_CODE, itemId: MUSEUM, weekday, start: '09:00', end: '16:30', quota: '40' },
        { formUrl: '/appointments' },
      );
    const monday = await pattern('1');
    assert.equal(monday.statusCode, 422);
    assert.match(monday.body, /请选择该场馆的开放日（周一闭馆）/);
    for (const weekday of ['2', '3', '4', '5', '6', '7'])
      assert.equal((await pattern(weekday)).statusCode, 303);
    // An ordinary service keeps to working days.
    const saturdayCounter = await client.post(
      '/appointments/patterns',
      {
        unitCode: CITY_CODE,
        itemId: 'detention-open-day-booking',
        weekday: '6',
        start: '09:00',
        end: '10:00',
        quota: '3',
      },
      { formUrl: '/appointments' },
    );
    assert.equal(saturdayCounter.statusCode, 422);
    assert.match(saturdayCounter.body, /请选择星期几（周一至周五）/);

    const published = await client.post(
      '/appointments/publish',
      { unitCode: CITY_CODE, itemId: MUSEUM },
      { formUrl: '/appointments' },
    );
    assert.equal(published.statusCode, 303);
    assert.equal((await boundary.toPortal()).failed, 0);

    // The next Saturday within the released days.
    let saturday = '';
    for (let i = 1; i <= 7 && !saturday; i++) {
      const date = todayInShanghai(new Date(portal.services.now().getTime() + i * DAY));
      if (weekdayOf(date) === 6) saturday = date;
    }
    const visitor = await verifiedCitizen(portal, '林参观');
    const museum = await visitor.client.get('/museum');
    assert.match(museum.body, new RegExp(`href="/services/${MUSEUM}/book"`));
    const form = await visitor.client.get(`/services/${MUSEUM}/book?date=${saturday}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /09:00–16:30/);
    assert.match(form.body, /name="visitors"/);
    assert.match(form.body, /href="\/museum"/, 'the booking page leads back to the museum');

    const key = slotKey(CITY_CODE, MUSEUM, saturday, '09:00');
    const refused = await visitor.client.post(`/services/${MUSEUM}/book`, { slot: key, visitors: '' });
    assert.equal(refused.statusCode, 422);
    const booked = await visitor.client.post(`/services/${MUSEUM}/book`, { slot: key, visitors: '3' });
    assert.equal(booked.statusCode, 303, booked.body.slice(0, 400));
    const code = /\/my\/appointments\/([0-9A-Z]{8})$/.exec(String(booked.headers.location))?.[1];
    assert.ok(code);
    const page = await visitor.client.get(`/my/appointments/${code}`);
    assert.match(page.body, /警史馆参观预约/);
    assert.match(page.body, new RegExp(saturday));
    const pdf = await visitor.client.get(`/my/appointments/${code}/confirmation.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.match(String(pdf.headers['content-type']), /application\/pdf/);

    // The day's quota counts visitors, not bookings: 3 + 30 of 40 taken, a group of 10 does not fit, one of 7 does.
    const left = async () => {
      const page = (await visitor.client.get(`/services/${MUSEUM}/book?date=${saturday}`)).body;
      const day = new RegExp(`${saturday}</strong>\\s*（(?:余 (\\d+) 个名额|已约满)）`).exec(page);
      assert.ok(day, 'the day is listed');
      return Number(day[1] ?? 0);
    };
    assert.equal(await left(), 37);
    const school = await verifiedCitizen(portal, '周带队');
    assert.equal(
      (await school.client.post(`/services/${MUSEUM}/book`, { slot: key, visitors: '30' })).statusCode,
      303,
    );
    const family = await verifiedCitizen(portal, '吴一家');
    const tooMany = await family.client.post(`/services/${MUSEUM}/book`, { slot: key, visitors: '10' });
    assert.equal(tooMany.statusCode, 409);
    assert.match(tooMany.body, /剩余名额不够您填写的参观人数/);
    assert.match(
      tooMany.body,
      /name="visitors"[^>]*value="10"|value="10"[^>]*name="visitors"/,
      'the number typed is kept',
    );
    assert.equal(
      (await family.client.post(`/services/${MUSEUM}/book`, { slot: key, visitors: '7' })).statusCode,
      303,
    );
    assert.equal(await left(), 0);
    // Cancelling the first booking frees its three places.
    const cancelled = await visitor.client.post(
      `/my/appointments/${code}/cancel`,
      {},
      { formUrl: `/my/appointments/${code}` },
    );
    assert.equal(cancelled.statusCode, 303, cancelled.body.slice(0, 300));
    assert.equal(await left(), 3);
  });
});
