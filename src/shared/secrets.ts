import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type SecretZone = 'portal' | 'workbench';
const ZONES: readonly SecretZone[] = ['portal', 'workbench'];

/** One zone's own secrets: nothing here is known to the other zone or to the exchange relay. */
export interface ZoneSecrets {
  sessionSecret: string;
  /** Master key for sealing this zone's personal data at rest (32 bytes). */
  fieldKey: Buffer;
  notifySecret: string;
  /** Ed25519 private key (PKCS#8 PEM) this zone signs the messages it sends with. */
  exchangeKey: string;
}

export interface Secrets {
  /** The secrets of the zones this process runs, and of no other. */
  zones: Partial<Record<SecretZone, ZoneSecrets>>;
  /**
   * The public keys (SPKI PEM) each zone's messages are checked with: its current key and any older ones still
   * trusted during a rotation. The relay needs both zones'; a zone needs the other zone's.
   */
  exchangePublicKeys: Record<SecretZone, string[]>;
}

interface StoredZoneSecrets {
  sessionSecret: string;
  fieldKey: string;
  notifySecret: string;
  exchangeKey: string;
  /** Public keys of earlier signing keys, still trusted until what they signed has been processed. */
  exchangeRetiredPublicKeys?: string[];
}

const ed25519Pem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export function publicKeyPem(privatePem: string): string {
  return createPublicKey(createPrivateKey(privatePem)).export({ type: 'spki', format: 'pem' }).toString();
}

/** Splits a variable holding one or more PEM public keys (concatenated) into the keys. */
export function splitPems(value: string | undefined): string[] {
  return [...(value ?? '').matchAll(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g)].map(
    (match) => `${match[0]}\n`,
  );
}

function fresh(): StoredZoneSecrets {
  return {
    sessionSecret: randomBytes(32).toString('base64url'),
    fieldKey: randomBytes(32).toString('base64url'),
    notifySecret: randomBytes(32).toString('base64url'),
    exchangeKey: ed25519Pem(),
  };
}

const decode = (raw: StoredZoneSecrets): ZoneSecrets => ({
  sessionSecret: raw.sessionSecret,
  fieldKey: Buffer.from(raw.fieldKey, 'base64url'),
  notifySecret: raw.notifySecret,
  exchangeKey: raw.exchangeKey,
});

/** PORTAL_SESSION_SECRET and the like, falling back to the names used when both zones shared one set. */
function fromEnv(env: NodeJS.ProcessEnv, zone: SecretZone, required: boolean): StoredZoneSecrets | undefined {
  const prefix = zone.toUpperCase();
  const sessionSecret = env[`${prefix}_SESSION_SECRET`] ?? env.SESSION_SECRET;
  const fieldKey = env[`${prefix}_FIELD_KEY`] ?? env.FIELD_KEY;
  if (!sessionSecret || !fieldKey) return undefined;
  const exchangeKey = env[`${prefix}_EXCHANGE_KEY`] ?? env[`EXCHANGE_${prefix}_KEY`];
  if (!exchangeKey && !required) return undefined;
  if (!exchangeKey)
    throw new Error(`the ${zone}'s exchange signing key is missing: set ${prefix}_EXCHANGE_KEY`);
  return {
    sessionSecret,
    fieldKey,
    notifySecret: env[`${prefix}_NOTIFY_SECRET`] ?? env.NOTIFY_SECRET ?? sessionSecret,
    exchangeKey,
  };
}

/**
 * The embedded install makes each zone's secrets on its first run and keeps them beside its data, one file
 * per zone (readable by the owner only), so a restart can still open what it sealed. A data directory from
 * before the zones had their own secrets has one shared file: each zone's file starts from it, so data sealed
 * then stays readable, and a fresh install gets independent secrets per zone.
 */
function fromDataDir(dataDir: string, zone: SecretZone, create: boolean): StoredZoneSecrets | undefined {
  const file = path.join(dataDir, `${zone}.secrets.json`);
  if (!existsSync(file) && !create) return undefined;
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredZoneSecrets>;
    const complete = { ...fresh(), ...stored };
    if (Object.keys(complete).some((key) => !(key in stored))) write(file, complete);
    return complete;
  }
  const legacyFile = path.join(dataDir, 'secrets.json');
  const legacy = existsSync(legacyFile)
    ? (JSON.parse(readFileSync(legacyFile, 'utf8')) as Record<string, string | undefined>)
    : {};
  const legacyKey = legacy[zone === 'portal' ? 'exchangePortalKey' : 'exchangeWorkbenchKey'];
  const created: StoredZoneSecrets = {
    ...fresh(),
    ...(legacy.sessionSecret ? { sessionSecret: legacy.sessionSecret } : {}),
    ...(legacy.fieldKey ? { fieldKey: legacy.fieldKey } : {}),
    ...(legacy.notifySecret ? { notifySecret: legacy.notifySecret } : {}),
    ...(legacyKey ? { exchangeKey: legacyKey } : {}),
  };
  write(file, created);
  return created;
}

function write(file: string, secrets: StoredZoneSecrets): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
}

/**
 * Production reads each zone's secrets from its own variables (PORTAL_* in the portal's process, WORKBENCH_*
 * in the workbench's) and the other side's public keys from EXCHANGE_<ZONE>_PUBLIC_KEYS; the relay needs only
 * the public keys. Without them the embedded install's files are used (or, without a data directory, fresh
 * secrets for this run).
 */
export function loadSecrets(
  env: NodeJS.ProcessEnv,
  dataDir: string | undefined,
  zones: readonly SecretZone[] = ZONES,
): Secrets {
  const secrets: Secrets = { zones: {}, exchangePublicKeys: { portal: [], workbench: [] } };
  for (const zone of ZONES) {
    const mine = zones.includes(zone);
    const keys = splitPems(env[`EXCHANGE_${zone.toUpperCase()}_PUBLIC_KEYS`]);
    const configured = fromEnv(env, zone, mine);
    // Another zone's file is only ever read, never made up: a key this process invented is no one's key.
    const stored =
      configured ??
      (dataDir && (mine || keys.length === 0)
        ? fromDataDir(dataDir, zone, mine)
        : mine
          ? fresh()
          : undefined);
    if (stored && mine) secrets.zones[zone] = decode(stored);
    if (stored) keys.push(publicKeyPem(stored.exchangeKey), ...(stored.exchangeRetiredPublicKeys ?? []));
    // A private key in this environment (both zones in one process, or an older relay set-up) vouches too.
    const envKey = env[`${zone.toUpperCase()}_EXCHANGE_KEY`] ?? env[`EXCHANGE_${zone.toUpperCase()}_KEY`];
    if (envKey) keys.push(publicKeyPem(envKey));
    secrets.exchangePublicKeys[zone] = [...new Set(keys)];
  }
  return secrets;
}

export function zoneSecrets(secrets: Secrets, zone: SecretZone): ZoneSecrets {
  const own = secrets.zones[zone];
  if (!own) throw new Error(`the ${zone}'s secrets were not loaded in this process`);
  return own;
}
