import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { outbox } from '../../src/exchange/tables.ts';
import { applications, letters as portalLetters } from '../../src/portal/db/schema.ts';
import { auditLog } from '../../src/shared/audit/audit.tables.ts';
import { WorkingDayCalendar } from '../../src/shared/calendar/working-days.ts';
import { caseActions } from '../../src/workbench/cases/cases.tables.ts';
import { findCase } from '../../src/workbench/cases/cases.repository.ts';
import { RECOUNT_QUEUE } from '../../src/workbench/holidays/holidays.recount.ts';
import { decideSchedule, enterSchedule } from '../../src/workbench/holidays/holidays.service.ts';
import { letterActions, letters } from '../../src/workbench/letters/letters.tables.ts';
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

// Due dates counted into 2027 before its holiday schedule existed were counted Monday to Friday and marked so.
// Once a schedule is approved, a job counts every open item's dates again from their starts: the dates move, the
// marks go, the history says why, and the portal's copies follow through the exchange. A closed case keeps its
// dates; a second run changes nothing; a schedule approved later for the same year counts them again.
// The days below are test data, not the 2027 State Council schedule.

const DAY = '2026-12-31';
const NOTE_ZH = '按周一至周五推算，节假日安排未录入';

/** Whether a page says something, without printing the whole page when it does not. */
const says = (body: string, re: RegExp | string) =>
  typeof re === 'string' ? body.includes(re) : re.test(body);

let portal: TestZone;
let workbench: Workbench;
let boundary: Boundary;

before(async () => {
  portal = await startApplyZone();
  workbench = await startCaseWorkbench();
  await workbench.database.db.delete(outbox);
  boundary = joinZones(portal, workbench);
  // Thursday 31 December 2026, 10:00 in Beijing: any working day later is in 2027.
  const to = Date.parse('2026-12-31T02:00:00Z');
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

const historyOf = (caseNumber: string) =>
  workbench.services.db
    .select()
    .from(caseActions)
    .where(and(eq(caseActions.caseNumber, caseNumber), eq(caseActions.action, 'due-recounted')));
const letterHistoryOf = (letterNumber: string) =>
  workbench.services.db
    .select()
    .from(letterActions)
    .where(and(eq(letterActions.letterNumber, letterNumber), eq(letterActions.action, 'due-recounted')));
const letterDue = async (letterNumber: string) =>
  (await workbench.services.db.select().from(letters).where(eq(letters.letterNumber, letterNumber)))[0]
    ?.dueOn;
const portalCase = async (caseNumber: string) =>
  (await portal.services.db.select().from(applications).where(eq(applications.caseNumber, caseNumber)))[0];

/** The job's runs due now, then the messages to the portal, which follows the calendar as its worker does. */
async function recountAndCross(): Promise<void> {
  await workbench.drainJobs();
  await boundary.toPortal();
  await followCalendar(portal);
}

test('an approved schedule moves estimated due dates on both sides, once, with the reason in the history', async () => {
  const person = await verifiedCitizen(portal);
  const open = await submitCertificate(person);
  const other = await verifiedCitizen(portal);
  const closed = await submitCertificate(other);
  await boundary.thereAndBack();
  const clerk = await officerAt(workbench, 'SF-ZA', 'window-clerk');
  await claimAndAct(clerk, open, 'accept', { message: '予以受理' });
  await claimAndAct(clerk, closed, 'accept', { message: '予以受理' });
  await boundary.thereAndBack();
  const withdrawn = await other.client.post(`/my/cases/${closed}/withdraw`, { reason: '不再需要' });
  assert.equal(withdrawn.statusCode, 303, withdrawn.body.slice(0, 300));
  await boundary.thereAndBack();

  const letter = await person.client.post('/interaction/write/consultation', {
    topic: 'household',
    subject: '孩子落户需要什么材料',
    body: '我的孩子刚出生，想问落户需要带哪些材料。',
    publish: 'no',
  });
  assert.equal(letter.statusCode, 303, letter.body.slice(0, 300));
  const letterNumber = /\/my\/letters\/(XJ-\d{8}-[A-Z2-7]{8})$/.exec(String(letter.headers.location))![1]!;
  await boundary.thereAndBack();

  // Before: counted Monday to Friday, and marked so on both sides.
  const monFri = new WorkingDayCalendar();
  const before = await findCase(workbench.services.db, open);
  assert.ok(before?.dueOn && before.dueSince === DAY, 'the start of the limit is kept');
  assert.ok(before.dueOn >= '2027-01-01', before.dueOn);
  assert.equal(before.dueOn, monFri.addWorkingDays(DAY, before.promisedValue));
  const closedBefore = await findCase(workbench.services.db, closed);
  assert.ok(closedBefore?.closed && closedBefore.dueOn);
  assert.equal(await letterDue(letterNumber), monFri.addWorkingDays(DAY, 3));
  assert.equal((await portalCase(open))?.dueOn, before.dueOn);
  assert.ok(says((await person.client.get(`/my/cases/${open}`)).body, NOTE_ZH), `/my/cases/${open}`);
  assert.ok(
    says((await person.client.get(`/my/letters/${letterNumber}`)).body, NOTE_ZH),
    `/my/letters/${letterNumber}`,
  );

  await approve('2027-01-01 休 元旦');
  await recountAndCross();

  const withHoliday = new WorkingDayCalendar([{ date: '2027-01-01', work: false }]);
  const after = await findCase(workbench.services.db, open);
  const expected = withHoliday.addWorkingDays(DAY, before.promisedValue);
  assert.notEqual(expected, before.dueOn);
  assert.equal(after?.dueOn, expected);
  assert.equal(
    after?.stateDueOn,
    withHoliday.addWorkingDays(DAY, 5) < expected ? withHoliday.addWorkingDays(DAY, 5) : expected,
  );
  const lines = await historyOf(open);
  assert.equal(lines.length, 1);
  assert.match(
    lines[0]!.reason ?? '',
    new RegExp(`2027年节假日安排已批准.*${before.dueOn} 调整为 ${expected}`),
  );
  assert.equal(lines[0]!.fromState, lines[0]!.toState, 'the state stays');
  const audited = await workbench.services.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'case.due.recounted'), eq(auditLog.target, `case:${open}`)));
  assert.equal(audited.length, 1);
  // The closed case keeps what it had.
  assert.equal((await findCase(workbench.services.db, closed))?.dueOn, closedBefore.dueOn);
  assert.equal((await historyOf(closed)).length, 0);
  // The letter: three working days, 1 January off.
  assert.equal(await letterDue(letterNumber), '2027-01-06');
  assert.match((await letterHistoryOf(letterNumber))[0]?.text ?? '', /2027-01-05 调整为 2027-01-06/);

  // The portal's copies followed, and the marks are gone.
  assert.equal((await portalCase(open))?.dueOn, expected);
  const page = await person.client.get(`/my/cases/${open}`);
  assert.ok(!says(page.body, NOTE_ZH), 'the mark is gone');
  assert.ok(says(page.body, /办理时限已重新计算/), '/办理时限已重新计算/');
  const [portalLetter] = await portal.services.db
    .select()
    .from(portalLetters)
    .where(eq(portalLetters.letterNumber, letterNumber));
  assert.equal(portalLetter?.dueOn, '2027-01-06');
  const letterPage = await person.client.get(`/my/letters/${letterNumber}`);
  assert.ok(!says(letterPage.body, NOTE_ZH), 'the mark is gone');
  assert.ok(says(letterPage.body, /答复期限已重新计算/), '/答复期限已重新计算/');

  // The run after every instance has followed finds nothing more to do.
  await workbench.services.db.execute(sql`UPDATE jobs SET run_at = now() WHERE queue = ${RECOUNT_QUEUE}`);
  await recountAndCross();
  assert.equal((await historyOf(open)).length, 1);
  assert.equal((await letterHistoryOf(letterNumber)).length, 1);

  // A correction of the year counts again, from the same starts.
  await approve('2027-01-01 休 元旦\n2027-01-04 休 测试假日');
  await recountAndCross();
  const corrected = new WorkingDayCalendar([
    { date: '2027-01-01', work: false },
    { date: '2027-01-04', work: false },
  ]);
  assert.equal(
    (await findCase(workbench.services.db, open))?.dueOn,
    corrected.addWorkingDays(DAY, before.promisedValue),
  );
  assert.equal(await letterDue(letterNumber), '2027-01-07');
  assert.equal((await historyOf(open)).length, 2);
  assert.equal((await letterHistoryOf(letterNumber)).length, 2);
  assert.equal((await portalCase(open))?.dueOn, corrected.addWorkingDays(DAY, before.promisedValue));
  assert.equal((await findCase(workbench.services.db, closed))?.dueOn, closedBefore.dueOn);
});
