import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { privateKeyOf, publicKeyOf } from '../../shared/crypto/payment-signature.ts';
import { buildGatewayApp } from './gateway.app.ts';
import { fetchPost, GatewayNotifier, type PostJson } from './gateway.notifier.ts';
import { GatewayStore } from './gateway.store.ts';

export { GatewayStore, type GatewayOrder } from './gateway.store.ts';
export { GatewayNotifier, RETRY_DELAYS_MS, type PostJson } from './gateway.notifier.ts';

export interface PaymentSandboxOptions {
  host?: string;
  /** 0 for any free port (tests). */
  port: number;
  /** The gateway's own Ed25519 private key (PKCS#8 PEM). */
  gatewayKeyPem: string;
  /** Each merchant's public key (SPKI PEM), by merchant id. */
  merchants: Record<string, string>;
  clock?: () => Date;
  /** How notifications are posted (tests hand in the platform's inject()). */
  post?: PostJson;
  /** Retry notifications on a real-time timer; tests leave it off and call `notifier.runDue()`. */
  timer?: boolean;
}

export interface PaymentSandbox {
  url: string;
  app: FastifyInstance;
  store: GatewayStore;
  notifier: GatewayNotifier;
  close(): Promise<void>;
}

/** The sandbox payment gateway as its own HTTP service, on its own port, with its own signing key. */
export async function startPaymentSandbox(options: PaymentSandboxOptions): Promise<PaymentSandbox> {
  const clock = options.clock ?? (() => new Date());
  const gatewayKey = privateKeyOf(options.gatewayKeyPem);
  const merchants: Record<string, KeyObject> = {};
  for (const [id, pem] of Object.entries(options.merchants)) merchants[id] = publicKeyOf(pem);
  const store = new GatewayStore();
  const notifier = new GatewayNotifier(gatewayKey, clock, options.post ?? fetchPost);
  const app = buildGatewayApp({ gatewayKey, merchants, clock, notifier, store });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  if (options.timer) notifier.start();
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${String(port)}`,
    app,
    store,
    notifier,
    async close() {
      await notifier.stop();
      await app.close();
    },
  };
}

export function newEd25519Pem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}
