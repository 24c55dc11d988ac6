import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { outbox } from '../../src/exchange/tables.ts';
import { applications } from '../../src/portal/db/schema.ts';
import { auditLog } from '../../src/shared/audit/audit.tables.ts';
import { WorkingDayCalendar } from '../../src/shared/calendar/working-days.ts';
import { notifications } from '../../src/shared/db/tables.ts';
import { caseActions, cases } from '../../src/workbench/cases/cases.tables.ts';
import { findCase } from '../../src/workbench/cases/cases.repository.ts';
import { RECOUNT_QUEUE } from '../../src/workbench/holidays/holidays.recount.ts';
import { decideSchedule, enterSchedule } from '../../src/workbench/holidays/holidays.service.ts';
import { letterActions, letters } from '../../src/workbench/letters/letters.tables.ts';
import { urgings } from '../../src/workbench/supervision/supervision.tables.ts';
import { URGING_WORKFLOW_ID } from '../../src/workbench/supervision/supervision.workflow.ts';
import type { CurrentStaff } from '../../src/workbench/session.ts';
import { followCalendar } from '../../src/zone-calendar.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { type TestZone } from '../helpers/zones.ts';
import {
  answer,
  applicationIdOf,
  certificatePages,
  checkPageForm,
  start,
  startApplyZone,
  verifiedCitizen,
} from '../portal/applications.helpers.ts';
import { claimAndAct, officerAt, startCaseWorkbench } from '../workbench/cases.support.ts';
import type { Workbench } from '../workbench/support.ts';

// Items stored before their starts were kept (an urging sent before migration 0044 has no working-day count; a
// case or letter whose history named no start has no start day). The recount works the start out from the stored
// date once, on the calendar that date was counted on, and keeps it: the late run and a corrected schedule count
// from it, so the dates do not drift and the applicant hears of each real change once.
// The days below are test data, not the 2027 State Council schedule.

const SENT = '2027-09-29';
const NATIONAL_DAY = [1, 2, 3, 4, 5, 6, 7].map((d) => `2027-10-0${String(d)} 休 国庆节`);
const FIRST = [...NATIONAL_DAY, '2027-10-09 班 国庆节调休'].join('\n');
const CORRECTED = [...NATIONAL_DAY, '2027-10-09 班 国庆节调休', '2027-09-30 休 测试假日'].join('\n');
const firstCal = new WorkingDayCalendar(
  FIRST.split('\n').map((l) => ({ date: l.slice(0, 10), work: l.includes('班') })),
);
const correctedCal = new WorkingDayCalendar(
  CORRECTED.split('\n').map((l) => ({ date: l.slice(0, 10), work: l.includes('班') })),
);
const monFri = new WorkingDayCalendar();

let portal: TestZone;
let workbench: Workbench;
let boundary: Boundary;

before(async () => {
  portal = await startApplyZone();
  workbench = await startCaseWorkbench();
  await workbench.database.db.delete(outbox);
  boundary = joinZones(portal, workbench);
  // Wednesday 29 September 2027, 10:00 in Beijing: the year has no schedule yet.
  const to = Date.parse(`${SENT}T02:00:00Z`);
  workbench.advance(to - workbench.services.now().getTime());
  portal.advanceClock(to - portal.services.now().getTime());
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

async function submitCertificate(person: Awaited<ReturnType<typeof verifiedCitizen>>): Promise<string> {
  let page = await start(person.client, 'no-criminal-record-certificate');
  const id = applicationIdOf(page);
  for (const [, fields] of certificatePages(person)) page = await answer(person.client, page, fields);
  const { submitKey, csrf } = await checkPageForm(person.client, id);
  const submitted = await person.client.post(`/applications/${id}/submit`, { submitKey }, { csrf });
  assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 300));
  const [row] = await portal.services.db.select().from(applications).where(eq(applications.id, id));
  assert.ok(row?.caseNumber);
  return row.caseNumber;
}

/** An urging notice as sent before migration 0044: a reply date, no working-day count. */
async function oldUrging(caseNumber: string, replyDueOn: string): Promise<string> {
  const sentAt = workbench.services.now();
  const [row] = await workbench.services.db
    .insert(urgings)
    .values({
      batchId: randomUUID(),
      source: 'case',
      itemRef: caseNumber,
      unitCode: 'SF-ZA',
      unitPath: 'SF-0000/SF-ZA',
      fromUnitCode: 'SF-0000',
      fromUnitPath: 'SF-0000',
      sentBy: '000201',
      message: '请说明进展。',
      round: 1,
      workflowId: URGING_WORKFLOW_ID,
      workflowVersion: 1,
      state: 'awaiting-answer',
      replyDueOn,
      replyDays: null,
      sentAt,
      updatedAt: sentAt,
    })
    .returning();
  assert.ok(row);
  return row.id;
}

const urgingOf = async (id: string) =>
  (await workbench.services.db.select().from(urgings).where(eq(urgings.id, id)))[0];
const letterOf = async (letterNumber: string) =>
  (await workbench.services.db.select().from(letters).where(eq(letters.letterNumber, letterNumber)))[0];
const countOf = async (rows: Promise<unknown[]>) => (await rows).length;

/** What the recount writes, to compare before and after a run that should write nothing. */
async function footprint(caseNumber: string, letterNumber: string, urgingIds: string[], mobile: string) {
  const db = workbench.services.db;
  const row = await findCase(db, caseNumber);
  const letter = await letterOf(letterNumber);
  return {
    case: [row?.dueOn, row?.stateDueOn, row?.dueSince, row?.actionSeq, row?.publicSeq],
    caseLines: await countOf(
      db
        .select()
        .from(caseActions)
        .where(and(eq(caseActions.caseNumber, caseNumber), eq(caseActions.action, 'due-recounted'))),
    ),
    letter: [letter?.dueOn, letter?.dueSince, letter?.seq],
    letterLines: await countOf(
      db
        .select()
        .from(letterActions)
        .where(and(eq(letterActions.letterNumber, letterNumber), eq(letterActions.action, 'due-recounted'))),
    ),
    urgings: await Promise.all(
      urgingIds.map(async (id) => {
        const u = await urgingOf(id);
        return [u?.replyDueOn, u?.replyDays, u?.updatedAt.toISOString()];
      }),
    ),
    audit: await countOf(
      db
        .select()
        .from(auditLog)
        .where(sql`${auditLog.action} LIKE '%.due.recounted'`),
    ),
    texts: await countOf(
      portal.services.db
        .select()
        .from(notifications)
        .where(
          and(eq(notifications.recipient, mobile), eq(notifications.template, 'case.step.due-recounted')),
        ),
    ),
  };
}

/** The job's runs due now, then the messages to the portal, which follows the calendar as its worker does. */
async function recountAndCross(): Promise<void> {
  await workbench.drainJobs();
  await boundary.toPortal();
  await followCalendar(portal);
}

/** The approval's late run, brought forward. */
async function lateRun(): Promise<void> {
  await workbench.services.db.execute(sql`UPDATE jobs SET run_at = now() WHERE queue = ${RECOUNT_QUEUE}`);
  await recountAndCross();
}

test('items stored without their starts are counted once, and kept from drifting on later runs', async () => {
  const person = await verifiedCitizen(portal);
  const caseNumber = await submitCertificate(person);
  await boundary.thereAndBack();
  const clerk = await officerAt(workbench, 'SF-ZA', 'window-clerk');
  await claimAndAct(clerk, caseNumber, 'accept', { message: '予以受理' });
  await boundary.thereAndBack();
  const written = await person.client.post('/interaction/write/consultation', {
    topic: 'household',
    subject: '孩子落户需要什么材料',
    body: '我的孩子刚出生，想问落户需要带哪些材料。',
    publish: 'no',
  });
  assert.equal(written.statusCode, 303, written.body.slice(0, 300));
  const letterNumber = /\/my\/letters\/(XJ-\d{8}-[A-Z2-7]{8})$/.exec(String(written.headers.location))![1]!;
  await boundary.thereAndBack();

  // Counted Monday to Friday; then the starts are taken away, as on items stored before they were kept.
  const accepted = await findCase(workbench.services.db, caseNumber);
  assert.ok(accepted?.dueOn && accepted.dueSince === SENT);
  assert.equal(accepted.dueOn, monFri.addWorkingDays(SENT, accepted.promisedValue));
  assert.equal((await letterOf(letterNumber))?.dueOn, monFri.addWorkingDays(SENT, 3));
  // The certificate is promised in one working day, which no schedule here moves: three make the test.
  const days = 3;
  await workbench.services.db
    .update(cases)
    .set({ dueSince: null, promisedValue: days, dueOn: monFri.addWorkingDays(SENT, days) })
    .where(eq(cases.caseNumber, caseNumber));
  await workbench.services.db
    .update(letters)
    .set({ dueSince: null })
    .where(eq(letters.letterNumber, letterNumber));
  const urging = await oldUrging(caseNumber, monFri.addWorkingDays(SENT, 3));
  assert.equal((await urgingOf(urging))?.replyDueOn, '2027-10-04');
  // One working day: 30 September, on Monday to Friday and on the first schedule alike.
  const unmoved = await oldUrging(caseNumber, '2027-09-30');
  const unmovedAt = (await urgingOf(unmoved))?.updatedAt.toISOString();

  await approve(FIRST);
  await recountAndCross();
  const afterFirst = await footprint(caseNumber, letterNumber, [urging, unmoved], person.mobile);
  assert.equal(afterFirst.case[0], firstCal.addWorkingDays(SENT, days));
  assert.equal(afterFirst.case[2], SENT, 'the start worked out is kept');
  assert.deepEqual(afterFirst.letter.slice(0, 2), ['2027-10-09', SENT]);
  assert.deepEqual(afterFirst.urgings[0]?.slice(0, 2), ['2027-10-09', 3]);
  // A date that stays still gets its count kept, with no change recorded.
  assert.deepEqual(afterFirst.urgings[1], ['2027-09-30', 1, unmovedAt]);
  assert.equal(afterFirst.audit, 3, 'the case, the letter and the urging that moved');
  assert.equal(afterFirst.caseLines, 1);
  assert.equal(afterFirst.letterLines, 1);
  assert.equal(afterFirst.texts, 1, 'the applicant is told once');

  // The late run, and a further one: nothing is written.
  await lateRun();
  assert.deepEqual(await footprint(caseNumber, letterNumber, [urging, unmoved], person.mobile), afterFirst);
  await lateRun();
  assert.deepEqual(await footprint(caseNumber, letterNumber, [urging, unmoved], person.mobile), afterFirst);

  // An urging whose date the first schedule's recount moved without keeping its count (before the fix): at the
  // correction it is worked out on the first schedule, the calendar its date was counted on.
  const movedBefore = await oldUrging(caseNumber, '2027-10-09');

  await approve(CORRECTED);
  await recountAndCross();
  const afterCorrection = await footprint(
    caseNumber,
    letterNumber,
    [urging, unmoved, movedBefore],
    person.mobile,
  );
  assert.equal(correctedCal.addWorkingDays(SENT, 3), '2027-10-11');
  assert.equal(afterCorrection.case[0], correctedCal.addWorkingDays(SENT, days));
  assert.notEqual(afterCorrection.case[0], afterFirst.case[0]);
  assert.deepEqual(afterCorrection.letter.slice(0, 2), ['2027-10-11', SENT]);
  assert.deepEqual(afterCorrection.urgings[0]?.slice(0, 2), ['2027-10-11', 3]);
  // The kept count of one day: 30 September is now off, so 8 October.
  assert.deepEqual(afterCorrection.urgings[1]?.slice(0, 2), ['2027-10-08', 1]);
  assert.deepEqual(afterCorrection.urgings[2]?.slice(0, 2), ['2027-10-11', 3]);
  assert.equal(afterCorrection.caseLines, 2);
  assert.equal(afterCorrection.letterLines, 2);
  assert.equal(afterCorrection.texts, 2, 'told once more, of the correction');
  const [portalCopy] = await portal.services.db
    .select()
    .from(applications)
    .where(eq(applications.caseNumber, caseNumber));
  assert.equal(portalCopy?.dueOn, afterCorrection.case[0]);

  await lateRun();
  assert.deepEqual(
    await footprint(caseNumber, letterNumber, [urging, unmoved, movedBefore], person.mobile),
    afterCorrection,
  );
});
