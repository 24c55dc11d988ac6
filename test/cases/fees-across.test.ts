import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import * as payments from '../../src/portal/payments/payments.repository.ts';
import { paymentRefunds } from '../../src/portal/payments/payments.tables.ts';
import { feeOf } from '../../src/workbench/case-fees/case-fees.repository.ts';
import { findCase, historyOf } from '../../src/workbench/cases/cases.repository.ts';
import { officerAt, step } from '../workbench/cases.support.ts';
import { acceptedCase, assessed, crossBothWays, paid, startFeeWorld, type FeeWorld } from './fees.support.ts';

// A case waits while its fee is due and goes on once the portal reports it paid; the applicant sees the fee
// on the case with 去缴费, and the paid state after.

let world: FeeWorld;
before(async () => {
  world = await startFeeWorld();
});
after(() => world.close());

describe('a case waits for its fee', () => {
  test('assessed by the holder, due on both sides, paid in the portal, and the case goes on', async () => {
    const c = await acceptedCase(world);
    const fee = await assessed(world, c);
    assert.deepEqual([fee.amountFen, fee.status, fee.payeeUnit], [2000, 'due', 'SF-ZA']);

    // The workbench: 待缴费 in the queue and on the case; a second assessment is refused.
    const queue = await c.clerk.client.json('GET', '/cases');
    const listed = (queue.json() as { cases: { caseNumber: string; feeDue: boolean }[] }).cases.find(
      (x) => x.caseNumber === c.number,
    );
    assert.equal(listed?.feeDue, true);
    const queuePage = await c.clerk.client.get('/cases');
    assert.match(queuePage.body, /待缴费/);
    const again = await step(c.reviewer, c.number, 'fee', { name: '再收一次', amount: '5' });
    assert.equal(again.statusCode, 409);

    // The case is checked, but the result waits for the fee: 出证 is refused and not offered.
    assert.equal((await step(c.reviewer, c.number, 'actions/check')).statusCode, 200);
    assert.equal((await step(c.clerk, c.number, 'claim')).statusCode, 200);
    const early = await step(c.clerk, c.number, 'actions/issue');
    assert.equal(early.statusCode, 409, early.body);
    const held = await c.clerk.client.get(`/cases/${c.number}`);
    assert.match(held.body, /待缴费/);
    assert.doesNotMatch(held.body, /actions\/issue/);

    // The portal: the fee on the case, with 去缴费 leading to the pay flow.
    await crossBothWays(world);
    const due = await c.person.client.get(`/my/cases/${c.number}`);
    assert.match(due.body, /待缴费/);
    assert.match(due.body, /去缴费/);
    assert.ok(due.body.includes(`/my/payments/${fee.id}`));

    const order = await paid(world, c.person, fee.id);
    await crossBothWays(world);
    const booked = await feeOf(world.workbench.services.db, c.number);
    assert.deepEqual([booked?.status, booked?.orderNo, booked?.paidFen], ['paid', order.orderNo, 2000]);
    const history = (await historyOf(world.workbench.services.db, c.number)).map((h) => h.action);
    assert.ok(history.includes('fee-assessed') && history.includes('fee-paid'), history.join());

    const issued = await step(c.clerk, c.number, 'actions/issue');
    assert.equal(issued.statusCode, 200, issued.body);
    assert.equal((await findCase(world.workbench.services.db, c.number))?.state, 'result-issued');
    const shown = await c.person.client.get(`/my/cases/${c.number}`);
    assert.match(shown.body, /已缴费/);
    assert.doesNotMatch(shown.body, /去缴费/);
  });

  test('an amount that is not money is refused on the form with what was typed', async () => {
    const c = await acceptedCase(world);
    const url = `/cases/${c.number}`;
    const answer = await c.reviewer.client.post(
      `${url}/fee`,
      { name: '工本费', amount: '12.345' },
      { formUrl: url },
    );
    assert.equal(answer.statusCode, 422);
    assert.match(answer.body, /请填写收费金额/);
    assert.match(answer.body, /value="12\.345"/);
    assert.equal(await feeOf(world.workbench.services.db, c.number), undefined);
  });
});

describe('a paid fee goes back when the case ends without its result', () => {
  async function refundOf(orderNo: string) {
    return world.pay.zone.services.db
      .select()
      .from(paymentRefunds)
      .where(eq(paymentRefunds.orderNo, orderNo));
  }

  async function expectRefunded(
    c: { person: { client: { get(url: string): Promise<{ body: string }> } }; number: string },
    orderNo: string,
    amountFen: number,
  ) {
    await world.pay.zone.drainJobs();
    const refunds = await refundOf(orderNo);
    assert.deepEqual(
      refunds.map((r) => [r.amountFen, r.status]),
      [[amountFen, 'done']],
    );
    const atGateway = world.pay.sandbox.store.byOrderNo('SF-PSB', orderNo);
    assert.equal(world.pay.sandbox.store.refunded(atGateway!), amountFen);
    const onCase = await c.person.client.get(`/my/cases/${c.number}`);
    assert.match(onCase.body, /已退款/);
    const list = await c.person.client.get('/my/payments');
    assert.match(list.body, /已退款/);
  }

  test('refused after payment: refunded in full, once, and the applicant sees 已退款', async () => {
    const c = await acceptedCase(world);
    const fee = await assessed(world, c, '35.50');
    const order = await paid(world, c.person, fee.id);
    await crossBothWays(world);
    assert.equal((await step(c.reviewer, c.number, 'release')).statusCode, 200);
    const approver = await officerAt(world.workbench, 'SF-ZA', 'approver');
    assert.equal((await step(approver, c.number, 'claim')).statusCode, 200);
    const refused = await step(approver, c.number, 'actions/refuse', {
      message: '经核查不符合出具条件',
      legalBasis: '《示范办法》第三条',
    });
    assert.equal(refused.statusCode, 200, refused.body);
    await crossBothWays(world);
    await expectRefunded(c, order.orderNo, 3550);
    // The step delivered again (a redelivery) books nothing more.
    await crossBothWays(world);
    await world.pay.zone.drainJobs();
    assert.equal((await refundOf(order.orderNo)).length, 1);
  });

  test('withdrawn after payment: refunded; a fee still due on a withdrawn case can no longer be paid', async () => {
    const c = await acceptedCase(world);
    const fee = await assessed(world, c);
    const order = await paid(world, c.person, fee.id);
    await crossBothWays(world);
    const asked = await c.person.client.post(`/my/cases/${c.number}/withdraw`, { reason: '不再需要' });
    assert.equal(asked.statusCode, 303, asked.body.slice(0, 300));
    await crossBothWays(world);
    assert.equal((await findCase(world.workbench.services.db, c.number))?.state, 'withdrawn');
    await expectRefunded(c, order.orderNo, 2000);

    const unpaid = await acceptedCase(world);
    const due = await assessed(world, unpaid);
    const gone = await unpaid.person.client.post(`/my/cases/${unpaid.number}/withdraw`, {
      reason: '不再需要',
    });
    assert.equal(gone.statusCode, 303);
    await crossBothWays(world);
    const cancelled = await payments.payableById(world.pay.zone.services.db, due.id);
    assert.equal(cancelled?.status, 'cancelled');
    const page = await unpaid.person.client.get(`/my/payments/${due.id}`);
    assert.doesNotMatch(page.body, /缴费 ¥20\.00/);
  });
});
