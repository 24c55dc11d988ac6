import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../src/shared/audit/audit.tables.ts';
import { queueRecount } from '../../src/workbench/holidays/holidays.recount.ts';
import { reloadCalendar } from '../../src/workbench/holidays/holidays.service.ts';
import { holidayScheduleDays, holidaySchedules } from '../../src/workbench/holidays/holidays.tables.ts';
import { urgings } from '../../src/workbench/supervision/supervision.tables.ts';
import { cases } from '../../src/workbench/cases/cases.tables.ts';
import { letters } from '../../src/workbench/letters/letters.tables.ts';
import { startCaseWorkbench } from './cases.support.ts';
import { caseAt, setClock, signedIn } from './supervision.support.ts';
import { logIn, makeOfficer, type Workbench } from './support.ts';

// A due date in a year with neither package data nor an approved holiday schedule was counted on Monday to
// Friday: the case and letter pages say so beside it, and say nothing when the year is covered.

const NOTE_ZH = '按周一至周五推算，节假日安排未录入';
const NOTE_EN = 'estimated on Monday to Friday: the holiday schedule is not entered yet';

let zone: Workbench;
before(async () => {
  zone = await startCaseWorkbench();
  setClock(zone, '2026-12-08T02:00:00Z');
});
after(async () => zone.close());

test('the case page flags a due date in a year the calendar does not cover', async () => {
  const { client } = await signedIn(zone, 'SF-D01-P01', 'reviewer', 'unit');
  const covered = await caseAt(zone, 'SF-D01-P01', { since: '2026-12-07', due: '2026-12-14' });
  await zone.services.db.update(cases).set({ dueOn: '2026-12-28' }).where(eq(cases.caseNumber, covered));
  const plain = await client.get(`/cases/${covered}`);
  assert.equal(plain.statusCode, 200);
  assert.doesNotMatch(plain.body, new RegExp(NOTE_ZH));

  const guessed = await caseAt(zone, 'SF-D01-P01', { since: '2026-12-07', due: '2026-12-30' });
  await zone.services.db.update(cases).set({ dueOn: '2027-01-12' }).where(eq(cases.caseNumber, guessed));
  const page = await client.get(`/cases/${guessed}`);
  assert.equal(page.statusCode, 200);
  // The step's due date is covered, the overall one is not: one note, beside the second date.
  assert.equal(page.body.split(NOTE_ZH).length - 1, 1);
  assert.match(page.body, new RegExp(`2027-01-12<span class="muted due-estimated">（${NOTE_ZH}）`));

  await zone.services.db.update(cases).set({ stateDueOn: '2027-01-05' }).where(eq(cases.caseNumber, guessed));
  const both = await client.get(`/cases/${guessed}?lang=en`);
  assert.equal(both.body.split(NOTE_EN).length - 1, 2);
});

test('the letter page flags a due date in a year the calendar does not cover', async () => {
  const handler = await makeOfficer(zone, { unitCode: 'SF-D01-P01', role: 'letter-handler', enrolled: true });
  const client = await logIn(zone, handler);
  const letterAt = async (letterNumber: string, dueOn: string) => {
    const receivedAt = new Date('2026-12-07T04:00:00Z');
    await zone.services.db.insert(letters).values({
      letterNumber,
      kind: 'complaint',
      topic: 'household',
      subject: '办证太慢',
      body: '材料交了很久没有消息。',
      publishAllowed: false,
      anonymous: true,
      unitCode: 'SF-D01-P01',
      unitPath: 'SF-0000/SF-D01/SF-D01-P01',
      workflowId: 'letter',
      workflowVersion: 1,
      state: 'open-complex',
      dueOn,
      receivedAt,
      updatedAt: receivedAt,
    });
    return letterNumber;
  };
  const covered = await letterAt('XJ-20261207-ESTDUEAA', '2026-12-29');
  const plain = await client.get(`/letters/${covered}`);
  assert.equal(plain.statusCode, 200, plain.body.slice(0, 300));
  assert.doesNotMatch(plain.body, new RegExp(NOTE_ZH));

  const guessed = await letterAt('XJ-20261207-ESTDUEAB', '2027-01-06');
  assert.match((await client.get(`/letters/${guessed}`)).body, new RegExp(NOTE_ZH));
  assert.match((await client.get(`/letters/${guessed}?lang=en`)).body, new RegExp(NOTE_EN));

  // Once the year's schedule is in force the same date is no longer a guess.
  zone.services.calendar.replaceOverrides([{ date: '2027-01-01', work: false }]);
  try {
    assert.doesNotMatch((await client.get(`/letters/${guessed}`)).body, new RegExp(NOTE_ZH));
  } finally {
    zone.services.calendar.replaceOverrides([]);
  }
});

test('the case queue, the letter queue, the supervision list and the urgings flag such dates too', async () => {
  setClock(zone, '2026-12-29T02:00:00Z');
  const station = await signedIn(zone, 'SF-D01-P01', 'reviewer', 'unit');
  const guessed = await caseAt(zone, 'SF-D01-P01', { since: '2026-12-07', due: '2027-01-05' });
  const covered = await caseAt(zone, 'SF-D01-P01', { since: '2026-12-07', due: '2026-12-18' });
  const queue = (await station.client.get('/cases')).body;
  const rowOf = (body: string, ref: string) =>
    body.slice(body.indexOf(ref), body.indexOf('</tr>', body.indexOf(ref)));
  assert.ok(rowOf(queue, guessed).includes(NOTE_ZH), 'the case queue marks the guessed date');
  assert.ok(!rowOf(queue, covered).includes(NOTE_ZH), 'and not the covered one');

  const handler = await makeOfficer(zone, { unitCode: 'SF-D01-P01', role: 'letter-handler', enrolled: true });
  const letterQueue = (await (await logIn(zone, handler)).get('/letters')).body;
  assert.ok(rowOf(letterQueue, 'XJ-20261207-ESTDUEAB').includes(NOTE_ZH), 'the letter queue marks it');
  assert.ok(!rowOf(letterQueue, 'XJ-20261207-ESTDUEAA').includes(NOTE_ZH));

  const district = await signedIn(zone, 'SF-D01', 'supervisor', 'subtree');
  const list = (await district.client.get('/supervision/units/SF-D01/cases')).body;
  assert.ok(rowOf(list, guessed).includes(NOTE_ZH), 'the supervision list marks it');
  assert.ok(!rowOf(list, covered).includes(NOTE_ZH));

  // Sent on Tuesday 29 December for three working days: Monday to Friday gives 1 January, a guess.
  const sent = await district.client.json(
    'POST',
    '/supervision/units/SF-D01/urge',
    { cases: [guessed], replyDays: '3', message: '请说明进展。' },
    district.token,
  );
  assert.equal(sent.statusCode, 200, sent.body);
  const [urged] = (JSON.parse(sent.body) as { urged: { id: string }[] }).urged;
  assert.ok(urged);
  const [stored] = await zone.services.db.select().from(urgings).where(eq(urgings.id, urged.id));
  assert.deepEqual([stored?.replyDueOn, stored?.replyDays], ['2027-01-01', 3]);
  const clerk = await signedIn(zone, 'SF-D01-P01', 'window-clerk', 'unit');
  assert.ok(rowOf((await clerk.client.get('/urgings')).body, guessed).includes(NOTE_ZH), 'the urgings list');
  assert.ok((await clerk.client.get(`/urgings/${urged.id}`)).body.includes(NOTE_ZH), 'the urging page');

  // The year's schedule is approved: the reply date is counted again (1 January off), the marks go.
  const [schedule] = await zone.services.db
    .insert(holidaySchedules)
    .values({
      year: 2027,
      workflowId: 'holiday-schedule',
      workflowVersion: 1,
      state: 'approved',
      source: '测试',
      enteredBy: 'x',
      enteredAt: zone.services.now(),
      updatedAt: zone.services.now(),
    })
    .returning();
  await zone.services.db
    .insert(holidayScheduleDays)
    .values({ scheduleId: schedule!.id, year: 2027, date: '2027-01-01', work: false, name: '元旦' });
  await zone.services.db.transaction((tx) => queueRecount(tx, { id: schedule!.id, year: 2027 }));
  await zone.drainJobs();
  await reloadCalendar(zone.services);
  try {
    const [after] = await zone.services.db.select().from(urgings).where(eq(urgings.id, urged.id));
    assert.equal(after?.replyDueOn, '2027-01-04');
    const [audited] = await zone.services.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'supervision.urging.due.recounted'),
          eq(auditLog.target, `urging:${urged.id}`),
        ),
      );
    assert.ok(audited, 'the change is audited');
    assert.ok(!(await clerk.client.get('/urgings')).body.includes(NOTE_ZH));
    assert.ok(!rowOf((await station.client.get('/cases')).body, guessed).includes(NOTE_ZH));
  } finally {
    zone.services.calendar.replaceOverrides([]);
  }
});
