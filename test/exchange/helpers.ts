import { randomUUID } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../src/shared/db/database.ts';
import { generateSigningKey, Keyring } from '../../src/exchange/signing.ts';
import type { RelayEnd } from '../../src/exchange/relay.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

export interface Pair {
  portal: TestZone;
  workbench: TestZone;
  p: RelayEnd;
  w: RelayEnd;
  keyring: Keyring;
  close(): Promise<void>;
}

export async function startPair(): Promise<Pair> {
  const [portal, workbench] = await Promise.all([startTestZone('portal'), startTestZone('workbench')]);
  const keyring = new Keyring()
    .addSigningKey(generateSigningKey('portal', 'portal-test'))
    .addSigningKey(generateSigningKey('workbench', 'workbench-test'));
  return {
    portal,
    workbench,
    p: { db: portal.database.db, zone: 'portal' },
    w: { db: workbench.database.db, zone: 'workbench' },
    keyring,
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
