import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../shared/config.ts';
import { publicKeyPem } from '../../shared/secrets.ts';
import { newEd25519Pem, startPaymentSandbox, type PaymentSandbox } from './index.ts';

interface SandboxKeys {
  /** The sandbox bank's own key. */
  gatewayKey: string;
  /** The platform's merchant key, generated here only when none is configured (a demo install). */
  merchantKey: string;
}

/** The demo's two keys, beside the embedded data (owner-only), so orders survive a restart's checks. */
function loadKeys(dataDir: string): SandboxKeys {
  const file = path.join(dataDir, 'payment-sandbox-keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SandboxKeys;
  const keys: SandboxKeys = { gatewayKey: newEd25519Pem(), merchantKey: newEd25519Pem() };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  chmodSync(file, 0o600);
  return keys;
}

/**
 * The default start's payment gateway: the sandbox on its own port with its own key, and the settings that
 * point the portal at it (over HTTP, as at a real gateway). A configured gateway is left alone.
 */
export async function startEmbeddedPaymentSandbox(
  config: Config,
): Promise<{ config: Config; sandbox: PaymentSandbox | undefined }> {
  if (config.PAYMENT_GATEWAY_URL) return { config, sandbox: undefined };
  const keys = loadKeys(config.DATA_DIR);
  const merchantKey = config.PAYMENT_MERCHANT_KEY ?? keys.merchantKey;
  const sandbox = await startPaymentSandbox({
    host: config.HOST,
    port: config.PAYMENT_SANDBOX_PORT,
    gatewayKeyPem: keys.gatewayKey,
    merchants: { [config.PAYMENT_MERCHANT_ID]: publicKeyPem(merchantKey) },
    timer: true,
  });
  return {
    config: {
      ...config,
      PAYMENT_GATEWAY_URL: sandbox.url,
      PAYMENT_MERCHANT_KEY: merchantKey,
      PAYMENT_GATEWAY_PUBLIC_KEY: publicKeyPem(keys.gatewayKey),
    },
    sandbox,
  };
}
