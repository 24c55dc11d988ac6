import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { caseStatusChanged } from '../../src/exchange/contracts/index.ts';
import { outbox, ratings } from '../../src/portal/db/schema.ts';
import { scheduleRatingDefaults } from '../../src/portal/ratings/ratings.defaults.ts';
import { FormClient } from '../helpers/browser-like.ts';
import { registerCitizen, type RegisteredCitizen } from '../helpers/citizens.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { deliver, step, submittedCase } from './cases.fixture.ts';

// Rating a finished case in the portal: offered only once it is finished, once, crossing on the case's own
// stream; a case left unrated past the period gets the default, marked as such.

let zone: TestZone;
let me: RegisteredCitizen;
before(async () => {
  zone = await startTestZone('portal');
  me = await registerCitizen(zone);
});
after(() => zone.close());

async function finishedCase() {
  const theCase = await submittedCase(zone, me.id);
  await deliver(zone, caseStatusChanged, step(theCase, 1, 'accepted'));
  return theCase;
}

const crossed = (caseNumber: string) =>
  zone.services.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.stream, `case:${caseNumber}`), eq(outbox.type, 'rating.submitted')));

test('a case is rated once it is finished, once, and the rating crosses on the case stream', async () => {
  const theCase = await finishedCase();
  const url = `/my/ratings/case/${theCase.caseNumber}`;
  const early = await me.client.post(url, { level: '5' });
  assert.equal(early.statusCode, 409);
  assert.match(early.body, /尚未办结/);
  await deliver(zone, caseStatusChanged, step(theCase, 2, 'completed'));
  const list = await me.client.get('/my/cases');
  assert.ok(list.body.includes(`href="${url}"`), 'the list offers 评价');
  assert.ok(
    list.body.includes(`<span class="visually-hidden">办件${theCase.caseNumber}</span>`),
    'the link names the case it rates',
  );
  const en = await me.client.get(`${url}?lang=en`);
  assert.match(en.body, /Very satisfied/);
  assert.match(en.body, /<h1>Rate<\/h1>/, 'the form asks to rate');
  const rated = await me.client.post(url, { level: '5', reasons: '502', comment: '很快' });
  assert.equal(rated.statusCode, 303);
  // Once given, the page's title and heading say it is the citizen's rating, no longer asking for one.
  const given = await me.client.get(url);
  assert.match(given.body, new RegExp(`<title>您的评价 ${theCase.caseNumber} - `));
  assert.match(given.body, /<h1>您的评价<\/h1>/);
  assert.match((await me.client.get(`${url}?lang=en`)).body, /<h1>Your rating<\/h1>/);
  const [message] = await crossed(theCase.caseNumber);
  const payload = message?.payload as Record<string, unknown>;
  assert.deepEqual([payload.level, payload.reasons, payload.defaulted], [5, ['502'], false]);
  assert.equal((await me.client.post(url, { level: '1', reasons: '511' }, { formUrl: url })).statusCode, 409);
  assert.equal((await crossed(theCase.caseNumber)).length, 1);
});

test('a finished case left unrated past the period gets the default rating, marked', async () => {
  const theCase = await finishedCase();
  await deliver(zone, caseStatusChanged, step(theCase, 2, 'refused'));
  zone.advanceClock(10 * 86_400_000);
  await scheduleRatingDefaults(zone.services);
  await zone.drainJobs();
  const [row] = await zone.services.db
    .select()
    .from(ratings)
    .where(eq(ratings.subjectNumber, theCase.caseNumber));
  assert.deepEqual([row?.level, row?.defaulted, row?.reasons], [4, true, []]);
  const [message] = await crossed(theCase.caseNumber);
  assert.equal((message?.payload as { defaulted: boolean }).defaulted, true);
  const client = new FormClient(zone.app);
  await client.post('/login', { mobile: me.mobile, password: me.password });
  const page = await client.get(`/my/ratings/case/${theCase.caseNumber}`);
  assert.match(page.body, /期限内未评价，系统默认/);
  assert.match(page.body, /<h1>默认评价<\/h1>/);
});
