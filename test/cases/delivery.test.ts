import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { outbox } from '../../src/exchange/tables.ts';
import { CourierError, HttpCourier, type Courier } from '../../src/portal/delivery/delivery.courier.ts';
import { WAYBILL_QUEUE, waybillJob } from '../../src/portal/delivery/delivery.service.ts';
import { jobs } from '../../src/shared/db/tables.ts';
import { runOneJob } from '../../src/shared/jobs/queue.ts';
import { publishCatalogDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import { applications, waybills } from '../../src/portal/db/schema.ts';
import { startCourierSandbox, type CourierSandbox } from '../../src/sandboxes/courier/index.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import {
  privateKeyOf,
  publicKeyOf,
  SIGNATURE_HEADER,
  signPayload,
} from '../../src/shared/crypto/payment-signature.ts';
import { publicKeyPem } from '../../src/shared/secrets.ts';
import { deliveryOf } from '../../src/workbench/delivery/delivery.repository.ts';
import { pem } from '../payments/payments.fixture.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { deferred } from '../helpers/deferred.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import {
  answer,
  applicationIdOf,
  certificatePages,
  checkPageForm,
  start,
  verifiedCitizen,
} from '../portal/applications.helpers.ts';
import { claimAndAct, officerAt, startCaseWorkbench } from '../workbench/cases.support.ts';
import type { Workbench } from '../workbench/support.ts';

// A decided case's result sent by the sandbox courier: chosen by the applicant, sent out by the officer, its
// tracking callbacks signed by the courier, taken by the portal and carried to the case's history.

const slug = 'no-criminal-record-certificate';
let portal: TestZone;
let workbench: Workbench;
let boundary: Boundary;
let courier: CourierSandbox;
const courierKey = pem();

const clientKey = pem();
before(async () => {
  const reach: { zone?: TestZone } = {};
  courier = await startCourierSandbox({
    port: 0,
    courierKeyPem: courierKey,
    clients: { 'SF-PSB': publicKeyPem(clientKey) },
    clock: () => (reach.zone ? reach.zone.services.now() : new Date()),
    // Callbacks reach the portal through inject(), so nothing listens on a port but the sandbox.
    post: async (url, body, headers) => {
      if (!reach.zone) return 0;
      const answered = await reach.zone.app.inject({
        method: 'POST',
        url: new URL(url).pathname,
        payload: body,
        headers,
      });
      return answered.statusCode;
    },
  });
  portal = await startTestZone('portal', {
    env: {
      COURIER_URL: courier.url,
      COURIER_CLIENT_KEY: clientKey,
      COURIER_PUBLIC_KEY: publicKeyPem(courierKey),
    },
  });
  reach.zone = portal;
  // The certificate as a guide that posts its result, so the applicant is offered the delivery step.
  const items = loadCatalogItems().map((item) =>
    item.id === slug ? { ...item, courier: { ...item.courier, results: true } } : item,
  );
  await publishCatalogDirectly(portal.services.db, items);
  workbench = await startCaseWorkbench();
  await workbench.database.db.delete(outbox);
  boundary = joinZones(portal, workbench);
});
after(async () => {
  await boundary.relay.stop();
  await courier.close();
  await Promise.all([portal.close(), workbench.close()]);
});

const crossBothWays = () => boundary.crossBothWays(2);

/** A certificate applied for with delivery to an address, decided and issued. */
async function decidedWithDelivery() {
  const person = await verifiedCitizen(portal);
  let page = await start(person.client, slug);
  const id = applicationIdOf(page);
  for (const [, fields] of certificatePages(person)) page = await answer(person.client, page, fields);
  const check = await checkPageForm(person.client, id);
  assert.match(check.page.body, /领取方式/, 'the check page offers the delivery step');
  const refused = await person.client.post(`/applications/${id}/delivery`, {
    method: 'courier',
    recipientName: person.name,
    recipientPhone: '12',
    address: '示范市中心区示范路8号',
  });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /手机号/);
  assert.match(refused.body, /示范市中心区示范路8号/, 'the form keeps what was typed');
  const chosen = await person.client.post(`/applications/${id}/delivery`, {
    method: 'courier',
    recipientName: person.name,
    recipientPhone: '13800000001',
    address: '示范市中心区示范路8号',
  });
  assert.equal(chosen.statusCode, 303, chosen.body.slice(0, 300));
  const { submitKey, csrf } = await checkPageForm(person.client, id);
  const submitted = await person.client.post(`/applications/${id}/submit`, { submitKey }, { csrf });
  assert.equal(submitted.statusCode, 303);
  const [row] = await portal.services.db.select().from(applications).where(eq(applications.id, id));
  const number = row!.caseNumber!;
  await crossBothWays();
  const clerk = await officerAt(workbench, 'SF-ZA', 'window-clerk');
  const reviewer = await officerAt(workbench, 'SF-ZA', 'reviewer');
  await claimAndAct(clerk, number, 'accept', { message: '材料齐全，予以受理' });
  await claimAndAct(reviewer, number, 'check');
  await claimAndAct(clerk, number, 'issue');
  await crossBothWays();
  return { person, number, clerk };
}

async function sendOut(clerk: Awaited<ReturnType<typeof decidedWithDelivery>>['clerk'], number: string) {
  const casePage = await clerk.client.get(`/cases/${number}`);
  assert.match(casePage.body, /寄送办理结果/, 'a decided case offers sending the result');
  const sent = await clerk.client.post(
    `/cases/${number}/delivery`,
    { action: 'create' },
    { csrf: clerk.token },
  );
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
  await crossBothWays();
  // The courier is asked by a job, after the request's transaction has committed.
  await portal.drainJobs();
  await crossBothWays();
  const [waybill] = await portal.services.db.select().from(waybills).where(eq(waybills.caseNumber, number));
  assert.ok(waybill, 'the portal asked the courier for a waybill');
  return waybill;
}

/** A tester's click on the sandbox's tracking page, then the callbacks crossing to the workbench. */
async function push(waybillNo: string, status: string) {
  const answered = await fetch(`${courier.url}/waybills/${waybillNo}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ status }).toString(),
  });
  assert.equal(answered.status, 303);
  await courier.notifier.runDue();
  await crossBothWays();
}

test('tracking events out of order never move the delivery back, on either side', async () => {
  const { person, number, clerk } = await decidedWithDelivery();
  const waybill = await sendOut(clerk, number);
  const wb = await deliveryOf(workbench.services.db, number);
  assert.equal(wb?.status, 'created');
  assert.equal(wb?.waybillNo, waybill.waybillNo);

  const printout = await clerk.client.get(`/cases/${number}/waybill`);
  assert.equal(printout.statusCode, 200);
  assert.match(printout.body, new RegExp(waybill.waybillNo));
  assert.match(printout.body, /13800000001/, 'the printout shows the recipient whole');
  assert.match(printout.body, /示范市中心区示范路8号/);

  await push(waybill.waybillNo, 'picked-up');
  await push(waybill.waybillNo, 'delivered');
  await push(waybill.waybillNo, 'in-transit'); // late
  const [held] = await portal.services.db
    .select()
    .from(waybills)
    .where(eq(waybills.waybillNo, waybill.waybillNo));
  assert.equal(held?.status, 'delivered', 'the portal keeps delivered');
  assert.equal(
    (await deliveryOf(workbench.services.db, number))?.status,
    'delivered',
    'so does the workbench',
  );

  const casePage = await clerk.client.get(`/cases/${number}`);
  assert.match(casePage.body, /快递：已签收/, 'the steps are in the case history');
  assert.match(casePage.body, /快递：运输中/, 'the late one too, as history');
  assert.match(casePage.body, /138\*\*\*\*0001/, 'the case page masks the recipient’s phone');
  const mine = await person.client.get(`/my/cases/${number}`);
  assert.match(mine.body, /寄送进度/);
  assert.match(mine.body, /已签收/);
  assert.match(mine.body, new RegExp(waybill.waybillNo));
});

test('a callback with a forged signature is refused and changes nothing', async () => {
  const { number, clerk } = await decidedWithDelivery();
  const waybill = await sendOut(clerk, number);
  const forged = {
    clientId: 'SF-PSB',
    orderNo: waybill.orderNo,
    waybillNo: waybill.waybillNo,
    eventId: 'forged-1',
    status: 'delivered',
    occurredAt: new Date().toISOString(),
    note: '已签收',
  };
  for (const key of [pem(), undefined]) {
    const answered = await portal.app.inject({
      method: 'POST',
      url: '/delivery/notify',
      payload: JSON.stringify(forged),
      headers: {
        'content-type': 'application/json',
        ...(key ? { [SIGNATURE_HEADER]: signPayload(privateKeyOf(key), forged) } : {}),
      },
    });
    assert.equal(answered.statusCode, 400);
  }
  // Signed by the courier's own key it is believed: the refusal was the signature, not the content.
  const genuine = await portal.app.inject({
    method: 'POST',
    url: '/delivery/notify',
    payload: JSON.stringify(forged),
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signPayload(privateKeyOf(courierKey), forged),
    },
  });
  assert.equal(genuine.statusCode, 200);
  const [held] = await portal.services.db
    .select()
    .from(waybills)
    .where(eq(waybills.waybillNo, waybill.waybillNo));
  assert.equal(held?.status, 'delivered');
});

test('a waybill not yet picked up can be cancelled, and the result sent again', async () => {
  const { number, clerk } = await decidedWithDelivery();
  const first = await sendOut(clerk, number);
  const cancel = await clerk.client.post(
    `/cases/${number}/delivery`,
    { action: 'cancel' },
    { csrf: clerk.token },
  );
  assert.equal(cancel.statusCode, 303);
  await crossBothWays();
  await portal.drainJobs();
  await courier.notifier.runDue();
  await crossBothWays();
  assert.equal((await deliveryOf(workbench.services.db, number))?.status, 'cancelled');
  const again = await clerk.client.post(
    `/cases/${number}/delivery`,
    { action: 'create' },
    { csrf: clerk.token },
  );
  assert.equal(again.statusCode, 303);
  await crossBothWays();
  await portal.drainJobs();
  await crossBothWays();
  const after = await deliveryOf(workbench.services.db, number);
  assert.equal(after?.status, 'created');
  assert.notEqual(after?.waybillNo, first.waybillNo);
});

test('the courier is asked after the request commits, again after a failure, for one waybill', async () => {
  const { number, clerk } = await decidedWithDelivery();
  const sent = await clerk.client.post(
    `/cases/${number}/delivery`,
    { action: 'create' },
    { csrf: clerk.token },
  );
  assert.equal(sent.statusCode, 303);
  await crossBothWays();
  const orderNo = `${number}-1`;
  assert.equal(
    courier.store.byOrderNo('SF-PSB', orderNo),
    undefined,
    'not asked inside the inbox transaction',
  );
  const pending = await portal.services.db.select().from(jobs).where(eq(jobs.queue, WAYBILL_QUEUE));
  assert.equal(pending.filter((j) => j.status === 'pending').length, 1, 'the request is recorded');

  // The courier books the waybill, but its answer is lost: the job fails and is tried again.
  const real = new HttpCourier({
    baseUrl: courier.url,
    clientId: 'SF-PSB',
    clientKey: privateKeyOf(clientKey),
    courierPublicKey: publicKeyOf(courierKey),
    notifyUrl: 'http://localhost/delivery/notify',
  });
  let calls = 0;
  const flaky: Courier = {
    createWaybill: async (request) => {
      const answer = await real.createWaybill(request);
      if (++calls === 1) throw new CourierError('answer lost');
      return answer;
    },
    cancelWaybill: (no) => real.cancelWaybill(no),
    verifyCallback: (body, signature) => real.verifyCallback(body, signature),
  };
  const handlers = { [WAYBILL_QUEUE]: waybillJob(portal.services, () => flaky) };
  assert.equal(await runOneJob(portal.database.db, handlers), true);
  const none = await portal.services.db.select().from(waybills).where(eq(waybills.caseNumber, number));
  assert.equal(none.length, 0, 'nothing kept from the failed attempt');
  // The backoff's wait, without waiting.
  await portal.services.db
    .update(jobs)
    .set({ runAt: new Date(0) })
    .where(eq(jobs.queue, WAYBILL_QUEUE));
  assert.equal(await runOneJob(portal.database.db, handlers), true);
  assert.equal(calls, 2);
  const held = await portal.services.db.select().from(waybills).where(eq(waybills.caseNumber, number));
  assert.equal(held.length, 1, 'one waybill');
  assert.equal(
    held[0]!.waybillNo,
    courier.store.byOrderNo('SF-PSB', orderNo)?.waybillNo,
    'the courier’s one',
  );
  await crossBothWays();
  assert.equal((await deliveryOf(workbench.services.db, number))?.waybillNo, held[0]!.waybillNo);
});

/** The sandbox courier as the portal reaches it, with a hook around its waybill answer. */
function courierAround(around: (answer: Promise<{ waybillNo: string }>) => Promise<{ waybillNo: string }>) {
  const real = new HttpCourier({
    baseUrl: courier.url,
    clientId: 'SF-PSB',
    clientKey: privateKeyOf(clientKey),
    courierPublicKey: publicKeyOf(courierKey),
    notifyUrl: 'http://localhost/delivery/notify',
  });
  const wrapped: Courier = {
    createWaybill: (request) => around(real.createWaybill(request)),
    cancelWaybill: (no) => real.cancelWaybill(no),
    verifyCallback: (body, signature) => real.verifyCallback(body, signature),
  };
  return { [WAYBILL_QUEUE]: waybillJob(portal.services, () => wrapped) };
}

async function askedToSend(clerk: Awaited<ReturnType<typeof decidedWithDelivery>>['clerk'], number: string) {
  const sent = await clerk.client.post(
    `/cases/${number}/delivery`,
    { action: 'create' },
    { csrf: clerk.token },
  );
  assert.equal(sent.statusCode, 303);
  await crossBothWays();
}

test(
  'a slow courier holds no transaction: the portal serves its pages while the waybill is awaited',
  { timeout: 60_000 },
  async () => {
    const { person, number, clerk } = await decidedWithDelivery();
    await askedToSend(clerk, number);
    const answered = deferred<void>();
    const release = deferred<void>();
    const handlers = courierAround(async (answer) => {
      const waybill = await answer;
      answered.resolve();
      await release.promise; // the courier's answer is slow to come back
      return waybill;
    });
    const running = runOneJob(portal.database.db, handlers);
    await answered.promise;
    // On the embedded engine a transaction held across the call would keep these waiting until the courier answers.
    const mine = await person.client.get(`/my/cases/${number}`);
    assert.equal(mine.statusCode, 200);
    const home = await person.client.get('/');
    assert.equal(home.statusCode, 200);
    const meanwhile = await portal.services.db.select().from(waybills).where(eq(waybills.caseNumber, number));
    assert.equal(meanwhile.length, 0, 'nothing recorded before the answer');
    release.resolve();
    assert.equal(await running, true);
    const [held] = await portal.services.db.select().from(waybills).where(eq(waybills.caseNumber, number));
    assert.equal(held?.waybillNo, courier.store.byOrderNo('SF-PSB', `${number}-1`)?.waybillNo);
    await crossBothWays();
    assert.equal((await deliveryOf(workbench.services.db, number))?.waybillNo, held?.waybillNo);
  },
);

test('a portal that dies between the courier’s answer and its record asks again after the lease and keeps the same waybill', async () => {
  const { number, clerk } = await decidedWithDelivery();
  await askedToSend(clerk, number);
  const orderNo = `${number}-1`;
  const died = deferred<void>();
  // The courier books the waybill; the process that asked is gone before it records the answer.
  void runOneJob(
    portal.database.db,
    courierAround(async (answer) => {
      await answer;
      died.resolve();
      return new Promise(() => undefined);
    }),
  );
  await died.promise;
  const booked = courier.store.byOrderNo('SF-PSB', orderNo)?.waybillNo;
  assert.ok(booked, 'the courier booked it');
  const handlers = courierAround((answer) => answer);
  assert.equal(await runOneJob(portal.database.db, handlers), false, 'leased until the lease runs out');
  // The lease's end, without waiting.
  await portal.services.db
    .update(jobs)
    .set({ runAt: new Date(0) })
    .where(eq(jobs.queue, WAYBILL_QUEUE));
  assert.equal(await runOneJob(portal.database.db, handlers), true);
  const held = await portal.services.db.select().from(waybills).where(eq(waybills.caseNumber, number));
  assert.deepEqual(
    held.map((w) => w.waybillNo),
    [booked],
    'one waybill, the one the courier booked first',
  );
  const [job] = await portal.services.db
    .select()
    .from(jobs)
    .where(eq(jobs.queue, WAYBILL_QUEUE))
    .orderBy(desc(jobs.id))
    .limit(1);
  assert.equal(job?.status, 'done');
  await crossBothWays();
  const wb = await deliveryOf(workbench.services.db, number);
  assert.equal(wb?.waybillNo, booked);
  assert.equal(wb?.status, 'created');
});
