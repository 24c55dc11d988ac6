import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { caseStatusChanged } from '../../src/exchange/contracts/index.ts';
import { applications } from '../../src/portal/applications/applications.tables.ts';
import { registerCitizen } from '../helpers/citizens.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { deliver, step, submittedCase } from './cases.fixture.ts';

// 我的办件: a time limit ending in a year without a holiday schedule was counted on Monday to Friday, and the
// citizen is told so beside the date (page and API), until the schedule arrives from the workbench.

const NOTE_ZH = '按周一至周五推算，节假日安排未录入';
const NOTE_EN = 'estimated on Monday to Friday: the holiday schedule is not entered yet';

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal');
});
after(() => zone.close());

test('a due date in a year the calendar does not cover is flagged on the case page and in the list', async () => {
  const person = await registerCitizen(zone);
  const theCase = await submittedCase(zone, person.id);
  await deliver(zone, caseStatusChanged, step(theCase, 1, 'submitted'));
  await deliver(zone, caseStatusChanged, step(theCase, 2, 'accepted'));
  const url = `/my/cases/${theCase.caseNumber}`;
  await zone.services.db
    .update(applications)
    .set({ dueOn: '2026-12-30' })
    .where(eq(applications.id, theCase.id));
  const covered = await person.client.get(url);
  assert.equal(covered.statusCode, 200);
  assert.doesNotMatch(covered.body, new RegExp(NOTE_ZH));

  await zone.services.db
    .update(applications)
    .set({ dueOn: '2027-01-11' })
    .where(eq(applications.id, theCase.id));
  const page = await person.client.get(url);
  assert.match(
    page.body,
    new RegExp(`2027年1月11日（剩余 \\d+ 个工作日）<span class="muted due-estimated">（${NOTE_ZH}）`),
  );
  assert.match((await person.client.get(`${url}?lang=en`)).body, new RegExp(NOTE_EN));
  assert.match((await person.client.get('/my/cases')).body, new RegExp(NOTE_ZH));
  const api = await person.client.json('GET', `/api/v1${url}`);
  assert.equal((api.json() as { dueEstimated: boolean }).dueEstimated, true);
  const list = await person.client.json('GET', '/api/v1/my/cases');
  assert.deepEqual(
    (list.json() as { items: { dueEstimated: boolean }[] }).items.map((i) => i.dueEstimated),
    [true],
  );

  zone.services.calendar.replaceOverrides([{ date: '2027-01-01', work: false }]);
  try {
    assert.doesNotMatch((await person.client.get(url)).body, new RegExp(NOTE_ZH));
  } finally {
    zone.services.calendar.replaceOverrides([]);
  }
});
