import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { trafficDecisionRequested } from '../../src/exchange/contracts/index.ts';
import { send } from '../../src/exchange/facade.ts';
import * as payments from '../../src/portal/payments/payments.repository.ts';
import { applyGatewayState } from '../../src/portal/payments/payments.service.ts';
import { outbox } from '../../src/exchange/tables.ts';
import { licenceOf } from '../../src/workbench/traffic/traffic.repository.ts';
import { settleTrafficFine } from '../../src/workbench/traffic/traffic.service.ts';
import { registerCitizen } from '../helpers/citizens.ts';
import { crossBothWays, paid, startFeeWorld, type FeeWorld } from './fees.support.ts';
import {
  auditCount,
  lookedUp,
  ownerWithViolations,
  policeRecord,
  type Owner,
} from './traffic-fines.support.ts';

// Traffic fines through both zones, the relay and the sandbox gateway: an owner looks up his own vehicles'
// violations (never another's), accepts a decision (points deducted in the police zone), pays the fine, and
// payment.settled marks it paid there; repeated notifications and messages change nothing.

let world: FeeWorld;
before(async () => {
  world = await startFeeWorld();
});
after(() => world.close());

const hash = (idNumber: string) => world.workbench.services.sealer.lookupHash(idNumber);

async function accepted(owner: Owner, id: string) {
  const url = `/my/traffic/violations/${id}`;
  const sent = await owner.person.client.post(`${url}/accept`, { confirm: 'yes' }, { formUrl: url });
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 400));
  await crossBothWays(world);
}

describe('looking up', () => {
  test('an owner sees his own vehicles and violations, and nobody else’s', async () => {
    const mine = await ownerWithViolations(world);
    const theirs = await ownerWithViolations(world, '王示范');
    const before = await mine.person.client.get('/my/traffic');
    assert.match(before.body, /查询我的交通违法/);
    await lookedUp(world, mine);
    await lookedUp(world, theirs);

    const page = await mine.person.client.get('/my/traffic');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(mine.plate), 'his plate is listed');
    assert.ok(!page.body.includes(theirs.plate), 'another owner’s plate is not');
    assert.match(page.body, /驾驶证记分/);
    const json = (await mine.person.client.json('GET', '/my/traffic')).json() as {
      lookup: string;
      vehicles: { plate: string }[];
      violations: { id: string; plate: string; points: number; fineFen: number; state: string }[];
    };
    assert.equal(json.lookup, 'answered');
    assert.deepEqual(
      json.vehicles.map((v) => v.plate),
      [mine.plate],
    );
    assert.deepEqual(json.violations.map((v) => v.id).sort(), [...mine.violations].sort());
    assert.ok(json.violations.every((v) => v.plate === mine.plate && v.state === 'unhandled'));

    // Another owner's violation, its picture and its accept answer as a missing one does.
    for (const url of [
      `/my/traffic/violations/${theirs.violations[0]}`,
      `/my/traffic/violations/${theirs.violations[0]}/photo`,
    ]) {
      assert.equal((await mine.person.client.get(url)).statusCode, 404, url);
      assert.equal(
        (await mine.person.client.get(url.replace(theirs.violations[0], randomUUID()))).statusCode,
        404,
      );
    }
    const own = `/my/traffic/violations/${mine.violations[0]}`;
    const stolen = await mine.person.client.post(
      `/my/traffic/violations/${theirs.violations[0]}/accept`,
      { confirm: 'yes' },
      { formUrl: own },
    );
    assert.equal(stolen.statusCode, 404);

    // His violation's page: place, time, points, fine and the camera picture (a PNG).
    const detail = await mine.person.client.get(own);
    assert.match(detail.body, /示范大道与滨江路交叉口/);
    assert.match(detail.body, /¥200\.00/);
    assert.match(detail.body, /接受处理/);
    const photo = await mine.person.client.get(`${own}/photo`);
    assert.equal(photo.statusCode, 200);
    assert.equal(photo.headers['content-type'], 'image/png');
    assert.equal(photo.rawPayload.subarray(1, 4).toString(), 'PNG');
    assert.equal(await auditCount(world, 'traffic.owner.lookup', `citizen:${mine.person.id}`), 1);
  });

  test('a citizen who is not real-name verified is asked to verify first and cannot look up', async () => {
    const someone = await registerCitizen(world.pay.zone);
    const page = await someone.client.get('/my/traffic');
    assert.match(page.body, /实名认证/);
    const asked = await someone.client.post('/my/traffic/lookup', {}, { formUrl: '/my/traffic' });
    assert.equal(asked.statusCode, 409);
  });
});

describe('accepting the decision and paying the fine', () => {
  test('accepted: decision and points in the police zone, the fine due in the portal, paid and settled', async () => {
    const owner = await ownerWithViolations(world);
    await lookedUp(world, owner);
    const [red] = owner.violations;
    const url = `/my/traffic/violations/${red}`;

    // Without the confirmation the form comes back (422) and nothing crosses.
    const unconfirmed = await owner.person.client.post(`${url}/accept`, {}, { formUrl: url });
    assert.equal(unconfirmed.statusCode, 422);
    assert.match(unconfirmed.body, /请确认您对违法事实无异议/);
    assert.equal((await policeRecord(world, red))?.state, 'unhandled');

    const sent = await owner.person.client.post(`${url}/accept`, { confirm: 'yes' }, { formUrl: url });
    assert.equal(sent.statusCode, 303);
    assert.match((await owner.person.client.get(url)).body, /已提交接受处理/);
    // A second click before the answer sends nothing more.
    const again = await owner.person.client.post(`${url}/accept`, { confirm: 'yes' }, { formUrl: url });
    assert.equal(again.statusCode, 303);
    await crossBothWays(world);

    const record = await policeRecord(world, red);
    assert.equal(record?.state, 'decision-accepted');
    assert.match(record?.decisionNo ?? '', /^SF-JJ-\d{8}-[0-9A-F]{8}$/);
    const licence = await licenceOf(world.workbench.services.db, hash(owner.person.idNumber));
    assert.equal(licence?.pointsDeducted, 6);
    assert.equal(await auditCount(world, 'traffic.decision.accept', `traffic-violation:${red}`), 1);

    const fine = await payments.payableOf(world.pay.zone.services.db, 'traffic-fine', red);
    assert.deepEqual([fine?.amountFen, fine?.status, fine?.payeeUnit], [20_000, 'due', 'SF-JJ']);
    const due = await owner.person.client.get(url);
    assert.match(due.body, /已处理，待缴款/);
    assert.ok(due.body.includes(`/my/payments/${fine!.id}`));

    const order = await paid(world, owner.person, fine!.id);
    await crossBothWays(world);
    const settled = await policeRecord(world, red);
    assert.deepEqual(
      [settled?.state, settled?.paidOrderNo, settled?.paidFen],
      ['paid', order.orderNo, 20_000],
    );
    const done = await owner.person.client.get(url);
    assert.match(done.body, /本条违法已处理完毕/);
    assert.match((await owner.person.client.get('/my/traffic')).body, /已缴款/);
  });

  test('duplicate notifications and a repeated payment.settled change nothing', async () => {
    const owner = await ownerWithViolations(world);
    await lookedUp(world, owner);
    const [red] = owner.violations;
    await accepted(owner, red);
    const fine = await payments.payableOf(world.pay.zone.services.db, 'traffic-fine', red);
    const order = await paid(world, owner.person, fine!.id);
    const state = {
      orderNo: order.orderNo,
      gatewayOrderId: order.gatewayOrderId ?? 'x',
      amountFen: 20_000,
      status: 'paid' as const,
      paidAt: world.pay.zone.services.now().toISOString(),
    };
    const queued = async () =>
      (await world.pay.zone.services.db.select({ id: outbox.id }).from(outbox)).length;
    const before = await queued();
    const again = await applyGatewayState(world.pay.zone.services, state, 'notification');
    assert.equal(again.outcome, 'already-paid');
    assert.equal(await queued(), before, 'no second payment.settled');
    await crossBothWays(world);

    // The same report delivered twice in the police zone: paid once, audited once.
    const paidMessage = {
      violationId: red,
      citizenRef: owner.person.id,
      orderNo: order.orderNo,
      amountFen: 20_000,
      paidAt: state.paidAt,
    };
    await world.workbench.services.db.transaction((tx) =>
      settleTrafficFine(tx, world.workbench.services, paidMessage),
    );
    const record = await policeRecord(world, red);
    assert.deepEqual([record?.state, record?.paidOrderNo], ['paid', order.orderNo]);
    assert.equal(await auditCount(world, 'traffic.fine.paid', `traffic-violation:${red}`), 1);
    const licence = await licenceOf(world.workbench.services.db, hash(owner.person.idNumber));
    assert.equal(licence?.pointsDeducted, 6, 'the points are taken once');
  });

  test('a decision request naming another owner’s violation is refused in the police zone', async () => {
    const mine = await ownerWithViolations(world);
    const theirs = await ownerWithViolations(world, '赵示范');
    await lookedUp(world, mine);
    await world.pay.zone.services.db.transaction((tx) =>
      send(
        tx,
        trafficDecisionRequested,
        {
          requestId: randomUUID(),
          citizenRef: mine.person.id,
          idNumber: mine.person.idNumber,
          violationId: theirs.violations[0],
          requestedAt: new Date().toISOString(),
        },
        { stream: `traffic:${mine.person.id}` },
      ),
    );
    await crossBothWays(world);
    assert.equal((await policeRecord(world, theirs.violations[0]))?.state, 'unhandled');
    assert.equal(await auditCount(world, 'traffic.decision.refused', `citizen:${mine.person.id}`), 1);
    const licence = await licenceOf(world.workbench.services.db, hash(theirs.person.idNumber));
    assert.equal(licence?.pointsDeducted, 0);
    const json = (await mine.person.client.json('GET', '/my/traffic')).json() as {
      violations: { id: string }[];
    };
    assert.ok(json.violations.every((v) => mine.violations.includes(v.id)));
  });
});
