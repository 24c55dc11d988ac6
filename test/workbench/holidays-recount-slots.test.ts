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
import { reconciliationReportedHandler } from '../../src/workbench/finance/finance.intake.ts';
import { differenceWorkflow, RESOLVE_WITHIN_DAYS } from '../../src/workbench/finance/finance.workflow.ts';
import { RECOUNT_QUEUE } from '../../src/workbench/holidays/holidays.recount.ts';
import { decideSchedule, enterSchedule } from '../../src/workbench/holidays/holidays.service.ts';
import type { CurrentStaff } from '../../src/workbench/session.ts';
import { actionLabel } from '../../src/workbench/audit/audit.actions.ts';
import { logIn, makeOfficer, startWorkbench, type Workbench } from './support.ts';

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
    // Added after the release and not published: a recount must not publish it for the office.
    await insertPattern(tx, {
      unitCode: OFFICE,
      itemId: FAMILY_VISIT,
      weekday: 2,
      startTime: '14:00',
      endTime: '15:00',
      quota: 3,
      createdBy: '00000000-0000-4000-8000-000000000001',
      createdAt: now,
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
    // Computed by the portal on Tuesday, received on Wednesday: three working days on Monday to Friday from the
    // day received end on Monday 4 October. The first was received before the start was kept.
    const computed = new Date('2027-09-28T15:00:00Z');
    const difference = {
      day: '2027-09-28',
      kind: 'missing-there',
      type: 'payment' as const,
      hereFen: 100,
      thereFen: null,
      workflowId: differenceWorkflow.current.id,
      workflowVersion: differenceWorkflow.current.version,
      state: 'open',
      dueOn: '2027-10-04',
      updatedAt: computed,
      firstSeenAt: computed,
      lastSeenAt: computed,
    };
    await tx.insert(reconciliationDifferences).values([
      { ...difference, reference: 'ORDER-RECOUNT-1' },
      { ...difference, reference: 'ORDER-RECOUNT-2', dueSince: '2027-09-29' },
    ]);
  });

  const row = await enterSchedule(zone.services, administrator('000101'), by('000101'), {
    year: '2027',
    source: '测试通知',
    days: DAYS,
  });
  await decideSchedule(zone.services, administrator('000102'), by('000102'), row.id, { decision: 'approve' });
  await zone.drainJobs();

  // One release for each day whose standing changed, naming the schedule; the days that did not change, and the
  // pattern edit nobody published, are left as the office released them.
  const sent = (await releasesSent()).map(
    (m) =>
      m.payload as { from: string; to: string; recountOf?: string; slots: { date: string; start: string }[] },
  );
  assert.deepEqual(
    sent.map((m) => [m.from, m.to, m.recountOf, m.slots.map((slot) => `${slot.date} ${slot.start}`)]),
    [
      ...['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'].map((d) => [
        d,
        d,
        row.id,
        [],
      ]),
      ['2027-10-09', '2027-10-09', row.id, ['2027-10-09 09:00']],
    ],
    'the holiday days close, the make-up Saturday opens',
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
  const differences = async () =>
    (
      await db
        .select()
        .from(reconciliationDifferences)
        .where(sql`${reconciliationDifferences.reference} LIKE 'ORDER-RECOUNT-%'`)
        .orderBy(reconciliationDifferences.reference)
    ).map((d) => [d.reference, d.dueSince, d.dueOn]);
  // Counted from the day received (Thursday 30 September, Friday 8 and Saturday 9 October), not the day the
  // portal computed it; the start worked out for the first is kept.
  assert.deepEqual(await differences(), [
    ['ORDER-RECOUNT-1', '2027-09-29', '2027-10-09'],
    ['ORDER-RECOUNT-2', '2027-09-29', '2027-10-09'],
  ]);

  // The late run finds everything counted already: no second release, nothing moves.
  await db.execute(sql`UPDATE jobs SET run_at = now() WHERE queue = ${RECOUNT_QUEUE}`);
  await zone.drainJobs();
  assert.equal((await releasesSent()).length, 6);
  assert.deepEqual(
    (await differences()).map((d) => d[2]),
    ['2027-10-09', '2027-10-09'],
  );

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

test('a booking on a day that closed cannot be marked no-show, and the window is not offered it', async () => {
  const now = zone.services.now();
  const code = 'CLOSED01';
  await zone.services.db.transaction((tx) =>
    upsertVisit(tx, {
      code,
      unitCode: OFFICE,
      itemId: FAMILY_VISIT,
      // Today, begun an hour ago.
      date: '2027-09-27',
      startTime: '09:00',
      endTime: '10:00',
      name: '李四',
      idNumberMasked: '1101**********0022',
      details: {},
      status: 'booked',
      bookedAt: now,
    }),
  );
  await zone.services.db
    .update(appointmentVisits)
    .set({ dayClosedAt: now })
    .where(eq(appointmentVisits.code, code));
  const clerk = await makeOfficer(zone, { unitCode: OFFICE, role: 'window-clerk', enrolled: true });
  const client = await logIn(zone, clerk);
  const page = await client.get(`/appointments/bookings/${code}`);
  assert.match(page.body, /value="attended"/);
  assert.doesNotMatch(page.body, /value="no-show"/);
  const refused = await client.post(
    `/appointments/bookings/${code}/attendance`,
    { outcome: 'no-show' },
    { formUrl: `/appointments/bookings/${code}` },
  );
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /预约日已调整为节假日/);
  assert.equal((await visit(code))?.status, 'booked');
  const came = await client.post(
    `/appointments/bookings/${code}/attendance`,
    { outcome: 'attended' },
    { formUrl: `/appointments/bookings/${code}` },
  );
  assert.equal(came.statusCode, 303);
});

test('the audit log names the recount’s actions in both languages', () => {
  for (const action of [
    'appointments.day.closed',
    'reconciliation.due.recounted',
    'case.due.recounted',
    'letter.due.recounted',
    'supervision.urging.due.recounted',
  ])
    for (const lang of ['zh', 'en'] as const) assert.notEqual(actionLabel(action, lang), action);
});

test('a difference received keeps the day it was received, which its deadline counts from', async () => {
  const totals = { payments: 1, paymentFen: 100, refunds: 0, refundFen: 0 };
  const received = '2027-09-27';
  await zone.services.db.transaction((tx) =>
    reconciliationReportedHandler(zone.services).handle(
      tx,
      {
        day: '2027-09-25',
        // Computed by the portal on the Saturday, received on Monday.
        computedAt: '2027-09-25T12:00:00.000Z',
        here: totals,
        there: { ...totals, payments: 0, paymentFen: 0 },
        differences: [
          {
            kind: 'paid-here-not-there',
            type: 'payment',
            reference: 'ORDER-INTAKE-1',
            hereFen: 100,
            thereFen: null,
          },
        ],
        omitted: 0,
      },
      {
        messageId: '00000000-0000-4000-8000-0000000000a1',
        fromZone: 'portal',
        stream: 'reconciliation:2027-09-25',
        seq: 1,
        type: 'payment.reconciliation.reported',
        version: 1,
      },
    ),
  );
  const [row] = await zone.services.db
    .select()
    .from(reconciliationDifferences)
    .where(eq(reconciliationDifferences.reference, 'ORDER-INTAKE-1'));
  assert.deepEqual(
    [row?.dueSince, row?.dueOn],
    [received, zone.services.calendar.addWorkingDays(received, RESOLVE_WITHIN_DAYS)],
  );
});
