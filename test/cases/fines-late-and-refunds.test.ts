import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import * as payments from '../../src/portal/payments/payments.repository.ts';
import { paymentOrders } from '../../src/portal/payments/payments.tables.ts';
import { decisionDocumentOf } from '../../src/portal/traffic/traffic.repository.ts';
import { todayInShanghai, WorkingDayCalendar } from '../../src/shared/calendar/working-days.ts';
import { auditLog } from '../../src/shared/audit/audit-log.ts';
import { feeOf } from '../../src/workbench/case-fees/case-fees.repository.ts';
import { bookFeeRefund } from '../../src/workbench/finance/finance.income.ts';
import { incomeOn } from '../../src/workbench/finance/finance.repository.ts';
import { feeIncomeLines, feeRefundLines } from '../../src/workbench/finance/finance.tables.ts';
import {
  trafficDecisionDocuments,
  trafficViolationCopies as portalViolations,
} from '../../src/portal/traffic/traffic.tables.ts';
import { trafficViolations } from '../../src/workbench/traffic/traffic.tables.ts';
import { clickAtCheckout } from '../payments/payments.fixture.ts';
import { acceptedCase, assessed, crossBothWays, paid, startFeeWorld, type FeeWorld } from './fees.support.ts';
import { lookedUp, ownerWithViolations, policeRecord, type Owner } from './traffic-fines.support.ts';

// Late-payment surcharges on traffic fines (加处罚款) through both zones, the decision document and its
// verification page, and a refunded case fee coming off the departments' income in the police zone.

const DAY_MS = 86_400_000;

/**
 * 10:00 Beijing time on the first day from tomorrow on whose own day and the days 1, 2, 5 and 47 before it are
 * working days, so each fine's period below ends on the day the test says (a period ending on a day off would
 * run on to the next working day) whatever day the suite runs.
 */
function plainWorkingDay(from: Date): Date {
  const calendar = new WorkingDayCalendar();
  for (let ahead = 1; ; ahead++) {
    const day = new Date(`${todayInShanghai(new Date(from.getTime() + ahead * DAY_MS))}T10:00:00+08:00`);
    const back = (n: number) => todayInShanghai(new Date(day.getTime() - n * DAY_MS));
    if ([0, 1, 2, 5, 47].every((n) => calendar.isWorkingDay(back(n)))) return day;
  }
}

let world: FeeWorld;
before(async () => {
  world = await startFeeWorld();
  const ahead = plainWorkingDay(new Date()).getTime() - Date.now();
  world.pay.zone.advanceClock(ahead);
  world.workbench.advance(ahead);
});
after(() => world.close());

/**
 * Accepts the decision, then dates it `daysAgo` days back in the police zone's record (as if made then) and
 * looks up again, so the portal holds the decision's time as the police zone now sends it.
 */
async function decidedDaysAgo(owner: Owner, id: string, daysAgo: number) {
  const url = `/my/traffic/violations/${id}`;
  const sent = await owner.person.client.post(`${url}/accept`, { confirm: 'yes' }, { formUrl: url });
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 400));
  await crossBothWays(world);
  await redated(owner, id, daysAgo);
}

/** Dates an accepted decision `daysAgo` days back in the police zone's record and looks up again. */
async function redated(owner: Owner, id: string, daysAgo: number) {
  const decidedAt = new Date(world.workbench.services.now().getTime() - daysAgo * DAY_MS);
  await world.workbench.services.db
    .update(trafficViolations)
    .set({ decidedAt })
    .where(eq(trafficViolations.id, id));
  await lookedUp(world, owner);
}

/** Pays the fine at today's amount and returns that order. */
async function payFine(owner: Owner, payableId: string) {
  const url = `/my/payments/${payableId}`;
  const made = await owner.person.client.post(`${url}/pay`, {}, { formUrl: url });
  assert.equal(made.statusCode, 303, made.body.slice(0, 300));
  const [order] = await world.pay.zone.services.db
    .select()
    .from(paymentOrders)
    .where(and(eq(paymentOrders.payableId, payableId), eq(paymentOrders.status, 'pending')));
  assert.ok(order?.payUrl);
  await clickAtCheckout(order.payUrl, 'pay');
  await world.pay.sandbox.notifier.runDue();
  await crossBothWays(world);
  return order;
}

const fineDecidedAt = async (id: string) =>
  (await world.pay.zone.services.db.select().from(portalViolations).where(eq(portalViolations.id, id)))[0]
    ?.decidedAt;

const fineOf = async (id: string) =>
  (await payments.payableOf(world.pay.zone.services.db, 'traffic-fine', id))!;

describe('加处罚款: a fine paid late', () => {
  test('paid on the 15th day: the fine alone; on the 16th: 3% more, shown first, recorded by the police', async () => {
    const owner = await ownerWithViolations(world);
    await lookedUp(world, owner);
    const [red, parked] = owner.violations;
    await decidedDaysAgo(owner, red, 15);
    await decidedDaysAgo(owner, parked, 16);

    // Day 15: the last day without a surcharge; the page says so and asks ¥200.00.
    const onTime = await owner.person.client.get(`/my/traffic/violations/${red}`);
    assert.match(onTime.body, /缴款期限/);
    assert.match(onTime.body, new RegExp(todayInShanghai(world.pay.zone.services.now())));
    assert.doesNotMatch(onTime.body, /逾期 \d+ 日/);
    assert.match(onTime.body, /今日缴纳应缴[\s\S]*?¥200\.00/);
    const redFine = await fineOf(red);
    const redOrder = await payFine(owner, redFine.id);
    assert.equal(redOrder.amountFen, 20_000);
    const redRecord = await policeRecord(world, red);
    assert.deepEqual([redRecord?.state, redRecord?.paidFen, redRecord?.surchargeFen], ['paid', 20_000, 0]);

    // Day 16: ¥150 and 3% of it (¥4.50), shown on the violation and on the payment page before paying.
    const late = await owner.person.client.get(`/my/traffic/violations/${parked}`);
    assert.match(late.body, /加处罚款[\s\S]*?¥4\.50（逾期 1 日）/);
    assert.match(late.body, /今日缴纳应缴[\s\S]*?¥154\.50/);
    const parkedFine = await fineOf(parked);
    const payPage = await owner.person.client.get(`/my/payments/${parkedFine.id}`);
    assert.match(payPage.body, /加处罚款/);
    assert.match(payPage.body, /缴费 ¥154\.50/);
    const parkedOrder = await payFine(owner, parkedFine.id);
    assert.deepEqual([parkedOrder.amountFen, parkedOrder.surchargeFen], [15_450, 450]);
    const settled = await fineOf(parked);
    assert.deepEqual([settled.status, settled.amountFen, settled.surchargeFen], ['paid', 15_450, 450]);
    const receipt = await payments.receiptOfPayable(world.pay.zone.services.db, settled.id);
    assert.equal(receipt?.amountFen, 15_450);
    assert.match(receipt?.description.zh ?? '', /含加处罚款¥4\.50/);

    // The police zone keeps the fine and the surcharge apart, and audits the payment with it.
    const record = await policeRecord(world, parked);
    assert.deepEqual([record?.state, record?.paidFen, record?.surchargeFen], ['paid', 15_450, 450]);
    const [entry] = await world.workbench.services.db
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'traffic.fine.paid'), eq(auditLog.target, `traffic-violation:${parked}`)),
      );
    assert.equal((entry?.detail as { surchargeFen?: number } | undefined)?.surchargeFen, 450);
  });

  test('never more than the fine: 62 days after the decision it asks twice the fine', async () => {
    const owner = await ownerWithViolations(world, '钱示范');
    await lookedUp(world, owner);
    const [red] = owner.violations;
    await decidedDaysAgo(owner, red, 62);
    const page = await owner.person.client.get(`/my/traffic/violations/${red}`);
    assert.match(page.body, /加处罚款[\s\S]*?¥200\.00（逾期 47 日）/);
    assert.match(page.body, /今日缴纳应缴[\s\S]*?¥400\.00/);
  });

  test('the surcharge stays when the portal no longer holds the violation (a vehicle sold): the decision says it', async () => {
    const owner = await ownerWithViolations(world, '孙示范');
    await lookedUp(world, owner);
    const [red] = owner.violations;
    await decidedDaysAgo(owner, red, 20);
    // The document was kept at the first answer naming the decision; date it as the record now is.
    const decidedAt = (await fineDecidedAt(red))!;
    await world.pay.zone.services.db
      .update(trafficDecisionDocuments)
      .set({ decidedAt })
      .where(eq(trafficDecisionDocuments.violationId, red));
    await world.pay.zone.services.db.delete(portalViolations).where(eq(portalViolations.id, red));
    const order = await payFine(owner, (await fineOf(red)).id);
    assert.deepEqual([order.amountFen, order.surchargeFen], [23_000, 3_000], '5 days late: 3% of ¥200 a day');
  });
});

describe('我的缴费 lists a late fine at what it asks today', () => {
  test('before any order, and after an order made on an earlier day asked less', async () => {
    const owner = await ownerWithViolations(world, '吴示范');
    await lookedUp(world, owner);
    const [, parked] = owner.violations;
    await decidedDaysAgo(owner, parked, 16);
    const listed = async () => {
      const page = await owner.person.client.get('/my/payments');
      assert.equal(page.statusCode, 200);
      return page.body;
    };
    // ¥150 and one day's 3%, though the fine was opened at ¥150.
    assert.match(await listed(), /¥154\.50<br\/><small>含加处罚款 ¥4\.50<\/small>/);

    // An order made yesterday asked ¥154.50; today, a day later, the fine asks ¥159.00.
    const fine = await fineOf(parked);
    const url = `/my/payments/${fine.id}`;
    assert.equal((await owner.person.client.post(`${url}/pay`, {}, { formUrl: url })).statusCode, 303);
    assert.equal((await fineOf(parked)).amountFen, 15_450, "the order asked a day's surcharge");
    await redated(owner, parked, 17);
    const body = await listed();
    assert.match(body, /¥159\.00<br\/><small>含加处罚款 ¥9\.00<\/small>/);
    assert.doesNotMatch(body, /¥154\.50/);
    const english = await owner.person.client.get('/my/payments?lang=en');
    assert.match(english.body, /¥159\.00<br\/><small>incl\. late surcharge ¥9\.00<\/small>/);
  });
});

describe('处罚决定书', () => {
  test('the owner downloads the decision PDF; its code verifies publicly without the owner; others get 404', async () => {
    const owner = await ownerWithViolations(world, '孙示范');
    const other = await ownerWithViolations(world, '周示范');
    await lookedUp(world, owner);
    await lookedUp(world, other);
    const [red, parked] = owner.violations;
    const url = `/my/traffic/violations/${red}`;
    assert.equal((await owner.person.client.get(`${url}/decision.pdf`)).statusCode, 404, 'not decided yet');
    await decidedDaysAgo(owner, red, 0);

    const page = await owner.person.client.get(url);
    assert.ok(page.body.includes(`${url}/decision.pdf`));
    const pdf = await owner.person.client.get(`${url}/decision.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const again = await owner.person.client.get(`${url}/decision.pdf`);
    assert.ok(again.rawPayload.equals(pdf.rawPayload), 'the same decision gives the same file');
    const englishPdf = await owner.person.client.get(`${url}/decision.pdf?lang=en`);
    assert.equal(englishPdf.statusCode, 200);
    assert.ok(!englishPdf.rawPayload.equals(pdf.rawPayload), 'an English rendering');
    assert.match(englishPdf.rawPayload.toString('latin1'), /\/Lang \(en\)/);
    assert.equal((await other.person.client.get(`${url}/decision.pdf`)).statusCode, 404);
    assert.equal(
      (await owner.person.client.get(`/my/traffic/violations/${parked}/decision.pdf`)).statusCode,
      404,
    );

    const doc = await decisionDocumentOf(world.pay.zone.services.db, red);
    assert.ok(doc);
    const record = await policeRecord(world, red);
    assert.equal(doc.decisionNo, record?.decisionNo);
    const verified = await world.pay.zone.app.inject({
      method: 'GET',
      url: `/traffic/verify/${doc.verificationCode}`,
    });
    assert.equal(verified.statusCode, 200);
    assert.match(verified.body, /真实有效/);
    assert.ok(verified.body.includes(doc.decisionNo));
    assert.ok(!verified.body.includes(owner.plate), 'the plate is masked');
    assert.match(verified.body, /未缴纳/);
    const english = await world.pay.zone.app.inject({
      method: 'GET',
      url: `/traffic/verify/${doc.verificationCode}?lang=en`,
    });
    assert.match(english.body, /is genuine/);
    const unknown = await world.pay.zone.app.inject({
      method: 'GET',
      url: `/traffic/verify/${'A'.repeat(26)}`,
    });
    assert.equal(unknown.statusCode, 404);
    const malformed = await world.pay.zone.app.inject({ method: 'GET', url: '/traffic/verify/abc' });
    assert.equal(malformed.statusCode, 404);
  });
});

describe('a refunded case fee comes off the income', () => {
  test('withdrawn after payment: each department gets back exactly its line, once; the day nets to nothing', async () => {
    const c = await acceptedCase(world);
    const fee = await assessed(world, c, '35.50');
    const order = await paid(world, c.person, fee.id);
    await crossBothWays(world);
    const db = world.workbench.services.db;
    const income = await db.select().from(feeIncomeLines).where(eq(feeIncomeLines.orderNo, order.orderNo));
    assert.equal(
      income.reduce((sum, l) => sum + l.amountFen, 0),
      3550,
    );

    const asked = await c.person.client.post(`/my/cases/${c.number}/withdraw`, { reason: '不再需要' });
    assert.equal(asked.statusCode, 303, asked.body.slice(0, 300));
    await crossBothWays(world);
    await crossBothWays(world);
    const refunds = await db.select().from(feeRefundLines).where(eq(feeRefundLines.orderNo, order.orderNo));
    const byUnit = (lines: { unitCode: string; amountFen: number }[]) =>
      Object.fromEntries(lines.map((l) => [l.unitCode, l.amountFen]));
    assert.deepEqual(byUnit(refunds), byUnit(income));
    assert.ok(refunds.every((r) => r.reason === 'withdrawn' && r.caseNumber === c.number));

    // Delivered again: nothing more comes off.
    const caseFee = await feeOf(db, c.number);
    await db.transaction((tx) =>
      bookFeeRefund(tx, caseFee!, {
        refundNo: refunds[0]!.refundNo,
        orderNo: order.orderNo,
        amountFen: 3550,
        reason: 'withdrawn',
        refundedAt: refunds[0]!.refundedAt.toISOString(),
      }),
    );
    assert.equal(
      (await db.select().from(feeRefundLines).where(eq(feeRefundLines.orderNo, order.orderNo))).length,
      refunds.length,
    );

    // The day's income by department: paid, refunded and net, for the units of this fee.
    const day = refunds[0]!.bookedOn;
    const lines = await incomeOn(db, day, { all: true });
    for (const line of income) {
      const got = lines.find((l) => l.unitCode === line.unitCode);
      assert.ok(got && got.refunds >= 1 && got.refundedFen >= line.amountFen, line.unitCode);
      assert.equal(got.amountFen, got.paidFen - got.refundedFen);
    }
  });
});
