import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../shared/config.ts';
import { publicKeyPem } from '../../shared/secrets.ts';
import { newEd25519Pem } from '../payment-gateway/index.ts';
import { startCourierSandbox, type CourierSandbox } from './index.ts';

interface SandboxKeys {
  /** The sandbox courier's own key. */
  courierKey: string;
  /** The platform's client key, generated here only when none is configured (a demo install). */
  clientKey: string;
}

/** The demo's two keys, beside the embedded data (owner-only). */
function loadKeys(dataDir: string): SandboxKeys {
  const file = path.join(dataDir, 'courier-sandbox-keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SandboxKeys;
  const keys: SandboxKeys = { courierKey: newEd25519Pem(), clientKey: newEd25519Pem() };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  chmodSync(file, 0o600);
  return keys;
}

/**
 * The default start's courier: the sandbox on its own port with its own key, moving parcels by itself, and
 * the settings that point the portal at it. A configured courier is left alone.
 */
export async function startEmbeddedCourierSandbox(
  config: Config,
): Promise<{ config: Config; sandbox: CourierSandbox | undefined }> {
  if (config.COURIER_URL) return { config, sandbox: undefined };
  const keys = loadKeys(config.DATA_DIR);
  const clientKey = config.COURIER_CLIENT_KEY ?? keys.clientKey;
  const sandbox = await startCourierSandbox({
    host: config.HOST,
    port: config.COURIER_SANDBOX_PORT,
    courierKeyPem: keys.courierKey,
    clients: { [config.COURIER_CLIENT_ID]: publicKeyPem(clientKey) },
    timer: true,
    stepMs: config.COURIER_SANDBOX_STEP_SECONDS * 1000,
  });
  return {
    config: {
      ...config,
      COURIER_URL: sandbox.url,
      COURIER_CLIENT_KEY: clientKey,
      COURIER_PUBLIC_KEY: publicKeyPem(keys.courierKey),
    },
    sandbox,
  };
}
