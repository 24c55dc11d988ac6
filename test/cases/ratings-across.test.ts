import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { outbox } from '../../src/exchange/tables.ts';
import { ratings as portalRatings } from '../../src/portal/db/schema.ts';
import { scheduleRatingDefaults } from '../../src/portal/ratings/ratings.defaults.ts';
import { ratings, rectificationOrders } from '../../src/workbench/db/schema.ts';
import { FormClient } from '../helpers/browser-like.ts';
import { registerCitizen, type RegisteredCitizen } from '../helpers/citizens.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { logIn, makeOfficer, startWorkbench, type Workbench } from '../workbench/support.ts';

// 好差评 the whole way: a letter answered in the workbench is rated in the portal; a bad review opens a
// rectification order at the unit that answered it, whose reply comes back; the writer appeals once and then
// can only accept. A letter left unrated past the period gets the default rating, which opens nothing.

let portal: TestZone;
let workbench: Workbench;
let boundary: Boundary;
let writer: RegisteredCitizen;
let handler: FormClient;
let supervisor: FormClient;

before(async () => {
  portal = await startTestZone('portal');
  workbench = await startWorkbench();
  await workbench.database.db.delete(outbox);
  boundary = joinZones(portal, workbench);
  writer = await registerCitizen(portal);
  handler = await logIn(
    workbench,
    await makeOfficer(workbench, { unitCode: 'SF-HZ', role: 'letter-handler', enrolled: true }),
  );
  supervisor = await logIn(
    workbench,
    await makeOfficer(workbench, { unitCode: 'SF-HZ', role: 'supervisor', enrolled: true }),
  );
});
after(async () => {
  await boundary.close();
});

const crossBothWays = () => boundary.thereAndBack();

/** A consultation written in the portal and answered by the unit it reached (the household office). */
async function answeredLetter(subject: string): Promise<string> {
  const sent = await writer.client.post('/interaction/write/consultation', {
    topic: 'household',
    subject,
    body: '孩子落户需要什么材料？',
    publish: 'no',
  });
  const number = /(XJ-\d{8}-[A-Z2-7]{8})$/.exec(String(sent.headers.location))?.[1];
  assert.ok(number, sent.body.slice(0, 300));
  await crossBothWays();
  const page = `/letters/${number}`;
  assert.equal((await handler.post(`${page}/claim`, {}, { formUrl: page })).statusCode, 303);
  const replied = await handler.post(`${page}/reply`, { text: '请携带户口簿办理。' }, { formUrl: page });
  assert.equal(replied.statusCode, 303);
  await crossBothWays();
  return number;
}

const orderOf = async (number: string) => {
  const [rating] = await workbench.database.db
    .select()
    .from(ratings)
    .where(eq(ratings.subjectNumber, number));
  assert.ok(rating, 'the rating reached the workbench');
  const [order] = await workbench.database.db
    .select()
    .from(rectificationOrders)
    .where(eq(rectificationOrders.ratingId, rating.id));
  return { rating, order };
};

async function workTheOrder(id: string, reply: string) {
  const page = `/ratings/orders/${id}`;
  for (const [action, text] of [
    ['verify', '经核实，窗口答复不够清楚。'],
    ['fix', '已统一答复口径。'],
    ['callback', '已电话回访。'],
    ['reply', reply],
  ] as const) {
    const done = await supervisor.post(`${page}/step`, { action, text }, { formUrl: page });
    assert.equal(done.statusCode, 303, `${action}: ${done.body.slice(0, 300)}`);
  }
}

test('a bad review opens an order; the reply comes back; one appeal, then only acceptance', async () => {
  const number = await answeredLetter('落户材料咨询');
  const list = await writer.client.get('/my/letters');
  assert.ok(list.body.includes(`href="/my/ratings/letter/${number}"`), 'the list offers 评价');

  const url = `/my/ratings/letter/${number}`;
  const form = await writer.client.get(url);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /非常不满意/);
  // A bad review needs a reason; what was typed stays.
  const bare = await writer.client.post(url, { level: '1', comment: '答复太简单' });
  assert.equal(bare.statusCode, 422);
  assert.match(bare.body, /请至少选择一项不满意的原因/);
  assert.match(bare.body, /答复太简单/);
  // A good-review reason does not go with a bad level.
  assert.equal((await writer.client.post(url, { level: '1', reasons: '501' })).statusCode, 422);
  const rated = await writer.client.post(url, { level: '1', reasons: '515', comment: '答复太简单' });
  assert.equal(rated.statusCode, 303);
  // One rating only: a second is refused and the first stands.
  const again = await writer.client.post(url, { level: '5' }, { formUrl: '/my/letters' });
  assert.equal(again.statusCode, 409);

  await crossBothWays();
  const { rating, order } = await orderOf(number);
  assert.deepEqual(
    [rating.level, rating.reasons, rating.defaulted, rating.unitCode],
    [1, ['515'], false, 'SF-HZ'],
  );
  assert.ok(order);
  assert.equal(order.state, 'verifying');
  assert.ok(order.dueOn, 'the first step has its deadline');
  const todo = await supervisor.get('/');
  assert.match(todo.body, /待办的差评整改工单/);
  // The leader reads the order but does not work it; the letter handler does not even see it.
  const handlerPage = await handler.get(`/ratings/orders/${order.id}`);
  assert.equal(handlerPage.statusCode, 403);

  // Steps in order only: replying before verifying is refused.
  const early = await supervisor.post(
    `/ratings/orders/${order.id}/step`,
    { action: 'reply', text: '已整改' },
    { formUrl: `/ratings/orders/${order.id}` },
  );
  assert.equal(early.statusCode, 409);
  await workTheOrder(order.id, '已改进答复方式，感谢监督。');
  await crossBothWays();

  const replyPage = await writer.client.get(url);
  assert.match(replyPage.body, /已改进答复方式/);
  const appealed = await writer.client.post(
    `${url}/answer`,
    { answer: 'appeal', reason: '仍未说明材料清单' },
    { formUrl: url },
  );
  assert.equal(appealed.statusCode, 303);
  await crossBothWays();
  const reopened = (await orderOf(number)).order!;
  assert.deepEqual([reopened.state, reopened.round], ['verifying', 2]);

  await workTheOrder(order.id, '已书面告知完整材料清单。');
  await crossBothWays();
  const secondReply = await writer.client.get(url);
  assert.match(secondReply.body, /已书面告知完整材料清单/);
  assert.doesNotMatch(secondReply.body, /value="appeal"/);
  const twice = await writer.client.post(
    `${url}/answer`,
    { answer: 'appeal', reason: '还是不满意' },
    { formUrl: url },
  );
  assert.equal(twice.statusCode, 409);
  assert.match(twice.body, /只能申诉一次/);
  const accepted = await writer.client.post(`${url}/answer`, { answer: 'accept' }, { formUrl: url });
  assert.equal(accepted.statusCode, 303);
  await crossBothWays();
  assert.equal((await orderOf(number)).order?.state, 'closed');
  // The rating itself never changed.
  const [kept] = await portal.database.db
    .select()
    .from(portalRatings)
    .where(eq(portalRatings.subjectNumber, number));
  assert.deepEqual([kept?.level, kept?.appealed, kept?.accepted], [1, true, true]);
});

test('a letter not rated within the period gets the default rating, marked, and no order', async () => {
  const number = await answeredLetter('出入境咨询');
  await scheduleRatingDefaults(portal.services);
  await portal.drainJobs();
  assert.equal(
    (await portal.database.db.select().from(portalRatings).where(eq(portalRatings.subjectNumber, number)))
      .length,
    0,
    'still within the period',
  );
  portal.advanceClock(8 * 86_400_000);
  await scheduleRatingDefaults(portal.services);
  await portal.drainJobs();
  const [defaulted] = await portal.database.db
    .select()
    .from(portalRatings)
    .where(eq(portalRatings.subjectNumber, number));
  assert.deepEqual([defaulted?.level, defaulted?.defaulted], [4, true]);
  // The session ended while the clock moved on: sign in again.
  const client = new FormClient(portal.app);
  assert.equal(
    (await client.post('/login', { mobile: writer.mobile, password: writer.password })).statusCode,
    303,
  );
  const page = await client.get(`/my/ratings/letter/${number}`);
  assert.match(page.body, /期限内未评价，系统默认/);
  assert.doesNotMatch(page.body, /name="level"/);
  await crossBothWays();
  const { rating, order } = await orderOf(number);
  assert.deepEqual([rating.level, rating.defaulted], [4, true]);
  assert.equal(order, undefined);
});
