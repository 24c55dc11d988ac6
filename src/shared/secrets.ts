import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Secrets {
  sessionSecret: string;
  /** Master key for sealing personal data at rest (32 bytes). */
  fieldKey: Buffer;
  notifySecret: string;
}

function fresh(): Record<keyof Secrets, string> {
  return {
    sessionSecret: randomBytes(32).toString('base64url'),
    fieldKey: randomBytes(32).toString('base64url'),
    notifySecret: randomBytes(32).toString('base64url'),
  };
}

function decode(raw: Record<keyof Secrets, string>): Secrets {
  return {
    sessionSecret: raw.sessionSecret,
    fieldKey: Buffer.from(raw.fieldKey, 'base64url'),
    notifySecret: raw.notifySecret,
  };
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
    });
  }
  if (!dataDir) return decode(fresh());
  const file = path.join(dataDir, 'secrets.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(fresh(), null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return decode(JSON.parse(readFileSync(file, 'utf8')) as Record<keyof Secrets, string>);
}
