import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import { auditLog } from '../../src/shared/audit/audit.tables.ts';
import { outbox } from '../../src/workbench/db/schema.ts';
import { workbenchCalendar } from '../../src/workbench/holidays/holidays.calendar.ts';
import { holidaySchedules } from '../../src/workbench/holidays/holidays.tables.ts';
import { followCalendar } from '../../src/zone-calendar.ts';
import { csrfFrom } from '../helpers/browser-like.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { logIn, makeOfficer, startWorkbench, type Workbench } from './support.ts';

// The holiday schedule: entered by one force-wide administrator, in force only once a second approves it; the
// zone's calendar (and every deadline counted on it) changes at once, and the portal's after the crossing.
// The days below are test data, not the 2027 State Council schedule, which is not published yet.

let zone: Workbench;
let portal: TestZone;
before(async () => {
  zone = await startWorkbench();
  zone.advance(Date.parse('2026-12-08T02:00:00Z') - zone.services.now().getTime());
  portal = await startTestZone('portal');
});
after(async () => {
  await zone.close();
  await portal.close();
});

const admin = () =>
  makeOfficer(zone, { unitCode: 'SF-0000', role: 'administrator', scope: 'all', enrolled: true });

async function relayToPortal() {
  const messages = await zone.services.db
    .select()
    .from(outbox)
    .where(eq(outbox.type, 'calendar.schedule.published'))
    .orderBy(outbox.seq);
  for (const message of messages) {
    const handle = portal.inboxHandlers[message.type];
    assert.ok(handle, message.type);
    await portal.services.db.transaction((tx) =>
      handle(tx, message.payload, {
        messageId: randomUUID(),
        fromZone: 'workbench',
        stream: message.stream,
        seq: 1,
        type: message.type,
        version: 1,
      }),
    );
  }
  // After the commit, as the portal's worker does (zone-calendar.ts).
  await followCalendar(portal);
  return messages;
}

describe('holiday schedule', () => {
  test('officers without a force-wide administrator role are refused the page and its forms', async () => {
    const clerk = await makeOfficer(zone, {
      unitCode: 'SF-0000',
      role: 'auditor',
      scope: 'all',
      enrolled: true,
    });
    const b = await logIn(zone, clerk);
    assert.equal((await b.get('/holidays')).statusCode, 403);
    const station = await makeOfficer(zone, {
      unitCode: 'SF-D01-P01',
      role: 'administrator',
      scope: 'unit',
      enrolled: true,
    });
    assert.equal((await (await logIn(zone, station)).get('/holidays')).statusCode, 403);
  });

  test('entered, refused to its author, approved by another administrator: the deadlines and the portal follow', async () => {
    const first = await admin();
    const a = await logIn(zone, first);
    const page = await a.get('/holidays');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /2027年既无软件包数据/, 'from 1 October an uncovered next year is warned of');
    assert.match(page.body, /未覆盖/);
    const home = await a.get('/');
    assert.match(home.body, /尚未录入2027年节假日安排/);

    const bad = await a.post(
      '/holidays',
      {
        year: '2027',
        source: '测试通知',
        days: '2027-01-01 休 测试\n2027-02-30 休 测试\n2027-01-05 班 测试',
      },
      { formUrl: '/holidays' },
    );
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /第2行：日期不存在/);
    assert.match(bad.body, /第3行：调休上班日应为周六或周日/);
    assert.match(bad.body, /2027-02-30 休 测试/, 'what was typed is kept');

    // Before: Friday 1 January 2027 is guessed a working day.
    assert.equal(zone.services.calendar.addWorkingDays('2026-12-31', 1), '2027-01-01');
    assert.equal(zone.services.calendar.isCovered('2027-01-01'), false);

    const entered = await a.post(
      '/holidays',
      {
        year: '2027',
        source: '测试通知',
        days: '2027-01-01 休 测试假日\n2027-01-02 休 测试假日\n2027-01-09 班 测试调休',
      },
      { formUrl: '/holidays' },
    );
    assert.equal(entered.statusCode, 303, entered.body.slice(0, 400));
    const [row] = await zone.services.db
      .select()
      .from(holidaySchedules)
      .where(eq(holidaySchedules.year, 2027));
    assert.ok(row);
    assert.equal(row.state, 'pending');
    assert.equal(zone.services.calendar.addWorkingDays('2026-12-31', 1), '2027-01-01', 'not yet in force');

    const own = await a.get('/holidays');
    assert.match(own.body, /这是您录入的安排/);
    // Entered, the year is no longer "to enter": the page says it awaits approval, and the form leaves it out.
    assert.match(own.body, /2027年的安排已录入，正等待另一位管理员审核/);
    assert.doesNotMatch(own.body, /2027年既无软件包数据/);
    assert.match(own.body, /<input[^>]*name="year"[^>]*value=""/);
    assert.doesNotMatch((await a.get('/')).body, /尚未录入2027年节假日安排/);
    const token = csrfFrom(own.body);
    assert.ok(token);
    const self = await a.post(`/holidays/${row.id}/decision`, { decision: 'approve' }, { csrf: token });
    assert.equal(self.statusCode, 403, 'nobody approves his own schedule');

    const second = await admin();
    const b = await logIn(zone, second);
    const review = await b.get('/holidays');
    assert.match(review.body, /2027-01-09 班 测试调休/);
    const approved = await b.post(
      `/holidays/${row.id}/decision`,
      { decision: 'approve', note: '已核对' },
      { csrf: csrfFrom(review.body) ?? '' },
    );
    assert.equal(approved.statusCode, 303, approved.body.slice(0, 400));

    // After: the first working day of 2027 is Monday 4 January, everywhere in the zone.
    assert.equal(zone.services.calendar.addWorkingDays('2026-12-31', 1), '2027-01-04');
    assert.equal(workbenchCalendar().addWorkingDays('2026-12-31', 1), '2027-01-04');
    assert.equal(zone.services.calendar.isWorkingDay('2027-01-09'), true);
    assert.equal(zone.services.calendar.coverageOf(2027), 'overrides');
    const after = await b.get('/holidays');
    assert.match(after.body, /已批准的安排（3天）/);
    assert.doesNotMatch(after.body, /2027年既无软件包数据/);

    const audited = await zone.services.db
      .select({ action: auditLog.action, actor: auditLog.actor })
      .from(auditLog)
      .where(and(like(auditLog.action, 'holidays.%'), like(auditLog.target, `holiday-schedule:${row.id}`)));
    assert.deepEqual(audited.map((r) => `${r.action} ${r.actor}`).sort(), [
      `holidays.schedule.approved ${second.badgeNo}`,
      `holidays.schedule.entered ${first.badgeNo}`,
    ]);

    // The portal counts the same days once the schedule has crossed.
    assert.equal(portal.services.calendar.addWorkingDays('2026-12-31', 1), '2027-01-01');
    const crossed = await relayToPortal();
    assert.equal(crossed.length, 1);
    assert.equal(portal.services.calendar.addWorkingDays('2026-12-31', 1), '2027-01-04');
    assert.equal(portal.services.calendar.isHoliday('2027-01-02'), true);
  });

  test('the page in English: years, an error with the lines named, a schedule awaiting approval', async () => {
    const first = await admin();
    const a = await logIn(zone, first);
    const page = await a.get('/holidays?lang=en');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<html lang="en"/);
    assert.match(page.body, /<h1[^>]*>Holiday schedule<\/h1>/);
    assert.match(page.body, /Where each year comes from/);
    // 2027 was approved by the test above; 2028 is the first year with no data at all.
    assert.match(page.body, /Approved schedule \(3 days\)/);
    assert.match(page.body, /Not covered/);
    assert.match(page.body, /Monday to Friday assumed/);
    assert.match(page.body, /Each schedule: entered, decided, status/);
    assert.match(page.body, /In force/);
    for (const chinese of ['节假日安排', '各年份', '录入一年的安排', '提交审核', '未覆盖', '已生效'])
      assert.doesNotMatch(page.body, new RegExp(chinese), chinese);

    const bad = await a.post(
      '/holidays?lang=en',
      { year: '2028', source: '', days: '2028-01-01 休 test\n2028-02-30 休 test\n2028-01-04 班 test' },
      { formUrl: '/holidays?lang=en' },
    );
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /Line 2: the date does not exist/);
    assert.match(bad.body, /does not exist or is not YYYY-MM-DD; Line 3: /, 'joined the English way');
    assert.doesNotMatch(bad.body, /；Line/);
    assert.match(bad.body, /2028-02-30 休 test/, 'what was typed is kept');

    // A year the published data covers is not entered over: a schedule is a whole year's days.
    const covered = await a.post(
      '/holidays?lang=en',
      { year: '2026', source: 'Test notice', days: '2026-01-01 休 test' },
      { formUrl: '/holidays?lang=en' },
    );
    assert.equal(covered.statusCode, 422);
    assert.match(covered.body, /comes with the system/);
    assert.match(covered.body, /2026-01-01 休 test/, 'what was typed is kept');

    const entered = await a.post(
      '/holidays?lang=en',
      { year: '2028', source: 'Test notice', days: '2028-01-01 休 test' },
      { formUrl: '/holidays?lang=en' },
    );
    assert.equal(entered.statusCode, 303, entered.body.slice(0, 400));
    const b = await logIn(zone, await admin());
    const review = await b.get('/holidays?lang=en');
    assert.match(review.body, /2028 schedule awaiting approval/);
    assert.match(review.body, /Source: Test notice\. Entered by /);
    assert.match(review.body, /Approve: it takes effect now/);
    assert.match(review.body, /Awaiting approval/);
    assert.match((await a.get('/holidays?lang=en')).body, /You entered this schedule/);
  });
});
