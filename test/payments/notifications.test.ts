import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import * as repo from '../../src/portal/payments/payments.repository.ts';
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
