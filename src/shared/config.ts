import { envSchema } from 'env-schema';
import Type, { type Static } from 'typebox';

// One schema for every setting, read once at start-up; a bad value stops the process with every problem listed.
export const ConfigSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development',
  }),
  HOST: Type.String({ default: '127.0.0.1' }),
  PORTAL_PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535 }),
  WORKBENCH_PORT: Type.Integer({ default: 3100, minimum: 0, maximum: 65535 }),
  DATA_DIR: Type.String({ default: './data' }),
  PORTAL_DATABASE_URL: Type.Optional(Type.String()),
  WORKBENCH_DATABASE_URL: Type.Optional(Type.String()),
  SESSION_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  LOG_LEVEL: Type.String({ default: 'info' }),
  /** `auto`: short readable lines at a terminal, JSON lines otherwise (a file, a pipe, a log collector). */
  LOG_FORMAT: Type.Union([Type.Literal('auto'), Type.Literal('json'), Type.Literal('pretty')], {
    default: 'auto',
  }),
  /** Login and code-sending attempts allowed per client address per minute (raise only for load tests). */
  AUTH_RATE_LIMIT: Type.Integer({ default: 10, minimum: 1 }),
  /** Minutes without activity after which a signed-in session ends (the absolute limit is 8 hours). */
  SESSION_IDLE_MINUTES: Type.Integer({ default: 30, minimum: 1, maximum: 480 }),
  /** Hours a crossed message's payload is kept in the outbox and inbox before it is emptied. */
  EXCHANGE_PAYLOAD_RETENTION_HOURS: Type.Integer({ default: 168, minimum: 1 }),
  /**
   * Addresses or CIDR ranges of the reverse proxies in front of the zones, comma-separated. X-Forwarded-For is
   * believed only from these; by default from nobody, so a client cannot pick the address it is limited by.
   */
  TRUSTED_PROXIES: Type.String({ default: '' }),
  /** 1 runs a public demo: demo accounts, the SMS sandbox's outbox page, and a demo banner on every page. */
  OPENPSB_DEMO: Type.Union([Type.Literal('0'), Type.Literal('1')], { default: '0' }),
  /**
   * The portal's public address (https://…): every QR code and verification link on a document, and the
   * addresses the payment gateway and the courier call back, are made from it, never from a request's Host
   * header. Production refuses to start without it; elsewhere it is http://localhost:PORTAL_PORT.
   */
  PUBLIC_PORTAL_URL: Type.Optional(Type.String()),
  PUBLIC_WORKBENCH_URL: Type.Optional(Type.String()),
  /** The sandbox payment gateway `npm start` runs beside the zones (outside production), on its own port. */
  PAYMENT_SANDBOX_PORT: Type.Integer({ default: 3200, minimum: 0, maximum: 65535 }),
  /** The payment gateway's address; without it the portal takes fees only when the sandbox runs beside it. */
  PAYMENT_GATEWAY_URL: Type.Optional(Type.String()),
  PAYMENT_MERCHANT_ID: Type.String({ default: 'SF-PSB', maxLength: 32 }),
  /** The platform's merchant key (Ed25519, PKCS#8 PEM): the gateway checks every request with its public half. */
  PAYMENT_MERCHANT_KEY: Type.Optional(Type.String()),
  /** The gateway's public key (SPKI PEM): notifications and answers not signed with it are refused. */
  PAYMENT_GATEWAY_PUBLIC_KEY: Type.Optional(Type.String()),
  /** Minutes a payment order stays payable at the gateway; after that a new order is made. */
  PAYMENT_ORDER_MINUTES: Type.Integer({ default: 30, minimum: 1, maximum: 1440 }),
  /** The sandbox courier `npm start` runs beside the zones (outside production), on its own port. */
  COURIER_SANDBOX_PORT: Type.Integer({ default: 3300, minimum: 0, maximum: 65535 }),
  /** Seconds between the sandbox courier's own steps of a waybill (0: only a tester's clicks move it). */
  COURIER_SANDBOX_STEP_SECONDS: Type.Integer({ default: 30, minimum: 0, maximum: 86_400 }),
  /** The courier's address; without it results are delivered only when the sandbox runs beside the portal. */
  COURIER_URL: Type.Optional(Type.String()),
  COURIER_CLIENT_ID: Type.String({ default: 'SF-PSB', maxLength: 32 }),
  /** The platform's courier key (Ed25519, PKCS#8 PEM): the courier checks every request with its public half. */
  COURIER_CLIENT_KEY: Type.Optional(Type.String()),
  /** The courier's public key (SPKI PEM): tracking callbacks and answers not signed with it are refused. */
  COURIER_PUBLIC_KEY: Type.Optional(Type.String()),
  /**
   * An outside XYZ tile service drawn under the maps (`https://tiles.example/{z}/{x}/{y}.png`); without it the
   * platform's own drawn map alone. Checked at start-up (`mapTilesFrom`).
   */
  MAP_TILE_URL: Type.Optional(Type.String({ maxLength: 500 })),
  /** The credit the tile service asks for, shown on every map over its tiles; its host name when unset. */
  MAP_TILE_ATTRIBUTION: Type.Optional(Type.String({ maxLength: 200 })),
  /** The deepest zoom the tile service has; a closer map shows that zoom's tiles enlarged. */
  MAP_TILE_MAX_ZOOM: Type.Integer({ default: 18, minimum: 0, maximum: 22 }),
  /**
   * The workbench's tile service, a separate opt-in that MAP_TILE_URL never turns on: the workbench's maps are
   * around tips' and letters' locations, and every tile an officer's browser fetches tells the service which
   * area is being looked at. Unset: the drawn map alone. MAP_TILE_MAX_ZOOM applies to it too.
   */
  WORKBENCH_MAP_TILE_URL: Type.Optional(Type.String({ maxLength: 500 })),
  WORKBENCH_MAP_TILE_ATTRIBUTION: Type.Optional(Type.String({ maxLength: 200 })),
});
export type Config = Static<typeof ConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return envSchema<Config>({ schema: ConfigSchema as object, data: env, dotenv: false });
}

export function trustedProxies(config: Config): string[] {
  return config.TRUSTED_PROXIES.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** The embedded mode is the one-process install on PGlite: no outside database. */
export function isEmbedded(config: Config, zone: 'portal' | 'workbench'): boolean {
  return zone === 'portal' ? !config.PORTAL_DATABASE_URL : !config.WORKBENCH_DATABASE_URL;
}

/** An http(s) address with nothing after its path: the one shape a public base address may take. */
function baseAddress(text: string): URL | undefined {
  try {
    const url = new URL(text);
    const plain = !url.username && !url.password && !url.search && !url.hash;
    return (url.protocol === 'https:' || url.protocol === 'http:') && plain ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The portal's public address, without a trailing slash: PUBLIC_PORTAL_URL, or this machine's portal where it
 * is not set (production never starts without it). A malformed value stops the start.
 */
export function publicPortalUrl(config: Config): string {
  const text = config.PUBLIC_PORTAL_URL;
  if (text === undefined || text === '') return `http://localhost:${String(config.PORTAL_PORT)}`;
  const url = baseAddress(text);
  if (!url) throw new RangeError('PUBLIC_PORTAL_URL must be an http(s) address without query or fragment');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** A public demo was asked for: it shows a banner on every page so nobody takes it for the real service. */
export function isPublicDemo(config: Config): boolean {
  return config.OPENPSB_DEMO === '1';
}

/**
 * Demo accounts (with passwords printed at start-up) and the SMS sandbox's outbox let anyone take over any
 * account, so production has them only when a public demo is asked for explicitly.
 */
export function allowsDemoData(config: Config): boolean {
  return config.NODE_ENV !== 'production' || isPublicDemo(config);
}

/**
 * What production lacks before it may start, by setting name: the secrets (never generated there) and each
 * served zone's database (never the embedded engine there); the exchange keys each process checks with.
 * A public demo (`OPENPSB_DEMO=1`) may run on generated secrets and the embedded engine.
 */
export function missingProductionSettings(
  config: Config,
  env: NodeJS.ProcessEnv,
  needs: { zones: ('portal' | 'workbench')[]; relay: boolean },
): string[] {
  if (config.NODE_ENV !== 'production' || isPublicDemo(config)) return [];
  const missing: string[] = [];
  const zones = ['portal', 'workbench'] as const;
  const privateKeyOf = (zone: string) =>
    env[`${zone.toUpperCase()}_EXCHANGE_KEY`] ?? env[`EXCHANGE_${zone.toUpperCase()}_KEY`];
  // Each served zone has its own secrets (the names both zones once shared still serve as a fallback).
  for (const zone of needs.zones) {
    const prefix = zone.toUpperCase();
    if (!(env[`${prefix}_SESSION_SECRET`] ?? env.SESSION_SECRET)) missing.push(`${prefix}_SESSION_SECRET`);
    const fieldKey = env[`${prefix}_FIELD_KEY`] ?? env.FIELD_KEY;
    if (!fieldKey) missing.push(`${prefix}_FIELD_KEY`);
    else if (Buffer.from(fieldKey, 'base64url').length !== 32)
      missing.push(`${prefix}_FIELD_KEY (32 bytes, base64url)`);
    if (!privateKeyOf(zone)) missing.push(`${prefix}_EXCHANGE_KEY`);
  }
  // The relay checks both zones' messages, a zone the other's: with public keys, unless the private one is here.
  const checked = needs.relay ? zones : zones.filter((zone) => needs.zones.some((own) => own !== zone));
  for (const zone of checked) {
    if (!env[`EXCHANGE_${zone.toUpperCase()}_PUBLIC_KEYS`] && !privateKeyOf(zone))
      missing.push(`EXCHANGE_${zone.toUpperCase()}_PUBLIC_KEYS`);
  }
  // Both zones print the portal's address on documents (QR codes) and give it to the gateway and the courier.
  if (needs.zones.length > 0) {
    const address = config.PUBLIC_PORTAL_URL;
    if (!address) missing.push('PUBLIC_PORTAL_URL');
    else if (baseAddress(address)?.protocol !== 'https:')
      missing.push('PUBLIC_PORTAL_URL (an https:// address)');
  }
  const opened = needs.relay ? zones : needs.zones;
  if (opened.includes('portal') && !config.PORTAL_DATABASE_URL) missing.push('PORTAL_DATABASE_URL');
  if (opened.includes('workbench') && !config.WORKBENCH_DATABASE_URL) missing.push('WORKBENCH_DATABASE_URL');
  return missing;
}

/** Stops a production start that would otherwise quietly run as the demo, naming every missing setting. */
export function assertProductionReady(
  config: Config,
  env: NodeJS.ProcessEnv,
  needs: { zones: ('portal' | 'workbench')[]; relay: boolean },
): void {
  const missing = missingProductionSettings(config, env, needs);
  if (missing.length === 0) return;
  throw new Error(
    `NODE_ENV=production needs ${missing.join(', ')}. Production never generates secrets, never uses the ` +
      'embedded database and never loads demo accounts; set OPENPSB_DEMO=1 only for a public demo.',
  );
}
