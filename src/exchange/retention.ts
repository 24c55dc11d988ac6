import { sql } from 'drizzle-orm';
import type { Db } from '../shared/db/database.ts';

/**
 * Payloads that have done their work are emptied after a retention period: a real-name request carries an ID
 * number, and the exchange has no reason to keep it once the message has crossed and been handled. What stays
 * is the envelope (id, stream, order, type, times), which is all that idempotency, ordering and the monitor
 * need; the hash-chained message log never held payloads. Messages not yet delivered or processed, and
 * quarantined ones waiting for an operator, are never touched.
 */
export const PURGED_PAYLOAD = { purged: true } as const;

const BATCH = 1000;

export interface PurgeReport {
  outbox: number;
  inbox: number;
}

export async function purgeCrossedPayloads(db: Db, olderThan: Date): Promise<PurgeReport> {
  const cutoff = olderThan.toISOString();
  const purged = JSON.stringify(PURGED_PAYLOAD);
  // In batches, so a first run over a long history never holds one huge transaction.
  const outbox = await inBatches(() =>
    db.execute(sql`
      UPDATE outbox SET payload = ${purged}::jsonb, payload_purged_at = now()
      WHERE id IN (
        SELECT id FROM outbox
        WHERE sent_at IS NOT NULL AND sent_at < ${cutoff}::timestamptz AND payload_purged_at IS NULL
        LIMIT ${BATCH})`),
  );
  const inbox = await inBatches(() =>
    db.execute(sql`
      UPDATE inbox SET payload = ${purged}::jsonb, payload_purged_at = now()
      WHERE message_id IN (
        SELECT message_id FROM inbox
        WHERE processed_at IS NOT NULL AND processed_at < ${cutoff}::timestamptz AND payload_purged_at IS NULL
        LIMIT ${BATCH})`),
  );
  return { outbox, inbox };
}

async function inBatches(run: () => Promise<unknown>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = affected(await run());
    total += n;
    if (n < BATCH) return total;
  }
}

// node-postgres reports rowCount, PGlite affectedRows.
function affected(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return Number(r.rowCount ?? r.affectedRows ?? 0);
}
