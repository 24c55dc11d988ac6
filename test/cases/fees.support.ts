import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { outbox } from '../../src/exchange/tables.ts';
import { publishCatalogDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import { applications } from '../../src/portal/db/schema.ts';
import * as payments from '../../src/portal/payments/payments.repository.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import {
  clickAtCheckout,
  ordersOf,
  startPaymentWorld,
  type PaymentWorld,
} from '../payments/payments.fixture.ts';
import {
  answer,
  applicationIdOf,
  certificatePages,
  checkPageForm,
  start,
  verifiedCitizen,
  type Person,
} from '../portal/applications.helpers.ts';
import { claimAndAct, officerAt, startCaseWorkbench, step } from '../workbench/cases.support.ts';
import type { Workbench } from '../workbench/support.ts';

// Both zones, the relay and the sandbox gateway, for a case whose fee is assessed in the workbench, paid in
// the portal and reported back; the certificate service's process (accept, check, issue) is the one used.

export interface FeeWorld {
  pay: PaymentWorld;
  workbench: Workbench;
  boundary: Boundary;
  close(): Promise<void>;
}

export async function startFeeWorld(): Promise<FeeWorld> {
  const pay = await startPaymentWorld();
  await publishCatalogDirectly(pay.zone.services.db, loadCatalogItems());
  const workbench = await startCaseWorkbench();
  await workbench.database.db.delete(outbox);
  const boundary = joinZones(pay.zone, workbench);
  return {
    pay,
    workbench,
    boundary,
    async close() {
      await boundary.relay.stop();
      await Promise.all([pay.close(), workbench.close()]);
    },
  };
}

/** Portal to workbench and back: sign, relay, process, twice over. */
export async function crossBothWays(world: FeeWorld): Promise<void> {
  await world.boundary.crossBothWays(2);
}

/** A certificate application submitted and accepted, held by a reviewer who may assess its fee. */
export async function acceptedCase(world: FeeWorld): Promise<{
  person: Person;
  number: string;
  clerk: Awaited<ReturnType<typeof officerAt>>;
  reviewer: Awaited<ReturnType<typeof officerAt>>;
}> {
  const portal = world.pay.zone;
  const person = await verifiedCitizen(portal);
  let page = await start(person.client, 'no-criminal-record-certificate');
  const id = applicationIdOf(page);
  for (const [, fields] of certificatePages(person)) page = await answer(person.client, page, fields);
  const { submitKey, csrf } = await checkPageForm(person.client, id);
  const submitted = await person.client.post(`/applications/${id}/submit`, { submitKey }, { csrf });
  assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 300));
  const [row] = await portal.services.db.select().from(applications).where(eq(applications.id, id));
  assert.ok(row?.caseNumber);
  await crossBothWays(world);
  const clerk = await officerAt(world.workbench, 'SF-ZA', 'window-clerk');
  const reviewer = await officerAt(world.workbench, 'SF-ZA', 'reviewer');
  await claimAndAct(clerk, row.caseNumber, 'accept');
  const claimed = await step(reviewer, row.caseNumber, 'claim');
  assert.equal(claimed.statusCode, 200, claimed.body);
  return { person, number: row.caseNumber, clerk, reviewer };
}

/** The reviewer assesses the fee and it crosses to the portal as a payable. */
export async function assessed(
  world: FeeWorld,
  c: Awaited<ReturnType<typeof acceptedCase>>,
  amount = '20.00',
): Promise<payments.PayableRow> {
  const done = await step(c.reviewer, c.number, 'fee', { name: '无犯罪记录证明工本费', amount });
  assert.equal(done.statusCode, 200, done.body);
  await crossBothWays(world);
  const fee = await payments.payableOf(world.pay.zone.services.db, 'case-fee', c.number);
  assert.ok(fee, 'the fee reached the portal');
  return fee;
}

/** The applicant pays at the sandbox's checkout; the gateway's notification settles it. */
export async function paid(world: FeeWorld, person: Person, payableId: string) {
  const url = `/my/payments/${payableId}`;
  const made = await person.client.post(`${url}/pay`, {}, { formUrl: url });
  assert.equal(made.statusCode, 303, made.body.slice(0, 300));
  const order = (await ordersOf(world.pay.zone, payableId)).find((o) => o.status === 'pending');
  assert.ok(order?.payUrl);
  await clickAtCheckout(order.payUrl, 'pay');
  await world.pay.sandbox.notifier.runDue();
  return order;
}
