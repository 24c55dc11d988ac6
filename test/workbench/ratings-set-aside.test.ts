import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq, like } from 'drizzle-orm';
import { ratingSubmitted } from '../../src/exchange/contracts/index.ts';
import { auditLog, letters, ratings, rectificationOrders } from '../../src/workbench/db/schema.ts';
import { logIn, makeOfficer, startWorkbench, type Workbench } from './support.ts';

// Setting a malicious rating aside: proposed with a reason and evidence, decided by a second person of a unit
// above (never the proposer, never the unit's own leader), audited; the rating stays, marked, and leaves the
// figures.

let zone: Workbench;
before(async () => {
  zone = await startWorkbench();
});
after(() => zone.close());

let serial = 0;
async function badReview(channel: 'web' | 'window' | 'sms' = 'web') {
  const now = zone.services.now();
  const letterNumber = `XJ-20261206-SETA${'ABCDEFGH'[serial++]}AAA`;
  await zone.services.db.insert(letters).values({
    letterNumber,
    kind: 'consultation',
    topic: 'household',
    subject: '咨询',
    body: '内容',
    publishAllowed: false,
    anonymous: true,
    unitCode: 'SF-HZ',
    unitPath: 'SF-0000/SF-HZ',
    workflowId: 'letter',
    workflowVersion: 1,
    state: 'replied',
    receivedAt: now,
    updatedAt: now,
  });
  const ratingId = randomUUID();
  const handle = zone.inboxHandlers[ratingSubmitted.type]!;
  const stream = `letter:${letterNumber}`;
  const payload = {
    ratingId,
    subject: { kind: 'letter', number: letterNumber },
    level: 1,
    reasons: ['514'],
    comment: '辱骂',
    defaulted: false,
    channel,
    ratedAt: now.toISOString(),
  };
  const message = {
    messageId: randomUUID(),
    fromZone: 'portal' as const,
    stream,
    seq: 1,
    type: ratingSubmitted.type,
    version: 1,
  };
  await zone.services.db.transaction((tx) => handle(tx, payload, message));
  const [order] = await zone.services.db
    .select()
    .from(rectificationOrders)
    .where(eq(rectificationOrders.ratingId, ratingId));
  return { ratingId, orderId: order!.id };
}

const city = (role: 'approver' | 'supervisor') =>
  makeOfficer(zone, {
    unitCode: 'SF-0000',
    assignments: [{ role, unitCode: 'SF-0000', scope: 'subtree' }],
    enrolled: true,
  });

test('a set-aside needs a second person of a unit above; the proposer and the unit’s own leader are refused', async () => {
  const { ratingId, orderId } = await badReview();
  const page = `/ratings/orders/${orderId}`;
  // The proposer also leads the city bureau: he still may not decide his own proposal.
  const proposer = await logIn(
    zone,
    await makeOfficer(zone, {
      unitCode: 'SF-HZ',
      assignments: [
        { role: 'supervisor', unitCode: 'SF-HZ', scope: 'unit' },
        { role: 'approver', unitCode: 'SF-0000', scope: 'subtree' },
      ],
      enrolled: true,
    }),
  );
  const missing = await proposer.post(
    `${page}/set-aside`,
    { reason: '辱骂民警', evidence: ' ' },
    { formUrl: page },
  );
  assert.equal(missing.statusCode, 422);
  assert.match(missing.body, /辱骂民警/, 'the form keeps what was typed');
  const proposed = await proposer.post(
    `${page}/set-aside`,
    { reason: '评价内容辱骂民警，与办理无关', evidence: '录音编号 2026-118' },
    { formUrl: page },
  );
  assert.equal(proposed.statusCode, 303);
  const twice = await proposer.post(
    `${page}/set-aside`,
    { reason: '再次', evidence: '再次' },
    { formUrl: page },
  );
  assert.equal(twice.statusCode, 409);
  const own = await proposer.post(
    `${page}/set-aside/decide`,
    { decision: 'approve', note: '同意' },
    { formUrl: page },
  );
  assert.equal(own.statusCode, 403);

  const unitLeader = await logIn(
    zone,
    await makeOfficer(zone, { unitCode: 'SF-HZ', role: 'approver', enrolled: true }),
  );
  const ownUnit = await unitLeader.post(
    `${page}/set-aside/decide`,
    { decision: 'approve', note: '同意' },
    { formUrl: page },
  );
  assert.equal(ownUnit.statusCode, 403);

  let [rating] = await zone.services.db.select().from(ratings).where(eq(ratings.id, ratingId));
  assert.equal(rating?.setAside, false);

  const leader = await logIn(zone, await city('approver'));
  assert.match((await leader.get(page)).body, /审核结论/);
  const decided = await leader.post(
    `${page}/set-aside/decide`,
    { decision: 'approve', note: '证据充分' },
    { formUrl: page },
  );
  assert.equal(decided.statusCode, 303);
  [rating] = await zone.services.db.select().from(ratings).where(eq(ratings.id, ratingId));
  assert.equal(rating?.setAside, true);
  // The rating stays, marked; its level and comment are unchanged.
  assert.deepEqual([rating?.level, rating?.comment], [1, '辱骂']);
  const shown = await leader.get(page);
  assert.match(shown.body, /已认定为恶意评价，不计入统计/);
  assert.match(shown.body, /证据充分/);
  const again = await leader.post(
    `${page}/set-aside/decide`,
    { decision: 'reject', note: '再议' },
    { formUrl: page },
  );
  assert.equal(again.statusCode, 409);

  const audited = await zone.services.db
    .select()
    .from(auditLog)
    .where(like(auditLog.target, 'rating-set-aside:%'));
  assert.ok(audited.some((e) => e.action === 'rating.set_aside.proposed'));
  assert.ok(audited.some((e) => e.action === 'rating.set_aside.approved'));
});

test('a rejected proposal keeps the rating in the figures; set-aside ones leave them; channels are counted apart', async () => {
  const rejected = await badReview('window');
  await badReview('sms');
  const proposer = await logIn(
    zone,
    await makeOfficer(zone, { unitCode: 'SF-HZ', role: 'supervisor', enrolled: true }),
  );
  const page = `/ratings/orders/${rejected.orderId}`;
  await proposer.post(`${page}/set-aside`, { reason: '恶意', evidence: '无' }, { formUrl: page });
  const leader = await logIn(zone, await city('approver'));
  const refused = await leader.post(
    `${page}/set-aside/decide`,
    { decision: 'reject', note: '证据不足' },
    { formUrl: page },
  );
  assert.equal(refused.statusCode, 303);
  const [rating] = await zone.services.db.select().from(ratings).where(eq(ratings.id, rejected.ratingId));
  assert.equal(rating?.setAside, false);

  const supervisor = await logIn(zone, await city('supervisor'));
  const csv = await supervisor.get('/statistics/units/SF-0000?format=csv&table=ratings');
  assert.equal(csv.statusCode, 200);
  const lines = csv.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  const row = (label: string) => lines.find((l) => l.startsWith(label))?.split(',');
  // The first test's web rating was set aside: none counted online, one taken out.
  assert.deepEqual(row('网上')?.slice(1), ['0', '', '0', '0', '1']);
  assert.deepEqual(row('窗口')?.slice(1), ['1', '1', '1', '0', '0']);
  assert.deepEqual(row('短信链接')?.slice(1), ['1', '1', '1', '0', '0']);
  assert.deepEqual(row('合计')?.slice(1), ['2', '1', '2', '0', '1']);
  assert.match((await supervisor.get('/statistics/units/SF-0000')).body, /好差评（按评价渠道）/);
});
