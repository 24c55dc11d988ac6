import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { todayInShanghai } from '../../src/shared/calendar/working-days.ts';
import { auditLog } from '../../src/shared/audit/audit.tables.ts';
import { jobs } from '../../src/shared/db/tables.ts';
import {
  dayBefore,
  RECONCILE_QUEUE,
  scheduleReconciliation,
} from '../../src/portal/payments/payments.reconciliation-report.ts';
import { verifyAuditChain } from '../../src/workbench/audit/audit.verify.ts';
import { caseFees } from '../../src/workbench/case-fees/case-fees.tables.ts';
import { feeIncomeLines } from '../../src/workbench/finance/finance.tables.ts';
import { openFee } from '../payments/payments.fixture.ts';
import { officerAt } from '../workbench/cases.support.ts';
import { csrf, logIn, makeOfficer } from '../workbench/support.ts';
import { acceptedCase, assessed, crossBothWays, paid, startFeeWorld, type FeeWorld } from './fees.support.ts';

// The day's reconciliation through both zones: payments made in the portal, differences of each kind planted at
// the sandbox gateway, the report crossing to the workbench, and the finance officer resolving them, audited.

/** A finance officer signed in, with the form token of the reconciliation page. */
async function financeOfficer(unitCode: string) {
  const officer = await makeOfficer(world.workbench, {
    unitCode,
    role: 'finance-officer',
    scope: 'subtree',
    enrolled: true,
  });
  const client = await logIn(world.workbench, officer);
  const token = csrf((await client.get('/finance/reconciliation')).body);
  return { officer, client, token };
}

let world: FeeWorld;
before(async () => {
  world = await startFeeWorld();
});
after(() => world.close());

interface DayJson {
  day: string;
  here: { payments: number; paymentFen: number };
  there: { payments: number; paymentFen: number };
  differences: {
    id: string;
    kind: string;
    reference: string;
    hereFen: number | null;
    thereFen: number | null;
    state: string;
    resolution: string | null;
    reason: string | null;
    resolvedBy: string | null;
  }[];
  income: { unitCode: string; payments: number; amountFen: number }[];
}

describe('the day’s reconciliation in the workbench', () => {
  test('planted differences of each kind reach the finance officer, who resolves them with a reason', async () => {
    const portal = world.pay.zone;
    const store = world.pay.sandbox.store;
    const day = todayInShanghai(portal.services.now());

    // A case fee paid through the whole way, split between two departments as a catalogue fee would be.
    const c = await acceptedCase(world);
    const fee = await assessed(world, c, '20.00');
    await world.workbench.services.db
      .update(caseFees)
      .set({
        split: [
          { unitCode: 'SF-HZ', shareBp: 6667 },
          { unitCode: 'SF-ZA', shareBp: 3333 },
        ],
      })
      .where(eq(caseFees.caseNumber, c.number));
    const clean = await paid(world, c.person, fee.id);
    await crossBothWays(world);

    // Payments of payables without a case, each then disturbed at the gateway.
    const payOne = async (amountFen: number) => {
      const payable = await openFee(portal, c.person.id, amountFen);
      return paid(world, c.person, payable.id);
    };
    const missingThere = await payOne(1300);
    const otherAmount = await payOne(1400);
    store.byOrderNo('SF-PSB', missingThere.orderNo)!.paidAt = null;
    store.byOrderNo('SF-PSB', otherAmount.orderNo)!.amountFen = 1500;
    // Paid at the gateway while its notifications never reached the portal.
    world.pay.notifications.reach = false;
    const unheard = await payOne(1600);
    world.pay.notifications.reach = true;
    const stranger = store.add({
      merchantId: 'SF-PSB',
      orderNo: 'P20261206999999999999',
      amountFen: 700,
      subject: 'x',
      expiresAt: portal.services.now(),
      notifyUrl: 'http://localhost/',
      returnUrl: 'http://localhost/',
      createdAt: portal.services.now(),
    });
    stranger.status = 'paid';
    stranger.paidAt = portal.services.now();

    // The finance officer asks for today's reconciliation; the portal fetches the file and reports back.
    const finance = await financeOfficer('SF-0000');
    const list = await finance.client.get('/finance/reconciliation');
    assert.equal(list.statusCode, 200);
    const future = await finance.client.post(
      '/finance/reconciliation/request',
      { day: '2999-01-01' },
      { formUrl: '/finance/reconciliation' },
    );
    assert.equal(future.statusCode, 422);
    assert.match(future.body, /2999-01-01/);
    const asked = await finance.client.post(
      '/finance/reconciliation/request',
      { day },
      { formUrl: '/finance/reconciliation' },
    );
    assert.equal(asked.statusCode, 303, asked.body.slice(0, 300));
    await crossBothWays(world);
    assert.ok((await portal.drainJobs()) > 0, 'the reconciliation job ran');
    await crossBothWays(world);

    const answer = await finance.client.json('GET', `/finance/reconciliation/${day}`);
    assert.equal(answer.statusCode, 200, answer.body);
    const report = answer.json() as DayJson;
    const byRef = new Map(report.differences.map((d) => [d.reference, d]));
    const shape = (ref: string) => {
      const d = byRef.get(ref);
      return d ? [d.kind, d.hereFen, d.thereFen, d.state] : undefined;
    };
    assert.deepEqual(shape(missingThere.orderNo), ['paid-here-not-there', 1300, null, 'open']);
    assert.deepEqual(shape(otherAmount.orderNo), ['amount-differs', 1400, 1500, 'open']);
    assert.deepEqual(shape(unheard.orderNo), ['paid-there-not-here', null, 1600, 'open']);
    assert.deepEqual(shape(stranger.orderNo), ['unknown-order', null, 700, 'open']);
    assert.equal(byRef.get(clean.orderNo), undefined, 'a payment both sides agree on is no difference');
    // Totals: ours count what we booked paid, theirs what the file lists; the planted lines explain the gap.
    assert.ok(report.here.paymentFen - report.there.paymentFen === 1300 + 1400 - 1500 - 1600 - 700);

    // Income by department: the paid case fee, split in fen with nothing lost.
    const income = new Map(report.income.map((l) => [l.unitCode, l.amountFen]));
    assert.equal(income.get('SF-HZ'), 1333);
    assert.equal(income.get('SF-ZA'), 667);
    const lines = await world.workbench.services.db
      .select()
      .from(feeIncomeLines)
      .where(eq(feeIncomeLines.orderNo, clean.orderNo));
    assert.equal(
      lines.reduce((sum, l) => sum + l.amountFen, 0),
      2000,
    );

    // Resolving: a missing reason comes back with what was chosen kept; then resolved, audited, and shown.
    const target = byRef.get(unheard.orderNo)!;
    const url = `/finance/reconciliation/${day}/differences/${target.id}`;
    const page = await finance.client.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /银行已收，本方无记录/);
    const noReason = await finance.client.post(
      `${url}/resolve`,
      { resolution: 'booked-here', reason: ' ' },
      { formUrl: url },
    );
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /value="booked-here" selected/);
    const done = await finance.client.post(
      `${url}/resolve`,
      { resolution: 'booked-here', reason: '通知未达，已按查询结果补记' },
      { formUrl: url },
    );
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));
    const again = await finance.client.post(
      `${url}/resolve`,
      { resolution: 'no-action', reason: '重复处理' },
      { formUrl: url },
    );
    assert.equal(again.statusCode, 409);

    const audit = await world.workbench.services.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.target, `reconciliation-difference:${target.id}`));
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor, a.detail.resolution, a.detail.reason]),
      [['reconciliation.resolve', finance.officer.badgeNo, 'booked-here', '通知未达，已按查询结果补记']],
    );
    assert.equal((await verifyAuditChain(world.workbench.services.db)).ok, true);

    const after = (await finance.client.json('GET', `/finance/reconciliation/${day}`)).json() as DayJson;
    const resolved = after.differences.find((d) => d.id === target.id)!;
    assert.deepEqual(
      [resolved.state, resolved.resolution, resolved.reason, resolved.resolvedBy],
      ['resolved', 'booked-here', '通知未达，已按查询结果补记', finance.officer.badgeNo],
    );
    const dayPage = await finance.client.get(`/finance/reconciliation/${day}`);
    assert.match(dayPage.body, /已在本方补记/);
    assert.match(dayPage.body, /通知未达，已按查询结果补记/);

    // The next run reports the same lines again: the resolved one stays resolved, nothing is doubled.
    await finance.client.post(
      '/finance/reconciliation/request',
      { day },
      { formUrl: '/finance/reconciliation' },
    );
    await crossBothWays(world);
    await portal.drainJobs();
    await crossBothWays(world);
    const rerun = (await finance.client.json('GET', `/finance/reconciliation/${day}`)).json() as DayJson;
    assert.equal(rerun.differences.length, report.differences.length);
    assert.equal(rerun.differences.find((d) => d.id === target.id)?.state, 'resolved');
  });

  test('who may see the finance pages: a district finance officer reads his income, not the account', async () => {
    const day = todayInShanghai(world.pay.zone.services.now());
    const district = await financeOfficer('SF-D01');
    assert.equal((await district.client.get('/finance/reconciliation')).statusCode, 200);
    assert.equal((await district.client.get(`/finance/reconciliation/${day}`)).statusCode, 404);
    const income = (await district.client.json('GET', `/finance/income?day=${day}`)).json() as DayJson;
    assert.deepEqual(income.income, [], 'SF-HZ and SF-ZA are not in the district');
    const clerk = await officerAt(world.workbench, 'SF-ZA', 'window-clerk');
    assert.equal((await clerk.client.get('/finance/reconciliation')).statusCode, 403);
    assert.equal((await clerk.client.get('/finance/income')).statusCode, 403);
  });

  test('the nightly run queues yesterday once, after two in the morning Beijing time', async () => {
    const portal = world.pay.zone;
    await scheduleReconciliation(portal.services);
    await scheduleReconciliation(portal.services);
    const queued = await portal.services.db.select().from(jobs).where(eq(jobs.queue, RECONCILE_QUEUE));
    const nightly = queued.filter((j) => (j.dedupeKey ?? '').endsWith(':nightly'));
    const hour = (portal.services.now().getUTCHours() + 8) % 24;
    const yesterday = dayBefore(todayInShanghai(portal.services.now()));
    assert.deepEqual(
      nightly.map((j) => (j.payload as { day: string }).day),
      hour >= 2 ? [yesterday] : [],
    );
    assert.equal(dayBefore('2027-03-01'), '2027-02-28');
  });
});
