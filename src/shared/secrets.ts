import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Secrets {
  sessionSecret: string;
  /** Master key for sealing personal data at rest (32 bytes). */
  fieldKey: Buffer;
  notifySecret: string;
  /** Ed25519 private keys (PKCS#8 PEM) the exchange signs each zone's messages with. */
  exchangePortalKey: string;
  exchangeWorkbenchKey: string;
}

function ed25519Pem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function fresh(): Record<keyof Secrets, string> {
  return {
    sessionSecret: randomBytes(32).toString('base64url'),
    fieldKey: randomBytes(32).toString('base64url'),
    notifySecret: randomBytes(32).toString('base64url'),
    exchangePortalKey: ed25519Pem(),
    exchangeWorkbenchKey: ed25519Pem(),
  };
}

function decode(raw: Record<keyof Secrets, string>): Secrets {
  return { ...raw, fieldKey: Buffer.from(raw.fieldKey, 'base64url') };
}

/**
 * Production reads its secrets from the environment. The embedded install makes them on its first run and
 * keeps them beside its data (readable by the owner only), so a restart can still open what it sealed.
 */
export function loadSecrets(env: NodeJS.ProcessEnv, dataDir: string | undefined): Secrets {
  if (env.SESSION_SECRET && env.FIELD_KEY) {
    return decode({
      sessionSecret: env.SESSION_SECRET,
      fieldKey: env.FIELD_KEY,
      notifySecret: env.NOTIFY_SECRET ?? env.SESSION_SECRET,
      exchangePortalKey: env.EXCHANGE_PORTAL_KEY ?? '',
      exchangeWorkbenchKey: env.EXCHANGE_WORKBENCH_KEY ?? '',
    });
  }
  if (!dataDir) return decode(fresh());
  const file = path.join(dataDir, 'secrets.json');
  const stored = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<keyof Secrets, string>>)
    : {};
  // Fill in whatever an older data directory lacks, keeping what it has: sealed data must stay readable.
  const complete = { ...fresh(), ...stored };
  if (Object.keys(stored).length !== Object.keys(complete).length) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(complete, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return decode(complete);
}
