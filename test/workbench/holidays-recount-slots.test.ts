import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog } from '../../src/shared/audit/audit.tables.ts';
import { outbox } from '../../src/workbench/db/schema.ts';
import {
  appointmentReleases,
  appointmentVisits,
} from '../../src/workbench/appointments/appointments.tables.ts';
import {
  insertPattern,
  insertRelease,
  upsertVisit,
} from '../../src/workbench/appointments/appointments.repository.ts';
import { reconciliationDifferences } from '../../src/workbench/finance/finance.tables.ts';
import { differenceWorkflow } from '../../src/workbench/finance/finance.workflow.ts';
import { RECOUNT_QUEUE } from '../../src/workbench/holidays/holidays.recount.ts';
import { decideSchedule, enterSchedule } from '../../src/workbench/holidays/holidays.service.ts';
import type { CurrentStaff } from '../../src/workbench/session.ts';
import { startWorkbench, type Workbench } from './support.ts';

// After a holiday schedule is approved, what was laid out on working days besides cases, letters and urgings:
// an office's released slots (a day that became a holiday closes, a make-up working day opens, bookings already
// on a closed day are flagged for the window) and the finance officers' reconciliation deadlines.
// The days below are test data, not the 2027 State Council schedule.

const FAMILY_VISIT = 'detainee-family-visit-booking';
const OFFICE = 'SF-JG';
const DAYS = [
  ...[1, 2, 3, 4, 5, 6, 7].map((d) => `2027-10-0${String(d)} 休 国庆节`),
  '2027-10-09 班 国庆节调休',
].join('\n');

let zone: Workbench;
before(async () => {
  zone = await startWorkbench();
  await zone.services.db.delete(outbox);
  // Monday 27 September 2027, 10:00 in Beijing: the year has no schedule yet, slots went out on Monday to Friday.
  const to = Date.parse('2027-09-27T02:00:00Z');
  zone.advance(to - zone.services.now().getTime());
});
after(() => zone.close());

const administrator = (badgeNo: string): CurrentStaff => ({
  id: badgeNo,
  badgeNo,
  name: badgeNo,
  unitCode: 'SF-0000',
  assignments: [{ role: 'administrator', unitCode: 'SF-0000', unitPath: 'SF-0000', scope: 'all' }],
});
const by = (badgeNo: string) => ({ actor: badgeNo, actorUnit: 'SF-0000', sourceIp: null });

const releasesSent = () =>
  zone.services.db.select().from(outbox).where(eq(outbox.type, 'appointment.slots.published'));
const visit = async (code: string) =>
  (await zone.services.db.select().from(appointmentVisits).where(eq(appointmentVisits.code, code)))[0];

test('approving a schedule releases the office’s window again, flags a booking on a closed day, and moves a finance deadline', async () => {
  const db = zone.services.db;
  const now = zone.services.now();
  await db.transaction(async (tx) => {
    for (const weekday of [1, 2, 3, 4, 5])
      await insertPattern(tx, {
        unitCode: OFFICE,
        itemId: FAMILY_VISIT,
        weekday,
        startTime: '09:00',
        endTime: '10:00',
        quota: 3,
        createdBy: '00000000-0000-4000-8000-000000000001',
        createdAt: now,
      });
    await insertRelease(tx, {
      unitCode: OFFICE,
      itemId: FAMILY_VISIT,
      fromDate: '2027-09-28',
      toDate: '2027-10-11',
      slotCount: 10,
      releasedBy: '00000000-0000-4000-8000-000000000001',
      releasedAt: now,
    });
    const booking = {
      unitCode: OFFICE,
      itemId: FAMILY_VISIT,
      startTime: '09:00',
      endTime: '10:00',
      name: '张三',
      idNumberMasked: '1101**********0011',
      details: {},
      status: 'booked' as const,
      bookedAt: now,
    };
    await upsertVisit(tx, { ...booking, code: 'HOLIDAY1', date: '2027-10-01' });
    await upsertVisit(tx, { ...booking, code: 'WORKDAY1', date: '2027-09-30' });
    // First reported on Wednesday: three working days on Monday to Friday end on Monday 4 October.
    const seen = new Date('2027-09-29T02:00:00Z');
    await tx.insert(reconciliationDifferences).values({
      day: '2027-09-28',
      kind: 'missing-there',
      type: 'payment',
      reference: 'ORDER-RECOUNT-1',
      hereFen: 100,
      thereFen: null,
      workflowId: differenceWorkflow.current.id,
      workflowVersion: differenceWorkflow.current.version,
      state: 'open',
      dueOn: '2027-10-04',
      updatedAt: seen,
      firstSeenAt: seen,
      lastSeenAt: seen,
    });
  });

  const row = await enterSchedule(zone.services, administrator('000101'), by('000101'), {
    year: '2027',
    source: '测试通知',
    days: DAYS,
  });
  await decideSchedule(zone.services, administrator('000102'), by('000102'), row.id, { decision: 'approve' });
  await zone.drainJobs();

  const [sent, ...more] = await releasesSent();
  assert.equal(more.length, 0, 'one release for the office’s service');
  const payload = sent?.payload as { from: string; to: string; slots: { date: string }[] };
  assert.deepEqual([payload.from, payload.to], ['2027-09-28', '2027-10-11']);
  assert.deepEqual(
    payload.slots.map((s) => s.date),
    ['2027-09-28', '2027-09-29', '2027-09-30', '2027-10-08', '2027-10-09', '2027-10-11'],
    'the holiday week closes, the make-up Saturday opens',
  );
  const [again] = await db
    .select()
    .from(appointmentReleases)
    .where(eq(appointmentReleases.recountOf, row.id));
  assert.equal(again?.releasedBy, null);
  assert.ok((await visit('HOLIDAY1'))?.dayClosedAt, 'the booking on a closed day is flagged');
  assert.equal((await visit('WORKDAY1'))?.dayClosedAt, null);
  const [flagAudit] = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'appointments.day.closed'), eq(auditLog.target, `unit:${OFFICE}`)));
  assert.deepEqual((flagAudit?.detail as { bookings: string[] }).bookings, ['HOLIDAY1']);
  const [difference] = await db
    .select()
    .from(reconciliationDifferences)
    .where(eq(reconciliationDifferences.reference, 'ORDER-RECOUNT-1'));
  assert.equal(difference?.dueOn, '2027-10-09', 'Thursday 30 September, Friday 8 and Saturday 9 October');

  // The late run finds everything counted already: no second release, nothing moves.
  await db.execute(sql`UPDATE jobs SET run_at = now() WHERE queue = ${RECOUNT_QUEUE}`);
  await zone.drainJobs();
  assert.equal((await releasesSent()).length, 1);
  const [sameDifference] = await db
    .select()
    .from(reconciliationDifferences)
    .where(eq(reconciliationDifferences.reference, 'ORDER-RECOUNT-1'));
  assert.equal(sameDifference?.dueOn, '2027-10-09');

  // A booking moved to another day is no longer flagged.
  await db.transaction((tx) =>
    upsertVisit(tx, {
      code: 'HOLIDAY1',
      unitCode: OFFICE,
      itemId: FAMILY_VISIT,
      date: '2027-10-08',
      startTime: '09:00',
      endTime: '10:00',
      name: '张三',
      idNumberMasked: '1101**********0011',
      details: {},
      status: 'booked',
      bookedAt: zone.services.now(),
    }),
  );
  assert.equal((await visit('HOLIDAY1'))?.dayClosedAt, null);
});
