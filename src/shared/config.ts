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
  PUBLIC_PORTAL_URL: Type.Optional(Type.String()),
  PUBLIC_WORKBENCH_URL: Type.Optional(Type.String()),
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

/** The embedded mode is the one-process demo install: no outside database, developer pages allowed. */
export function isEmbedded(config: Config, zone: 'portal' | 'workbench'): boolean {
  return zone === 'portal' ? !config.PORTAL_DATABASE_URL : !config.WORKBENCH_DATABASE_URL;
}
