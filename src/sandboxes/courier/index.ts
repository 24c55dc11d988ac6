import type { KeyObject } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { privateKeyOf, publicKeyOf } from '../../shared/crypto/payment-signature.ts';
import { fetchPost, GatewayNotifier, type PostJson } from '../payment-gateway/gateway.notifier.ts';
import { advanceWaybills, buildCourierApp } from './courier.app.ts';
import { CourierStore } from './courier.store.ts';

export { CourierStore, type Waybill } from './courier.store.ts';
export { advanceWaybills } from './courier.app.ts';

export interface CourierSandboxOptions {
  host?: string;
  /** 0 for any free port (tests). */
  port: number;
  /** The courier's own Ed25519 private key (PKCS#8 PEM). */
  courierKeyPem: string;
  /** Each client's public key (SPKI PEM), by client id. */
  clients: Record<string, string>;
  clock?: () => Date;
  /** How callbacks are posted (tests hand in the platform's inject()). */
  post?: PostJson;
  /** Retry callbacks and move parcels on a real-time timer; tests leave it off and drive both. */
  timer?: boolean;
  /** With the timer: milliseconds between a waybill's own steps; 0 leaves every step to a tester. */
  stepMs?: number;
}

export interface CourierSandbox {
  url: string;
  app: FastifyInstance;
  store: CourierStore;
  notifier: GatewayNotifier;
  close(): Promise<void>;
}

/** The sandbox courier as its own HTTP service, on its own port, with its own signing key. */
export async function startCourierSandbox(options: CourierSandboxOptions): Promise<CourierSandbox> {
  const clock = options.clock ?? (() => new Date());
  const courierKey = privateKeyOf(options.courierKeyPem);
  const clients: Record<string, KeyObject> = {};
  for (const [id, pem] of Object.entries(options.clients)) clients[id] = publicKeyOf(pem);
  const store = new CourierStore();
  // Callbacks are signed and retried exactly as the payment gateway's notifications are.
  const notifier = new GatewayNotifier(courierKey, clock, options.post ?? fetchPost);
  const app = buildCourierApp({ courierKey, clients, clock, notifier, store });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  let pace: NodeJS.Timeout | undefined;
  if (options.timer) {
    notifier.start();
    const stepMs = options.stepMs ?? 0;
    if (stepMs > 0) {
      pace = setInterval(() => advanceWaybills(store, notifier, clock(), stepMs), 1000);
      pace.unref();
    }
  }
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${String(port)}`,
    app,
    store,
    notifier,
    async close() {
      clearInterval(pace);
      await notifier.stop();
      await app.close();
    },
  };
}
