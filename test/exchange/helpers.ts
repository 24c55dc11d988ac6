import { randomUUID } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../src/shared/db/database.ts';
import { Keyring, ZoneSigner } from '../../src/exchange/signing.ts';
import type { RelayEnd } from '../../src/exchange/relay.ts';
import { signOutbox } from '../../src/exchange/signer.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

export interface Pair {
  portal: TestZone;
  workbench: TestZone;
  p: RelayEnd;
  w: RelayEnd;
  /** Each zone's own signing key (held by the zone's process only). */
  signers: { portal: ZoneSigner; workbench: ZoneSigner };
  /** Both zones' public keys: all the relay holds. */
  keyring: Keyring;
  /** Signs what both zones have written to their outboxes, as their workers would. */
  sign(): Promise<number>;
  close(): Promise<void>;
}

export async function startPair(): Promise<Pair> {
  const [portal, workbench] = await Promise.all([startTestZone('portal'), startTestZone('workbench')]);
  const signers = { portal: portal.exchange.signer, workbench: workbench.exchange.signer };
  const keyring = new Keyring().trustSigner(signers.portal).trustSigner(signers.workbench);
  return {
    portal,
    workbench,
    p: { db: portal.database.db, zone: 'portal' },
    w: { db: workbench.database.db, zone: 'workbench' },
    signers,
    keyring,
    async sign() {
      const [p, w] = await Promise.all([
        signOutbox(portal.database.db, signers.portal),
        signOutbox(workbench.database.db, signers.workbench),
      ]);
      return p.signed + w.signed;
    },
    async close() {
      await Promise.all([portal.close(), workbench.close()]);
    },
  };
}

export function realnameRequest(overrides: Record<string, unknown> = {}) {
  return {
    requestId: randomUUID(),
    citizenRef: randomUUID(),
    name: '张三',
    idNumber: '11010519491231002X',
    ...overrides,
  };
}

export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}
