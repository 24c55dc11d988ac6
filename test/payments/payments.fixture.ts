import { generateKeyPairSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../src/shared/config.ts';
import { publicKeyPem } from '../../src/shared/secrets.ts';
import { SIGNATURE_HEADER, privateKeyOf, signPayload } from '../../src/shared/crypto/payment-signature.ts';
import { paymentRuntimeFrom } from '../../src/portal/payments/payments.runtime.ts';
import type { PaymentRuntime } from '../../src/portal/payments/payments.service.ts';
import * as repo from '../../src/portal/payments/payments.repository.ts';
import { paymentOrders } from '../../src/portal/payments/payments.tables.ts';
import { startPaymentSandbox, type PaymentSandbox } from '../../src/sandboxes/payment-gateway/index.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

export const pem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export interface PaymentWorld {
  zone: TestZone;
  sandbox: PaymentSandbox;
  runtime: PaymentRuntime;
  gatewayKey: string;
  /** While false, the sandbox's notifications do not reach the portal (a lost network, a down portal). */
  notifications: { reach: boolean; delivered: number };
  close(): Promise<void>;
}

/**
 * A portal and the sandbox gateway, each with its own key: the portal calls the sandbox over HTTP on an
 * ephemeral port; the sandbox's notifications are posted into the portal through inject(), on the portal's
 * clock, so retries are driven by moving the clock.
 */
export async function startPaymentWorld(): Promise<PaymentWorld> {
  const gatewayKey = pem();
  const merchantKey = pem();
  const notifications = { reach: true, delivered: 0 };
  // The sandbox starts first (the portal needs its address); its clock and posts reach the portal once it runs.
  const started: { zone?: TestZone } = {};
  const sandbox = await startPaymentSandbox({
    port: 0,
    gatewayKeyPem: gatewayKey,
    merchants: { 'SF-PSB': publicKeyPem(merchantKey) },
    clock: () => (started.zone ? started.zone.services.now() : new Date()),
    post: async (url, body, headers) => {
      const zone = started.zone;
      if (!notifications.reach || !zone) return 0;
      const answer = await zone.app.inject({
        method: 'POST',
        url: new URL(url).pathname,
        payload: body,
        headers,
      });
      if (answer.statusCode === 200) notifications.delivered++;
      return answer.statusCode;
    },
  });
  const env = {
    PAYMENT_GATEWAY_URL: sandbox.url,
    PAYMENT_MERCHANT_KEY: merchantKey,
    PAYMENT_GATEWAY_PUBLIC_KEY: publicKeyPem(gatewayKey),
  };
  const zone = await startTestZone('portal', { env });
  started.zone = zone;
  const runtime = paymentRuntimeFrom(loadConfig({ ...env, NODE_ENV: 'test' }))!;
  return {
    zone,
    sandbox,
    runtime,
    gatewayKey,
    notifications,
    async close() {
      await sandbox.close();
      await zone.close();
    },
  };
}

let references = 0;

/** A case fee owed by the citizen (as the case engine opens one). */
export function openFee(zone: TestZone, citizenId: string, amountFen = 2000) {
  return zone.services.db.transaction((tx) =>
    repo.openPayable(tx, {
      kind: 'case-fee',
      reference: `SF-ZA-20261206-${String(++references).padStart(6, '0')}-${String(process.pid)}`,
      citizenId,
      amountFen,
      description: { zh: '居民身份证补领工本费', en: 'ID card replacement fee' },
      payeeUnit: 'SF-ZA',
      createdAt: zone.services.now(),
    }),
  );
}

export async function ordersOf(zone: TestZone, payableId: string) {
  return zone.services.db.select().from(paymentOrders).where(eq(paymentOrders.payableId, payableId));
}

/** The payer's click on the sandbox's checkout page (pay, cancel, fail, expire), as a browser form post. */
export async function clickAtCheckout(payUrl: string, outcome: 'pay' | 'cancel' | 'fail' | 'expire') {
  return fetch(payUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ outcome }).toString(),
  });
}

/** A notification as the gateway would sign it, or as a forger signs it with some other key. */
export function signedNotification(key: string, payload: Record<string, unknown>) {
  return {
    payload: JSON.stringify(payload),
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signPayload(privateKeyOf(key), payload),
    },
  };
}
