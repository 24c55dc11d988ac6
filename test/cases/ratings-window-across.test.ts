import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { appointmentBooked } from '../../src/exchange/contracts/index.ts';
import { send } from '../../src/exchange/facade.ts';
import { keyringFrom, startRelay, type Relay } from '../../src/exchange/runtime.ts';
import { outbox } from '../../src/exchange/tables.ts';
import { applications, ratings as portalRatings } from '../../src/portal/db/schema.ts';
import { auditLog, cases, ratings, rectificationOrders } from '../../src/workbench/db/schema.ts';
import { testPublicKeys, type TestZone } from '../helpers/zones.ts';
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

// The window channel the whole way: a certificate applied for in the portal and issued in the workbench; the
// person comes to the counter with the booking made for it, rates on the counter device, and the clerk records
// it by the booking code. It crosses to the portal, which keeps it as the person's one rating (channel window)
// and sends it back; a bad review opens a rectification order at the unit. A second rating is refused, on
// either side once it has come back, and one past the national period is refused at the window.

let portal: TestZone;
let workbench: Workbench;
let relay: Relay;
let clerk: Awaited<ReturnType<typeof officerAt>>;

before(async () => {
  portal = await startApplyZone();
  workbench = await startCaseWorkbench();
  await workbench.database.db.delete(outbox);
  relay = startRelay(
    portal.database.db,
    workbench.database.db,
    keyringFrom(testPublicKeys),
    pino({ level: 'silent' }),
    60_000,
  );
  clerk = await officerAt(workbench, 'SF-ZA', 'window-clerk');
});
after(async () => {
  await relay.stop();
  await Promise.all([portal.close(), workbench.close()]);
});

async function crossBothWays(): Promise<void> {
  await portal.signOutbox();
  await workbench.signOutbox();
  await relay.runOnce();
  await workbench.processInbox();
  await workbench.signOutbox();
  await relay.runOnce();
  await portal.processInbox();
}

const slug = 'no-criminal-record-certificate';

/** A certificate applied for in the portal, accepted, checked, issued and handed over in the workbench. */
async function issuedCertificate() {
  const person = await verifiedCitizen(portal);
  let page = await start(person.client, slug);
  const id = applicationIdOf(page);
  for (const [, fields] of certificatePages(person)) page = await answer(person.client, page, fields);
  const { submitKey, csrf } = await checkPageForm(person.client, id);
  const submitted = await person.client.post(`/applications/${id}/submit`, { submitKey }, { csrf });
  assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 300));
  const [row] = await portal.services.db.select().from(applications).where(eq(applications.id, id));
  const number = row?.caseNumber;
  assert.ok(number);
  await crossBothWays();
  await claimAndAct(clerk, number, 'accept', { message: '材料齐全，予以受理' });
  const reviewer = await officerAt(workbench, 'SF-ZA', 'reviewer');
  await claimAndAct(reviewer, number, 'check');
  await claimAndAct(clerk, number, 'issue');
  await claimAndAct(clerk, number, 'complete');
  await crossBothWays();
  const [finished] = await workbench.database.db.select().from(cases).where(eq(cases.caseNumber, number));
  assert.equal(finished?.state, 'completed');
  return { person, number };
}

let bookingSeq = 0;
/** The booking the person made to collect the certificate at the counter, as the portal announces it. */
async function bookedFor(number: string): Promise<string> {
  const code = `WR${String(++bookingSeq).padStart(6, '0')}`;
  const now = portal.services.now();
  await portal.database.db.transaction((tx) =>
    send(
      tx,
      appointmentBooked,
      {
        code,
        unitCode: 'SF-ZA',
        itemId: slug,
        date: now.toISOString().slice(0, 10),
        start: '09:00',
        end: '10:00',
        name: '林示范',
        idNumberMasked: '3504**********0012',
        details: {},
        caseNumber: number,
        bookedAt: now.toISOString(),
      },
      { stream: `appointment:${code}` },
    ),
  );
  await crossBothWays();
  return code;
}

const windowPage = '/ratings/window';
const record = (fields: Record<string, string>) =>
  clerk.client.post(windowPage, fields, { formUrl: windowPage });

test('a rating recorded at the window by booking code is the person’s one rating, on both sides', async () => {
  const { person, number } = await issuedCertificate();
  const code = await bookedFor(number);

  const recorded = await record({
    number: code.toLowerCase(),
    level: '2',
    reasons: '514',
    comment: '等候太久',
  });
  assert.equal(recorded.statusCode, 303, recorded.body.slice(0, 400));
  // A second one before the first has come back is refused at the window: the first is on its way.
  const twice = await record({ number, level: '5' });
  assert.equal(twice.statusCode, 409);
  assert.match(twice.body, /正在送达门户/);
  const [audited] = await workbench.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'rating.window.recorded'), eq(auditLog.target, `case:${number}`)));
  assert.deepEqual(audited?.detail, { level: 2 });

  await crossBothWays();
  const kept = await portal.database.db
    .select()
    .from(portalRatings)
    .where(eq(portalRatings.subjectNumber, number))
    .then((found) => {
      assert.equal(found.length, 1, 'one rating per case');
      return found[0];
    });
  assert.deepEqual(
    [kept?.channel, kept?.level, kept?.reasons, kept?.comment, kept?.citizenId, kept?.defaulted],
    ['window', 2, ['514'], '等候太久', person.id, false],
  );
  // The person sees it as his own rating, and is not asked again.
  const mine = await person.client.get(`/my/ratings/case/${number}`);
  assert.equal(mine.statusCode, 200);
  assert.match(mine.body, /不满意/);
  assert.doesNotMatch(mine.body, /name="level"/);
  const online = await person.client.post(`/my/ratings/case/${number}`, { level: '5' });
  assert.equal(online.statusCode, 409);

  // The portal's numbered rating comes back.
  await crossBothWays();
  const [back] = await workbench.database.db.select().from(ratings).where(eq(ratings.subjectNumber, number));
  assert.deepEqual([back?.channel, back?.level, back?.unitCode, back?.id], ['window', 2, 'SF-ZA', kept?.id]);
  const [order] = await workbench.database.db
    .select()
    .from(rectificationOrders)
    .where(eq(rectificationOrders.ratingId, back!.id));
  assert.equal(order?.state, 'verifying', 'the bad review opened a rectification order');
  const again = await record({ number: code, level: '5' });
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /该办件已经评价过/);
});

test('past the national period the window refuses the rating instead of sending one the portal drops', async () => {
  const { number } = await issuedCertificate();
  const code = await bookedFor(number);
  workbench.advance(8 * 86_400_000);
  const late = await officerAt(workbench, 'SF-ZA', 'window-clerk');
  const refused = await late.client.post(windowPage, { number: code, level: '4' }, { formUrl: windowPage });
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /评价期限已过/);
  assert.match(refused.body, new RegExp(code));
  const sent = await workbench.database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.stream, `case:${number}`), eq(outbox.type, 'rating.window.recorded')));
  assert.equal(sent.length, 0);
});
