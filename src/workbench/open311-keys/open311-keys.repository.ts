import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../shared/db/database.ts';
import { open311Keys, type Open311KeyRow } from './open311-keys.tables.ts';

type Q = Db | Tx;

export function listKeys(q: Q): Promise<Open311KeyRow[]> {
  return q.select().from(open311Keys).orderBy(desc(open311Keys.issuedAt)).limit(500);
}

export async function findKey(q: Q, id: string): Promise<Open311KeyRow | undefined> {
  const [row] = await q.select().from(open311Keys).where(eq(open311Keys.id, id));
  return row;
}

export async function insertKey(tx: Tx, values: typeof open311Keys.$inferInsert): Promise<Open311KeyRow> {
  const [row] = await tx.insert(open311Keys).values(values).returning();
  if (!row) throw new Error('the key was not stored');
  return row;
}

/** Revokes a key that is still active; none when it already was (a second click changes nothing). */
export async function revokeKey(
  tx: Tx,
  id: string,
  by: string,
  at: Date,
): Promise<Open311KeyRow | undefined> {
  const [row] = await tx
    .update(open311Keys)
    .set({ revokedBy: by, revokedAt: at })
    .where(and(eq(open311Keys.id, id), isNull(open311Keys.revokedAt)))
    .returning();
  return row;
}
