import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { keyringFrom, startRelay, type Relay } from '../../src/exchange/runtime.ts';
import { outbox } from '../../src/exchange/tables.ts';
import { publishCatalogDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import { applications } from '../../src/portal/db/schema.ts';
import { startCourierSandbox, type CourierSandbox } from '../../src/sandboxes/courier/index.ts';
import { startPaymentSandbox, type PaymentSandbox } from '../../src/sandboxes/payment-gateway/index.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import type { Role } from '../../src/workbench/db/schema.ts';
import { publicKeyPem } from '../../src/shared/secrets.ts';
import { startTestZone, testPublicKeys, type TestZone } from '../helpers/zones.ts';
import { pem } from '../payments/payments.fixture.ts';
import {
  answer,
  applicationIdOf,
  certificatePages,
  checkPageForm,
  start,
  verifiedCitizen,
  type Person,
} from '../portal/applications.helpers.ts';
import { officerAt, startCaseWorkbench } from '../workbench/cases.support.ts';
import { codeNow, makeOfficer, PASSWORD, type Workbench } from '../workbench/support.ts';
import { launchBrowser } from './browser.ts';

// The journeys of paying, receiving by courier and booking: a portal served on a port of its own, the sandbox
// payment gateway and courier as the separate HTTP services they are (their notifications reach the portal
// over HTTP, on the portal's clock), a workbench served for the officer's pages, and a relay driven by hand.

export const CERTIFICATE = 'no-criminal-record-certificate';

/** Minutes an unpaid order stays payable in these journeys. */
export const ORDER_MINUTES = 15;

export interface ServiceJourneys {
  browser: Browser;
  portal: TestZone & { url: string };
  workbench: Workbench & { url: string };
  gateway: PaymentSandbox;
  courier: CourierSandbox;
  relay: Relay;
  /** Portal to workbench and back, twice over, as the workers and the relay would. */
  crossBothWays(): Promise<void>;
  close(): Promise<void>;
}

/** A port free now, so the portal's own address (return and notification URLs) is known before it starts. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function listen(app: FastifyInstance, port = 0): Promise<string> {
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  return `http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : port)}`;
}

export async function startServiceJourneys(): Promise<ServiceJourneys> {
  const [gatewayKey, merchantKey, courierKey, clientKey] = [pem(), pem(), pem(), pem()];
  const reach: { portal?: TestZone } = {};
  const clock = () => (reach.portal ? reach.portal.services.now() : new Date());
  const [browser, gateway, courier, port] = await Promise.all([
    launchBrowser(),
    startPaymentSandbox({
      port: 0,
      gatewayKeyPem: gatewayKey,
      merchants: { 'SF-PSB': publicKeyPem(merchantKey) },
      clock,
    }),
    startCourierSandbox({
      port: 0,
      courierKeyPem: courierKey,
      clients: { 'SF-PSB': publicKeyPem(clientKey) },
      clock,
    }),
    freePort(),
  ]);
  const portalUrl = `http://127.0.0.1:${String(port)}`;
  const portalZone = await startTestZone('portal', {
    env: {
      PUBLIC_PORTAL_URL: portalUrl,
      // Shorter than the idle sign-out (30 minutes), so the clock can pass an order's end and keep the session.
      PAYMENT_ORDER_MINUTES: String(ORDER_MINUTES),
      PAYMENT_GATEWAY_URL: gateway.url,
      PAYMENT_MERCHANT_KEY: merchantKey,
      PAYMENT_GATEWAY_PUBLIC_KEY: publicKeyPem(gatewayKey),
      COURIER_URL: courier.url,
      COURIER_CLIENT_KEY: clientKey,
      COURIER_PUBLIC_KEY: publicKeyPem(courierKey),
    },
  });
  reach.portal = portalZone;
  await listen(portalZone.app, port);
  // The certificate as a guide that posts its result, so the applicant is offered the delivery step.
  const items = loadCatalogItems().map((item) =>
    item.id === CERTIFICATE ? { ...item, courier: { ...item.courier, results: true } } : item,
  );
  await publishCatalogDirectly(portalZone.services.db, items);
  const workbenchZone = await startCaseWorkbench();
  await workbenchZone.database.db.delete(outbox);
  const workbenchUrl = await listen(workbenchZone.app);
  const relay = startRelay(
    portalZone.database.db,
    workbenchZone.database.db,
    keyringFrom(testPublicKeys),
    pino({ level: 'silent' }),
    60_000,
  );
  const portal = Object.assign(portalZone, { url: portalUrl });
  const workbench = Object.assign(workbenchZone, { url: workbenchUrl });
  return {
    browser,
    portal,
    workbench,
    gateway,
    courier,
    relay,
    async crossBothWays() {
      for (let round = 0; round < 2; round++) {
        await portal.signOutbox();
        await workbench.signOutbox();
        await relay.runOnce();
        await workbench.processInbox();
        await portal.processInbox();
      }
    },
    async close() {
      await relay.stop();
      await browser.close();
      await Promise.all([gateway.close(), courier.close()]);
      await Promise.all([portal.close(), workbench.close()]);
    },
  };
}

/** The citizen's sign-in through the portal's form. */
export async function signIn(world: ServiceJourneys, context: BrowserContext, person: Person): Promise<Page> {
  const page = await context.newPage();
  await page.goto(world.portal.url + '/login');
  await page.getByLabel('手机号码').fill(person.mobile);
  await page.getByLabel('密码').fill(person.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '我的账号' }).waitFor();
  return page;
}

/** An enrolled officer signed in to the workbench in the browser: password, then his authenticator's code. */
export async function officerPage(
  world: ServiceJourneys,
  context: BrowserContext,
  unitCode: string,
  role: Role,
): Promise<Page> {
  const officer = await makeOfficer(world.workbench, { unitCode, role, enrolled: true });
  const page = await context.newPage();
  await page.goto(world.workbench.url + '/');
  await page.getByLabel('警号').fill(officer.badgeNo);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '下一步' }).click();
  world.workbench.advance(30_000);
  await page.getByLabel('动态口令').fill(codeNow(world.workbench, officer));
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '待办事项' }).waitFor();
  return page;
}

/** A new verified citizen's certificate application, answered up to its check page (through the forms). */
export async function draftAtCheck(
  world: ServiceJourneys,
  name: string,
): Promise<{ person: Person; id: string }> {
  const person = await verifiedCitizen(world.portal, name);
  let page = await start(person.client, CERTIFICATE);
  const id = applicationIdOf(page);
  for (const [, fields] of certificatePages(person)) page = await answer(person.client, page, fields);
  return { person, id };
}

/** The case number the portal gave a submitted application. */
export async function caseNumberOf(world: ServiceJourneys, id: string): Promise<string> {
  const [row] = await world.portal.services.db.select().from(applications).where(eq(applications.id, id));
  assert.ok(row?.caseNumber, 'the application was submitted');
  return row.caseNumber;
}

/** The case crosses to the workbench and a window clerk accepts it there; returns the clerk. */
export async function acceptAtWindow(world: ServiceJourneys, number: string) {
  await world.crossBothWays();
  const clerk = await officerAt(world.workbench, 'SF-ZA', 'window-clerk');
  for (const path of ['claim', 'actions/accept']) {
    const done = await clerk.client.json('POST', `/cases/${number}/${path}`, {}, clerk.token);
    assert.equal(done.statusCode, 200, done.body);
  }
  return clerk;
}

/**
 * A certificate applied for by a new verified citizen (the application's own journeys are elsewhere) and
 * accepted at the window. Returns the citizen and the case number.
 */
export async function acceptedCertificate(
  world: ServiceJourneys,
  name: string,
): Promise<{ person: Person; number: string }> {
  const { person, id } = await draftAtCheck(world, name);
  const { submitKey, csrf } = await checkPageForm(person.client, id);
  const submitted = await person.client.post(`/applications/${id}/submit`, { submitKey }, { csrf });
  assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 300));
  const number = await caseNumberOf(world, id);
  await acceptAtWindow(world, number);
  return { person, number };
}
