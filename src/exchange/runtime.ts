import type { Logger } from 'pino';
import type { Db } from '../shared/db/database.ts';
import type { ExchangeZone } from './contracts/contract.ts';
import type { AlarmThresholds } from './alarms.ts';
import { FlowObserver, monitorBeat, type BeatReport } from './monitor.ts';
import { relayOnce, type RelayReport } from './relay.ts';
import { Keyring } from './signing.ts';

/**
 * The relay's keyring: the public keys of the zones whose messages it checks, current and still-trusted older
 * ones. It holds nothing that could sign (see docs/adr/0005).
 */
export function keyringFrom(publicKeys: Partial<Record<ExchangeZone, readonly string[]>>): Keyring {
  const keyring = new Keyring();
  for (const [zone, pems] of Object.entries(publicKeys) as [ExchangeZone, readonly string[]][]) {
    if (pems.length === 0) {
      throw new Error(
        `no public key to check the ${zone}'s exchange messages with: set EXCHANGE_${zone.toUpperCase()}_PUBLIC_KEYS`,
      );
    }
    for (const pem of pems) keyring.trust(zone, pem);
  }
  return keyring;
}

export interface Relay {
  /** One pass in both directions; for tests and for draining at shutdown. */
  runOnce(): Promise<{ toWorkbench: RelayReport; toPortal: RelayReport }>;
  /** One monitor beat now (counts, status, quarantine summary, decisions, alarms); for tests and operators. */
  beat(): Promise<BeatReport>;
  stop(): Promise<void>;
}

export interface RelayRuntimeOptions {
  /** Rest between passes when there was nothing to move. */
  intervalMs?: number;
  /** How often the monitor beat runs (it also runs while messages keep flowing). 0 turns the monitor off. */
  beatMs?: number;
  thresholds?: AlarmThresholds;
}

/** Messages per pass over all streams, and per stream per transaction: big enough to keep up at thousands a second. */
const PASS = { batch: 2000, streamBatch: 250, parallel: 4 };

/**
 * The relay loop: portal → workbench, then workbench → portal, again and again, with the monitor's beat beside
 * it every few seconds. It is the only component that reaches both databases; in production it runs as its own
 * process (`openpsb exchange`).
 */
export function startRelay(
  portal: Db,
  workbench: Db,
  keyring: Keyring,
  log: Logger,
  intervalOrOptions: number | RelayRuntimeOptions = {},
): Relay {
  const options: RelayRuntimeOptions =
    typeof intervalOrOptions === 'number' ? { intervalMs: intervalOrOptions } : intervalOrOptions;
  const intervalMs = options.intervalMs ?? 50;
  const beatMs = options.beatMs ?? 5_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const p = { db: portal, zone: 'portal' as const };
  const w = { db: workbench, zone: 'workbench' as const };
  const observer = new FlowObserver();
  const toWorkbenchObserver = observer.forFlow('portal-to-workbench');
  const toPortalObserver = observer.forFlow('workbench-to-portal');

  const runOnce = async () => {
    const toWorkbench = await relayOnce(p, w, keyring, { ...PASS, log, observer: toWorkbenchObserver });
    const toPortal = await relayOnce(w, p, keyring, { ...PASS, log, observer: toPortalObserver });
    return { toWorkbench, toPortal };
  };

  const beat = async () =>
    monitorBeat(
      { portal, workbench },
      {
        observer,
        log,
        ...(options.thresholds ? { thresholds: options.thresholds } : {}),
      },
    );

  // The beat has its own timer beside the relay loop, so counting and alarms never hold up a crossing.
  let beatTimer: NodeJS.Timeout | undefined;
  let beating: Promise<unknown> = Promise.resolve();
  const beatLoop = (): void => {
    beating = beat()
      .catch((error: unknown) => log.error({ err: error }, 'exchange monitor beat failed'))
      .finally(() => {
        if (!stopped) beatTimer = setTimeout(beatLoop, beatMs);
      });
  };

  const tick = (): void => {
    running = (async () => {
      // Keep going while there is work, then rest for one interval.
      for (;;) {
        if (stopped) return;
        const { toWorkbench, toPortal } = await runOnce();
        const moved = [toWorkbench, toPortal].reduce(
          (n, r) => n + r.delivered + r.duplicates + r.quarantined + r.refusedByReceiver,
          0,
        );
        if (moved === 0) return;
      }
    })()
      .catch((error: unknown) => log.error({ err: error }, 'exchange relay error'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 0);
  if (beatMs > 0) beatTimer = setTimeout(beatLoop, 0);

  return {
    runOnce,
    beat,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (beatTimer) clearTimeout(beatTimer);
      await Promise.all([running, beating]);
    },
  };
}
