import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { ratingSubmitted, rectificationAnswered, type Contract } from '../../src/exchange/contracts/index.ts';
import { auditLog, letters, rectificationOrders } from '../../src/workbench/db/schema.ts';
import { logIn, makeOfficer, startWorkbench, type Workbench } from './support.ts';

// The workbench side of 好差评: ratings arrive read-only, a bad review's order is worked and closed, the
// supervising unit samples it (never the unit itself), a second appeal changes nothing, and discipline
// inspection sees the bad reviews.

let zone: Workbench;
before(async () => {
  zone = await startWorkbench();
});
after(() => zone.close());

async function deliver(contract: Contract, payload: Record<string, unknown>, stream: string) {
  const handle = zone.inboxHandlers[contract.type];
  assert.ok(handle, contract.type);
  const message = {
    messageId: randomUUID(),
    fromZone: 'portal' as const,
    stream,
    seq: 1,
    type: contract.type,
    version: 1,
  };
  await zone.services.db.transaction((tx) => handle(tx, payload, message));
}

let serial = 0;
async function badReview(level = 2): Promise<{ ratingId: string; orderId: string | undefined }> {
  const now = zone.services.now();
  const letterNumber = `XJ-20261206-RATE${'ABCDEFGH'[serial++]}AAA`;
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
  const payload = {
    ratingId,
    subject: { kind: 'letter', number: letterNumber },
    level,
    reasons: ['514'],
    comment: '态度不好',
    defaulted: false,
    channel: 'web',
    ratedAt: now.toISOString(),
  };
  await deliver(ratingSubmitted, payload, `letter:${letterNumber}`);
  // Redelivered: still one rating and one order.
  await deliver(ratingSubmitted, payload, `letter:${letterNumber}`);
  const orders = await zone.services.db
    .select()
    .from(rectificationOrders)
    .where(eq(rectificationOrders.ratingId, ratingId));
  assert.ok(orders.length <= 1);
  return { ratingId, orderId: orders[0]?.id };
}

const answer = (ratingId: string, value: 'accept' | 'appeal') =>
  deliver(
    rectificationAnswered,
    {
      ratingId,
      subject: { kind: 'letter', number: 'XJ-20261206-AAAAAAAA' },
      answer: value,
      reason: value === 'appeal' ? '不接受' : null,
      answeredAt: zone.services.now().toISOString(),
    },
    'letter:XJ-20261206-AAAAAAAA',
  );

test('a fair rating opens nothing; a bad one is worked, appealed once, closed and sampled from above', async () => {
  assert.equal((await badReview(3)).orderId, undefined);
  const { ratingId, orderId } = await badReview(2);
  assert.ok(orderId);
  const supervisor = await logIn(
    zone,
    await makeOfficer(zone, { unitCode: 'SF-HZ', role: 'supervisor', enrolled: true }),
  );
  const page = `/ratings/orders/${orderId}`;
  const work = async () => {
    for (const action of ['verify', 'fix', 'callback', 'reply'])
      assert.equal(
        (await supervisor.post(`${page}/step`, { action, text: `${action} 记录` }, { formUrl: page }))
          .statusCode,
        303,
      );
  };
  const empty = await supervisor.post(`${page}/step`, { action: 'verify', text: ' ' }, { formUrl: page });
  assert.equal(empty.statusCode, 422);
  await work();
  await answer(ratingId, 'appeal');
  await work();
  // A second appeal (the portal refuses it; should one arrive) changes nothing.
  await answer(ratingId, 'appeal');
  let [order] = await zone.services.db
    .select()
    .from(rectificationOrders)
    .where(eq(rectificationOrders.id, orderId));
  assert.deepEqual([order?.state, order?.round], ['replied', 2]);
  await answer(ratingId, 'accept');
  [order] = await zone.services.db
    .select()
    .from(rectificationOrders)
    .where(eq(rectificationOrders.id, orderId));
  assert.equal(order?.state, 'closed');

  // The unit's own leader may read it but not sample it; the city bureau's may, once.
  const own = await logIn(
    zone,
    await makeOfficer(zone, { unitCode: 'SF-HZ', role: 'approver', enrolled: true }),
  );
  const ownPage = await own.get(page);
  assert.equal(ownPage.statusCode, 200);
  assert.doesNotMatch(ownPage.body, /抽查结论/);
  assert.equal((await own.post(`${page}/sample`, { result: 'checked' }, { formUrl: page })).statusCode, 403);
  const city = await logIn(
    zone,
    await makeOfficer(zone, {
      unitCode: 'SF-0000',
      assignments: [{ role: 'approver', unitCode: 'SF-0000', scope: 'subtree' }],
      enrolled: true,
    }),
  );
  assert.match((await city.get(page)).body, /抽查结论/);
  const sampled = await city.post(
    `${page}/sample`,
    { result: 'unsatisfactory', text: '回访记录不完整' },
    { formUrl: page },
  );
  assert.equal(sampled.statusCode, 303);
  const again = await city.post(`${page}/sample`, { result: 'checked' }, { formUrl: page });
  assert.equal(again.statusCode, 409);
  const audited = await zone.services.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.target, `rectification:${orderId}`));
  assert.ok(audited.some((e) => e.action === 'rectification.sample'));
  assert.ok(audited.some((e) => e.action === 'rectification.appealed'));
});

test('discipline inspection sees the bad reviews; no officer route changes a rating', async () => {
  const { orderId } = await badReview(1);
  const inspector = await logIn(
    zone,
    await makeOfficer(zone, {
      unitCode: 'SF-0000',
      assignments: [{ role: 'discipline-inspector', unitCode: 'SF-0000', scope: 'subtree' }],
      enrolled: true,
    }),
  );
  const view = await inspector.get('/supervision/inspection');
  assert.equal(view.statusCode, 200);
  assert.match(view.body, /差评及整改/);
  assert.ok(view.body.includes(`/ratings/orders/${orderId}`));
  const writes = zone.app.routeList.filter((r) => r.method !== 'GET' && r.url.startsWith('/ratings'));
  assert.deepEqual(writes.map((r) => r.url).sort(), [
    '/ratings/orders/:id/sample',
    '/ratings/orders/:id/set-aside',
    '/ratings/orders/:id/set-aside/decide',
    '/ratings/orders/:id/step',
    // Records the rating a person gives on the counter device; a case already rated refuses another.
    '/ratings/window',
  ]);
});
