import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { calendarInboxHandlers } from '../../src/portal/calendar/calendar.inbox.ts';
import { calendarOverrides } from '../../src/portal/calendar/calendar.tables.ts';
import { WorkingDayCalendar } from '../../src/shared/calendar/working-days.ts';
import { calendarStep, followCalendar } from '../../src/zone-calendar.ts';
import { decideSchedule, enterSchedule } from '../../src/workbench/holidays/holidays.service.ts';
import type { CurrentStaff } from '../../src/workbench/session.ts';
import { exchangeStep } from '../../src/zones.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

// Several instances of a zone share one database; only one of them approves a schedule (workbench) or takes it
// in (portal). The others follow the table within a minute of the zone's clock, and the portal's calendar never
// runs ahead of a transaction that may still roll back. The days are test data, not a published schedule.

let workbench: TestZone;
let portal: TestZone;
let boundary: Boundary;
before(async () => {
  workbench = await startTestZone('workbench');
  portal = await startTestZone('portal');
  boundary = joinZones(portal, workbench);
});
after(async () => {
  await boundary.close();
});

const administrator = (badgeNo: string): CurrentStaff => ({
  id: badgeNo,
  badgeNo,
  name: badgeNo,
  unitCode: 'SF-0000',
  assignments: [{ role: 'administrator', unitCode: 'SF-0000', unitPath: 'SF-0000', scope: 'all' }],
});
const by = (badgeNo: string) => ({ actor: badgeNo, actorUnit: 'SF-0000', sourceIp: null });

/** One instance of the workbench enters and approves 2027; it reloads its own calendar after the commit. */
async function approve(days: string): Promise<void> {
  const row = await enterSchedule(workbench.services, administrator('000101'), by('000101'), {
    year: '2027',
    source: '测试通知',
    days,
  });
  await decideSchedule(workbench.services, administrator('000102'), by('000102'), row.id, {
    decision: 'approve',
  });
}

/** Another instance of the zone: the same database and clock, its own calendar in its own memory. */
const otherInstance = (zone: TestZone) => ({
  name: zone.name,
  database: zone.database,
  services: { now: zone.services.now, calendar: new WorkingDayCalendar() },
});

describe('zone calendars follow their database', () => {
  test('a workbench instance that did not approve follows within a minute of its clock', async () => {
    const other = otherInstance(workbench);
    const step = calendarStep(other);
    await step();
    assert.equal(workbench.services.calendar.coverageOf(2027), 'none');
    await approve('2027-01-01 休 测试假日\n2027-01-02 休 测试假日');
    // The approving instance counts on the new days at once.
    assert.equal(workbench.services.calendar.addWorkingDays('2026-12-31', 1), '2027-01-04');
    // The other one still guesses, until its minute is up.
    assert.equal(other.services.calendar.addWorkingDays('2026-12-31', 1), '2027-01-01');
    workbench.advanceClock(59_000);
    await step();
    assert.equal(other.services.calendar.coverageOf(2027), 'none', 'checked at most once a minute');
    workbench.advanceClock(1_000);
    await step();
    assert.equal(other.services.calendar.coverageOf(2027), 'overrides');
    assert.equal(other.services.calendar.addWorkingDays('2026-12-31', 1), '2027-01-04');
    assert.equal(await followCalendar(other), false, 'nothing changed since: no reload');
  });

  test('the portal takes a schedule in, and its calendar moves only after the commit', async () => {
    assert.equal(portal.services.calendar.coverageOf(2027), 'none');
    // A rollback after the handler ran leaves neither the table nor the calendar changed.
    const [handler] = calendarInboxHandlers;
    assert.ok(handler);
    const payload = {
      scheduleId: '00000000-0000-4000-8000-000000000001',
      year: 2027,
      approvedAt: '2026-12-08T02:00:00.000Z',
      days: [{ date: '2027-01-01', work: false, name: '测试假日' }],
    };
    await assert.rejects(
      portal.services.db.transaction(async (tx) => {
        await handler.handle(tx, payload, {
          messageId: '00000000-0000-4000-8000-000000000002',
          fromZone: 'workbench',
          stream: 'calendar.schedule.published',
          seq: 1,
          type: 'calendar.schedule.published',
          version: 1,
        });
        assert.equal(portal.services.calendar.coverageOf(2027), 'none', 'not inside the transaction');
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    assert.equal(portal.services.calendar.coverageOf(2027), 'none');
    assert.equal((await portal.services.db.select().from(calendarOverrides)).length, 0);
    assert.equal(await followCalendar(portal), false);

    // The approved schedule crosses; the portal's worker step takes it in and then reloads.
    await workbench.signOutbox();
    await boundary.relay.runOnce();
    assert.ok((await exchangeStep(portal)) > 0);
    assert.equal(portal.services.calendar.coverageOf(2027), 'overrides');
    assert.equal(portal.services.calendar.addWorkingDays('2026-12-31', 1), '2027-01-04');
  });

  test('another portal instance follows the table on its minute', async () => {
    const other = otherInstance(portal);
    const step = calendarStep(other);
    await step();
    assert.equal(other.services.calendar.isHoliday('2027-01-02'), true);
    // A later schedule for the year replaces it on the table; the other instance sees it a minute later.
    await approve('2027-01-01 休 更正');
    await workbench.signOutbox();
    await boundary.relay.runOnce();
    await portal.processInbox();
    await step();
    assert.equal(other.services.calendar.isHoliday('2027-01-02'), true, 'not yet');
    portal.advanceClock(60_000);
    await step();
    assert.equal(other.services.calendar.isHoliday('2027-01-02'), false);
    assert.equal(other.services.calendar.isHoliday('2027-01-01'), true);
  });
});
