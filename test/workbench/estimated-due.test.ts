import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
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
  const covered = await letterAt('XJ-20261207-EST001', '2026-12-29');
  const plain = await client.get(`/letters/${covered}`);
  assert.equal(plain.statusCode, 200, plain.body.slice(0, 300));
  assert.doesNotMatch(plain.body, new RegExp(NOTE_ZH));

  const guessed = await letterAt('XJ-20261207-EST002', '2027-01-06');
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
