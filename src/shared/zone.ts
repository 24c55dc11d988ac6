import type { Logger } from 'pino';
import type { WorkingDayCalendar } from './calendar/working-days.ts';
import type { FieldSealer } from './crypto/seal.ts';
import type { Db } from './db/database.ts';
import type { NotificationAdapter } from './notify/adapter.ts';

/** What a zone's features are given: its own database and the adapters, never the other zone's. */
export interface ZoneServices {
  db: Db;
  sealer: FieldSealer;
  notifier: NotificationAdapter;
  /**
   * A demo install (embedded, outside production; or `OPENPSB_DEMO=1`): developer pages (the SMS sandbox's
   * outbox) are shown only here.
   */
  embedded: boolean;
  log: Logger;
  now: () => Date;
  /**
   * The zone's one working-day calendar: the package's data and the holiday schedules approved in the workbench
   * (the portal's copy arrives through the exchange). Loaded when the zone opens and refreshed in place when a
   * schedule is approved or arrives (after the commit), and each minute from the table by the worker, so every
   * instance of the zone reads the same days (src/zone-calendar.ts).
   */
  calendar: WorkingDayCalendar;
  /** Attempts per client address per minute at the login and code-sending doors. */
  authRateLimit: number;
  /** A signed-in session ends after this long without activity (shared/http/idle-session.ts). */
  sessionIdleMs: number;
  /** How long a crossed message's payload is kept before it is emptied (exchange/retention.ts). */
  payloadRetentionMs: number;
}

/** A demo login printed by `openpsb start` in the embedded mode (fictional data). */
export interface DemoAccount {
  zone: 'portal' | 'workbench';
  login: string;
  password: string;
  note: string;
}
