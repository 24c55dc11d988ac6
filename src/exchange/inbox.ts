import { rows } from '../shared/db/database.ts';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db, Tx } from '../shared/db/database.ts';
import { envelopeBytes, envelopeOf, payloadBytes } from './envelope.ts';
import { quarantineMessage } from './quarantine.ts';
import type { Keyring } from './signing.ts';
import { inbox } from './tables.ts';

const INBOX_LOCK_NS = 73102;

export interface InboxMessage {
  messageId: string;
  fromZone: string;
  stream: string;
  seq: number;
  type: string;
  version: number;
}

export type InboxHandler = (tx: Tx, payload: unknown, message: InboxMessage) => Promise<void>;

export interface ProcessReport {
  processed: number;
  failed: number;
  /** Refused on processing: the stored message no longer carried its sender's valid signature. */
  quarantined: number;
}

export interface ProcessOptions {
  /** The sending zone's public keys: every message is checked against them again before it is acted on. */
  keyring: Keyring;
  batch?: number;
  log?: Logger;
  now?: () => Date;
}

/**
 * Runs each received message's handler in one transaction with setting processed_at, so its effects
 * (including any reply written to the outbox) happen exactly once. Per stream, a message waits until the one
 * before it is processed; a failing handler holds its own stream (for the next round), not the others.
 *
 * Before a handler runs, the receiving zone checks the sender's signature itself, on the row as stored, with
 * the sender's public key: whatever touched the message after the sender signed it (the relay, anyone able to
 * write this inbox) cannot make this zone act on something the sender did not send. A message that fails is
 * quarantined here, with its reason, and its stream goes on.
 */
export async function processInbox(
  db: Db,
  handlers: Record<string, InboxHandler>,
  options: ProcessOptions,
): Promise<ProcessReport> {
  const report: ProcessReport = { processed: 0, failed: 0, quarantined: 0 };
  let budget = options.batch ?? 100;
  const pending = await db.execute(
    sql`SELECT DISTINCT stream FROM inbox WHERE processed_at IS NULL ORDER BY stream`,
  );
  let active = rows<{ stream: string }>(pending).map((r) => r.stream);
  while (budget > 0 && active.length > 0) {
    const still: string[] = [];
    for (const stream of active) {
      if (budget <= 0) break;
      const step = await processNext(db, handlers, stream, options);
      if (step === 'processed' || step === 'quarantined') {
        budget--;
        report[step]++;
        still.push(stream);
      } else if (step === 'failed') report.failed++;
    }
    active = still;
  }
  return report;
}

async function processNext(
  db: Db,
  handlers: Record<string, InboxHandler>,
  stream: string,
  options: ProcessOptions,
): Promise<'processed' | 'quarantined' | 'idle' | 'busy' | 'failed'> {
  const log = options.log;
  const now = options.now ?? (() => new Date());
  let claimed: InboxMessage | undefined;
  try {
    return await db.transaction(async (tx) => {
      // Another worker on this stream means this one must not overtake it; it simply moves on.
      const lock = await tx.execute(
        sql`SELECT pg_try_advisory_xact_lock(${INBOX_LOCK_NS}, hashtext(${stream})) AS ok`,
      );
      if (!rows<{ ok: boolean }>(lock)[0]?.ok) return 'busy';
      const [row] = await tx
        .select()
        .from(inbox)
        .where(and(eq(inbox.stream, stream), isNull(inbox.processedAt)))
        .orderBy(asc(inbox.seq))
        .limit(1)
        .for('update');
      if (!row) return 'idle';
      claimed = row;
      if (!(await signedBySender(options.keyring, row))) {
        const at = now();
        await quarantineMessage(
          tx,
          {
            direction: 'inbound',
            messageId: row.messageId,
            raw: row,
            reason: 'bad-signature',
            detail: `on processing: key ${row.keyId} of ${row.fromZone}`,
            type: row.type,
            version: row.version,
            stream: row.stream,
            streamSeq: row.seq,
            bytes: payloadBytes(row.payload),
          },
          at,
        );
        await tx
          .update(inbox)
          .set({ processedAt: at, quarantinedAt: at })
          .where(eq(inbox.messageId, row.messageId));
        log?.warn({ messageId: row.messageId, type: row.type }, 'inbox message refused: signature');
        return 'quarantined';
      }
      const handler = handlers[row.type];
      if (!handler) throw new Error(`no handler for ${row.type}`);
      await handler(tx, row.payload, claimed);
      await tx.update(inbox).set({ processedAt: now() }).where(eq(inbox.messageId, row.messageId));
      return 'processed';
    });
  } catch (error) {
    if (!claimed) throw error;
    const message = error instanceof Error ? error.message : String(error);
    await db
      .update(inbox)
      .set({ attempts: sql`${inbox.attempts} + 1`, lastError: message.slice(0, 2000) })
      .where(eq(inbox.messageId, claimed.messageId));
    log?.warn({ messageId: claimed.messageId, type: claimed.type, err: error }, 'inbox handler failed');
    return 'failed';
  }
}

function signedBySender(keyring: Keyring, row: typeof inbox.$inferSelect): Promise<boolean> {
  if (row.fromZone !== 'portal' && row.fromZone !== 'workbench') return Promise.resolve(false);
  const envelope = envelopeOf({ ...row, id: row.messageId }, row.fromZone);
  return keyring.verifyAsync(row.fromZone, envelopeBytes(envelope), {
    keyId: row.keyId,
    value: row.signature,
  });
}

// Moved beside this file; importers of this module still find them here.
export {
  type Incoming,
  type ReceiveOptions,
  type ReceiveResult,
  receive,
  receiveBatch,
} from './inbox.receive.ts';
