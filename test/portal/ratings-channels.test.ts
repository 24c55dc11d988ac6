import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { caseStatusChanged, ratingWindowRecorded } from '../../src/exchange/contracts/index.ts';
import { outbox, ratings } from '../../src/portal/db/schema.ts';
import { FormClient } from '../helpers/browser-like.ts';
import { lastSmsTo, registerCitizen, type RegisteredCitizen } from '../helpers/citizens.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { deliver, step, submittedCase } from './cases.fixture.ts';

// The other ways in: the finished case's SMS carries a short signed link that rates it without signing in,
// once, until the period ends (a forged or altered link is not there); a rating given at the window arrives
// from the workbench and is kept like any other, marked 'window'.

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
  await deliver(zone, caseStatusChanged, {
    ...step(theCase, 2, 'completed'),
    at: zone.services.now().toISOString(),
  });
  return theCase;
}

const stored = (caseNumber: string) =>
  zone.services.db.select().from(ratings).where(eq(ratings.subjectNumber, caseNumber));
const crossed = (caseNumber: string) =>
  zone.services.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.stream, `case:${caseNumber}`), eq(outbox.type, 'rating.submitted')));

test('the SMS link rates the case without signing in, once; a forged link is not found', async () => {
  const theCase = await finishedCase();
  const sms = await lastSmsTo(zone, me.mobile);
  const path = /https?:\/\/[^/\s]+(\/r\/[A-Za-z0-9._-]+)/.exec(sms)?.[1];
  assert.ok(path, sms);
  const visitor = new FormClient(zone.app);
  const page = await visitor.get(path);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /非常不满意/);
  // Another case's number, or a changed signature, does not open anything.
  const forged = path.replace(/\.([A-Za-z0-9_-])/, (_, c: string) => `.${c === 'a' ? 'b' : 'a'}`);
  assert.equal((await visitor.get(forged)).statusCode, 404);
  const other = path.replace(
    theCase.caseNumber,
    theCase.caseNumber.replace(/\d$/, (d) => String((+d + 1) % 10)),
  );
  assert.equal((await visitor.get(other)).statusCode, 404);

  const bare = await visitor.post(path, { level: '2', comment: '等太久' }, { formUrl: path });
  assert.equal(bare.statusCode, 422);
  assert.match(bare.body, /等太久/);
  const rated = await visitor.post(path, { level: '5', reasons: '501' }, { formUrl: path });
  assert.equal(rated.statusCode, 303);
  const [row] = await stored(theCase.caseNumber);
  assert.deepEqual([row?.channel, row?.level, row?.citizenId], ['sms', 5, me.id]);
  const [message] = await crossed(theCase.caseNumber);
  assert.equal((message?.payload as { channel: string }).channel, 'sms');
  // Used: the page shows the rating and takes no other.
  const again = await visitor.post(path, { level: '1', reasons: '514' }, { formUrl: '/login' });
  assert.equal(again.statusCode, 409);
  assert.equal((await stored(theCase.caseNumber)).length, 1);
});

test('an SMS link past the national period is refused', async () => {
  await finishedCase();
  const path = /(\/r\/[A-Za-z0-9._-]+)/.exec(await lastSmsTo(zone, me.mobile))?.[1];
  assert.ok(path);
  zone.advanceClock(8 * 86_400_000);
  assert.equal((await new FormClient(zone.app).get(path)).statusCode, 410);
});

test('a rating recorded at the window is kept once, marked window, and crosses back', async () => {
  const theCase = await finishedCase();
  const given = {
    subject: { kind: 'case', number: theCase.caseNumber },
    level: 2,
    reasons: ['514'],
    comment: '窗口排队久',
    recordedAt: zone.services.now().toISOString(),
  };
  const handle = zone.inboxHandlers[ratingWindowRecorded.type]!;
  for (const payload of [given, { ...given, level: 5, reasons: ['501'] }])
    await zone.services.db.transaction((tx) =>
      handle(tx, payload, {
        messageId: randomUUID(),
        fromZone: 'workbench',
        stream: `case:${theCase.caseNumber}`,
        seq: 9,
        type: ratingWindowRecorded.type,
        version: 1,
      }),
    );
  const rows = await stored(theCase.caseNumber);
  assert.deepEqual(
    rows.map((r) => [r.channel, r.level]),
    [['window', 2]],
  );
  const messages = await crossed(theCase.caseNumber);
  assert.equal(messages.length, 1);
  assert.equal((messages[0]?.payload as { channel: string }).channel, 'window');
});
