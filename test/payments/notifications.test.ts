import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import * as repo from '../../src/portal/payments/payments.repository.ts';
import { refundOrder } from '../../src/portal/payments/payments.refunds.ts';
import { applyGatewayState } from '../../src/portal/payments/payments.service.ts';
import { registerCaseFeeSettlement } from '../../src/portal/payments/payments.inbox.ts';
import { onPayablesSettled } from '../../src/portal/payments/payments.payables.ts';
import { paymentReceipts, paymentRefunds } from '../../src/portal/payments/payments.tables.ts';
import { registerCitizen, type RegisteredCitizen } from '../helpers/citizens.ts';
import { openFee, signedNotification, startPaymentWorld, type PaymentWorld } from './payments.fixture.ts';

// What one notification does to the books, word by word: the order paid, the payable settled and the receipt
// issued together, or nothing at all when the word names another amount, and money taken twice for one payable
// booked back. The orders are made here directly, as the gateway would have them, so each word is the test's.

let world: PaymentWorld;
let me: RegisteredCitizen;
before(async () => {
  world = await startPaymentWorld();
  me = await registerCitizen(world.zone);
});
after(() => world.close());

let orders = 0;

/** A pending order of the payable, as made at the gateway. */
async function pendingOrder(payableId: string, amountFen = 2000): Promise<string> {
  const orderNo = `P2026120700000${String(process.pid % 10_000).padStart(4, '0')}${String(++orders).padStart(3, '0')}`;
  const now = world.zone.services.now();
  await world.zone.services.db.transaction((tx) =>
    repo.insertOrder(tx, {
      orderNo,
      payableId,
      amountFen,
      gatewayOrderId: `GW${orderNo}`,
      payUrl: 'http://gateway.invalid/pay',
      expiresAt: new Date(now.getTime() + 30 * 60_000),
      createdAt: now,
    }),
  );
  return orderNo;
}

async function notifyPaid(orderNo: string, amountFen: number, paidAt = '2026-12-07T02:03:04.000Z') {
  const answer = await world.zone.app.inject({
    method: 'POST',
    url: '/payments/notify',
    ...signedNotification(world.gatewayKey, {
      merchantId: 'SF-PSB',
      orderNo,
      gatewayOrderId: `GW${orderNo}`,
      status: 'paid',
      amountFen,
      paidAt,
    }),
  });
  assert.equal(answer.statusCode, 200, answer.body);
  return (answer.json() as { outcome: string }).outcome;
}

const db = () => world.zone.services.db;
const receiptsOf = (payableId: string) =>
  db().select().from(paymentReceipts).where(eq(paymentReceipts.payableId, payableId));

describe('a paid notification', () => {
  test('pays the order, settles the payable and issues its receipt at the reported time, once', async () => {
    const fee = await openFee(world.zone, me.id);
    const orderNo = await pendingOrder(fee.id);
    assert.equal(await notifyPaid(orderNo, 2000), 'paid');
    assert.equal(await notifyPaid(orderNo, 2000), 'already-paid');

    const order = await repo.orderByNo(db(), orderNo);
    assert.deepEqual(
      [order?.status, order?.paidVia, order?.paidAt?.toISOString()],
      ['paid', 'notification', '2026-12-07T02:03:04.000Z'],
    );
    const payable = await repo.payableById(db(), fee.id);
    assert.deepEqual([payable?.status, payable?.paidOrderNo], ['paid', orderNo]);
    const receipts = await receiptsOf(fee.id);
    assert.equal(receipts.length, 1);
    assert.deepEqual(
      [receipts[0]?.receiptNo, receipts[0]?.orderNo, receipts[0]?.amountFen, receipts[0]?.description],
      [`PJ${orderNo.slice(1)}`, orderNo, 2000, fee.description],
    );
    assert.equal(receipts[0]?.paidAt.toISOString(), '2026-12-07T02:03:04.000Z');
    assert.match(receipts[0]?.verificationCode ?? '', /^[A-Z2-7]{26}$/);
  });

  test('of another amount moves nothing and is alarmed; the right amount then pays', async () => {
    const fee = await openFee(world.zone, me.id);
    const orderNo = await pendingOrder(fee.id);
    assert.equal(await notifyPaid(orderNo, 1999), 'amount-differs');
    assert.equal((await repo.orderByNo(db(), orderNo))?.status, 'pending');
    assert.equal((await repo.payableById(db(), fee.id))?.status, 'due');
    assert.equal((await receiptsOf(fee.id)).length, 0);
    const alarms = (await repo.alarms(db())).filter((a) => a.detail.orderNo === orderNo);
    assert.deepEqual(
      alarms.map((a) => [a.kind, a.detail.expected, a.detail.reported]),
      [['amount-differs', 2000, 1999]],
    );
    assert.equal(await notifyPaid(orderNo, 2000), 'paid');
    assert.equal((await repo.payableById(db(), fee.id))?.status, 'paid');
  });

  test('for a second order of a payable already paid books that money back and counts the first', async () => {
    const fee = await openFee(world.zone, me.id);
    const first = await pendingOrder(fee.id);
    const second = await pendingOrder(fee.id);
    assert.equal(await notifyPaid(first, 2000), 'paid');
    assert.equal(await notifyPaid(second, 2000), 'paid');
    assert.equal(await notifyPaid(second, 2000), 'already-paid');

    assert.equal((await repo.payableById(db(), fee.id))?.paidOrderNo, first);
    assert.equal((await repo.orderByNo(db(), second))?.status, 'paid');
    assert.deepEqual(
      (await receiptsOf(fee.id)).map((r) => r.orderNo),
      [first],
    );
    const refunds = await db().select().from(paymentRefunds).where(eq(paymentRefunds.orderNo, second));
    assert.deepEqual(
      refunds.map((r) => [r.reason, r.amountFen]),
      [['duplicate-payment', 2000]],
    );
    const alarms = (await repo.alarms(db())).filter((a) => a.detail.orderNo === second);
    assert.deepEqual(
      alarms.map((a) => a.kind),
      ['paid-twice'],
    );
  });
});

/** A paid word handed to the settlement directly, in the caller's order; a second payment is booked back. */
async function handOver(orderNo: string, amountFen: number): Promise<string> {
  const result = await applyGatewayState(
    world.zone.services,
    { orderNo, gatewayOrderId: `GW${orderNo}`, status: 'paid', amountFen, paidAt: null },
    'notification',
  );
  if (result.duplicatePayment)
    await refundOrder(world.zone.services, world.runtime, result.duplicatePayment, 'duplicate-payment');
  return result.outcome;
}

describe('paid notifications arriving together', () => {
  // Words that arrive while others are being written go together in one batch: each must do exactly what it
  // would have done alone, in the order they came, and be answered with its own outcome.
  // `ordered`: the words are handed over in this order, so the one that counts is known.
  async function scenario(notifyAll: (words: [string, number][]) => Promise<string[]>, ordered: boolean) {
    const first = await openFee(world.zone, me.id);
    const twice = await openFee(world.zone, me.id);
    const wrong = await openFee(world.zone, me.id);
    const firstOrder = await pendingOrder(first.id);
    const [twiceA, twiceB] = [await pendingOrder(twice.id), await pendingOrder(twice.id)];
    const wrongOrder = await pendingOrder(wrong.id);
    const unknown = `P20261207${String(process.pid).padStart(9, '9')}${String(++orders).padStart(3, '0')}`;

    const outcomes = await notifyAll([
      [firstOrder, 2000],
      [twiceA, 2000],
      [firstOrder, 2000],
      [twiceB, 2000],
      [wrongOrder, 1500],
      [unknown, 2000],
      [firstOrder, 2000],
    ]);

    // One of the three words for the first order paid it; the others found it paid.
    assert.deepEqual([outcomes[0], outcomes[2], outcomes[6]].sort(), [
      'already-paid',
      'already-paid',
      'paid',
    ]);
    assert.deepEqual(outcomes.slice(4, 6), ['amount-differs', 'unknown-order']);
    assert.deepEqual([outcomes[1], outcomes[3]], ['paid', 'paid']);

    assert.equal((await repo.payableById(db(), first.id))?.paidOrderNo, firstOrder);
    assert.deepEqual(
      (await receiptsOf(first.id)).map((r) => r.orderNo),
      [firstOrder],
    );
    // Both orders of one payable were paid: one counts, with its receipt; the other's money goes back.
    const counted = (await repo.payableById(db(), twice.id))?.paidOrderNo;
    const other = counted === twiceA ? twiceB : twiceA;
    assert.ok(counted === twiceA || counted === twiceB);
    if (ordered) {
      assert.equal(counted, twiceA, 'the first to arrive counts');
      assert.equal(outcomes[0], 'paid');
    }
    assert.deepEqual(
      (await receiptsOf(twice.id)).map((r) => r.orderNo),
      [counted],
    );
    assert.equal((await repo.orderByNo(db(), other))?.status, 'paid');
    const refunds = await db().select().from(paymentRefunds).where(eq(paymentRefunds.orderNo, other));
    assert.deepEqual(
      refunds.map((r) => [r.reason, r.amountFen]),
      [['duplicate-payment', 2000]],
    );
    assert.equal(
      (await db().select().from(paymentRefunds).where(eq(paymentRefunds.orderNo, counted!))).length,
      0,
    );

    assert.equal((await repo.orderByNo(db(), wrongOrder))?.status, 'pending');
    assert.equal((await repo.payableById(db(), wrong.id))?.status, 'due');
    const alarms = await repo.alarms(db());
    assert.deepEqual(
      alarms
        .filter((a) => [other, wrongOrder, unknown].includes(String(a.detail.orderNo)))
        .map((a) => [a.kind, a.detail.orderNo])
        .sort(),
      [
        ['amount-differs', wrongOrder],
        ['paid-twice', other],
        ['unknown-order', unknown],
      ].sort(),
    );
  }

  test('posted at once, each does what it would alone: paid once, repeats already paid, a second payment booked back', () =>
    scenario(
      (words) => Promise.all(words.map(([orderNo, amountFen]) => notifyPaid(orderNo, amountFen))),
      false,
    ));

  test('in one batch, each does what it would alone', () =>
    // Handed over without waiting: the first is written alone; the others wait for it and go together, up to
    // the first order's second word, which starts the batch after.
    scenario(
      (words) => Promise.all(words.map(([orderNo, amountFen]) => handOver(orderNo, amountFen))),
      true,
    ));

  test('a later word never overtakes an earlier one held back: the payable counts the order paid first', async () => {
    const lead = await openFee(world.zone, me.id);
    const fee = await openFee(world.zone, me.id);
    const leadOrder = await pendingOrder(lead.id);
    const [a, b] = [await pendingOrder(fee.id), await pendingOrder(fee.id)];
    // While the lead is written, A's wrong amount, A's right one and B's wait; one at a time, A pays the fee.
    const outcomes = await Promise.all([
      handOver(leadOrder, 2000),
      handOver(a, 1999),
      handOver(a, 2000),
      handOver(b, 2000),
    ]);
    assert.deepEqual(outcomes, ['paid', 'amount-differs', 'paid', 'paid']);
    assert.equal((await repo.payableById(db(), fee.id))?.paidOrderNo, a);
    assert.deepEqual(
      (await receiptsOf(fee.id)).map((r) => r.orderNo),
      [a],
    );
    const refunds = await db().select().from(paymentRefunds).where(eq(paymentRefunds.orderNo, b));
    assert.deepEqual(
      refunds.map((r) => r.reason),
      ['duplicate-payment'],
    );
  });

  test('a word its batch cannot take fails alone; the others in the batch are written', async () => {
    const [lead, good, bad] = [
      await openFee(world.zone, me.id),
      await openFee(world.zone, me.id),
      await openFee(world.zone, me.id),
    ];
    const orders = [await pendingOrder(lead.id), await pendingOrder(good.id), await pendingOrder(bad.id)];
    // What follows a settlement fails for one payable (its consequence could not be recorded).
    onPayablesSettled('case-fee', async (_tx, payables) => {
      if (payables.some((p) => p.id === bad.id)) throw new Error('settlement hook refused');
    });
    try {
      const paid = (orderNo: string) =>
        applyGatewayState(
          world.zone.services,
          { orderNo, gatewayOrderId: null, status: 'paid', amountFen: 2000, paidAt: null },
          'notification',
        ).then((r) => r.outcome);
      const results = await Promise.allSettled(orders.map(paid));
      assert.deepEqual(
        results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
        ['paid', 'paid', 'settlement hook refused'],
      );
      assert.equal((await repo.payableById(db(), good.id))?.status, 'paid');
      assert.equal((await receiptsOf(good.id)).length, 1);
      // Nothing of the refused word stays: the gateway, answered with an error, will send it again.
      assert.equal((await repo.orderByNo(db(), orders[2]!))?.status, 'pending');
      assert.equal((await repo.payableById(db(), bad.id))?.status, 'due');
      assert.equal((await receiptsOf(bad.id)).length, 0);
    } finally {
      registerCaseFeeSettlement();
    }
  });
});
