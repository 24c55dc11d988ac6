import pino from 'pino';
import { keyringFrom, startRelay, type Relay, type RelayRuntimeOptions } from '../../src/exchange/runtime.ts';
import type { ProcessReport } from '../../src/exchange/inbox.ts';
import { testPublicKeys, type TestZone } from './zones.ts';

// The two zones of an integration test joined by a relay, as a deployment joins them, but with nothing on a
// timer: each test moves the messages itself, so it can look at either side between the steps.

type ZoneEnd = Pick<TestZone, 'database' | 'signOutbox' | 'processInbox' | 'close'>;

export interface Boundary {
  relay: Relay;
  /** Both zones sign what they have written to their outboxes, as their workers would. */
  signBoth(): Promise<void>;
  /** Workbench to portal: the workbench signs, the relay carries every batch, the portal takes them in. */
  toPortal(): Promise<ProcessReport>;
  /** Portal to workbench: the portal signs, the relay carries, the workbench takes it in. */
  toWorkbench(): Promise<ProcessReport>;
  /** Each side signs, the relay carries, the workbench then the portal takes in; `rounds` times. */
  crossBothWays(rounds?: number): Promise<void>;
  /** A portal message to the workbench, and what the workbench answers back to the portal. */
  thereAndBack(): Promise<void>;
  /** Stops the relay and closes both zones. */
  close(): Promise<void>;
}

/**
 * Joins two started zones. The relay's own timer is set long (a minute) so only the test moves messages;
 * options may also switch off the monitoring beat for tests that count what the zones hold.
 */
export function joinZones(
  portal: ZoneEnd,
  workbench: ZoneEnd,
  options: RelayRuntimeOptions = { intervalMs: 60_000 },
): Boundary {
  const relay = startRelay(
    portal.database.db,
    workbench.database.db,
    keyringFrom(testPublicKeys),
    pino({ level: 'silent' }),
    options,
  );
  const signBoth = async () => {
    await portal.signOutbox();
    await workbench.signOutbox();
  };
  return {
    relay,
    signBoth,
    async toPortal() {
      await workbench.signOutbox();
      // One pass moves a bounded batch; a seeded catalogue with its documents is more than one.
      while ((await relay.runOnce()).toPortal.delivered > 0);
      return portal.processInbox();
    },
    async toWorkbench() {
      await portal.signOutbox();
      await relay.runOnce();
      return workbench.processInbox();
    },
    async crossBothWays(rounds = 1) {
      for (let round = 0; round < rounds; round++) {
        await signBoth();
        await relay.runOnce();
        await workbench.processInbox();
        await portal.processInbox();
      }
    },
    async thereAndBack() {
      await signBoth();
      await relay.runOnce();
      await workbench.processInbox();
      await signBoth();
      await relay.runOnce();
      await portal.processInbox();
    },
    async close() {
      await relay.stop();
      await Promise.all([portal.close(), workbench.close()]);
    },
  };
}
