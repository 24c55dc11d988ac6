import { inArray } from 'drizzle-orm';
import type { Tx } from '../shared/db/database.ts';
import { routeContract, type ExchangeZone } from './contracts/index.ts';
import {
  envelopeBytes,
  envelopeOf,
  inspectPayload,
  payloadBytes,
  type Envelope,
  type InspectResult,
} from './envelope.ts';
import { checkFiles } from './files.ts';
import type { LogEntry } from './message-log.ts';
import { quarantineRecord } from './quarantine.ts';
import type { Keyring, Signature } from './signing.ts';
import { outbox, quarantine } from './tables.ts';

export type OutboxRow = typeof outbox.$inferSelect;

/** A row its zone has signed, as the relay takes it. */
export type SignedRow = OutboxRow & { signedAt: Date; signature: string; keyId: string };

/**
 * The rows of a stream (in seq order) that may leave now: up to the first one still in its backoff after a
 * failed delivery (only ever the first) or not signed yet by its zone. Nothing may overtake either.
 */
export function dueRows(rows: OutboxRow[], at: Date): SignedRow[] {
  const due: SignedRow[] = [];
  for (const row of rows) {
    if (row.nextAttemptAt > at || !row.signedAt || row.signature === null || row.keyId === null) break;
    due.push({ ...row, signedAt: row.signedAt, signature: row.signature, keyId: row.keyId });
  }
  return due;
}

/** A checked message, forwarded exactly as its zone signed it, with its place in the batch's log. */
export interface Outgoing {
  row: OutboxRow;
  envelope: Envelope;
  signature: Signature;
  bytes: number;
  slot: number;
}

export interface CheckedBatch {
  outgoing: Outgoing[];
  /** Refused here: kept in the sender's quarantine. */
  refused: (typeof quarantine.$inferInsert)[];
  /** One entry per row in order; the slots of outgoing rows are filled once the receiver has answered. */
  log: (LogEntry | undefined)[];
}

/**
 * The relay's checks on a stream's due rows: the sending zone's own signature, checked with its public key
 * (the relay holds no private key and forwards the message exactly as signed, see docs/adr/0005), then the
 * whitelist for the direction, size, schema and files (checked without changing a byte).
 */
export async function checkDue(
  due: SignedRow[],
  from: ExchangeZone,
  to: ExchangeZone,
  keyring: Keyring,
  at: Date,
): Promise<CheckedBatch> {
  const batch: CheckedBatch = { outgoing: [], refused: [], log: [] };
  const signed = due.map((row) => ({
    row,
    envelope: envelopeOf({ ...row, sentAt: row.signedAt }, from),
    signature: { keyId: row.keyId, value: row.signature },
  }));
  const genuine = await Promise.all(
    signed.map((s) => keyring.verifyAsync(from, envelopeBytes(s.envelope), s.signature)),
  );
  for (const [i, { row, envelope, signature }] of signed.entries()) {
    const route = routeContract(row.type, row.version, from, to);
    let inspected: InspectResult | undefined;
    if (!genuine[i]) {
      inspected = {
        ok: false,
        reason: 'bad-signature',
        detail: `key ${row.keyId} of ${from}`,
        bytes: payloadBytes(row.payload),
      };
    } else if (route.ok) {
      inspected = inspectPayload(route.contract, row.payload);
      if (inspected.ok && route.contract.files?.length) {
        const files = await checkFiles(route.contract, row.payload);
        if (!files.ok)
          inspected = { ok: false, reason: files.reason, detail: files.detail, bytes: inspected.bytes };
      }
    }
    if (!route.ok || !inspected?.ok) {
      const record = quarantineRecord(
        {
          direction: 'outbound',
          messageId: row.id,
          raw: row,
          reason: inspected && !inspected.ok ? inspected.reason : route.ok ? 'schema' : route.reason,
          detail: inspected && !inspected.ok ? inspected.detail : `${row.type}@${row.version}`,
          type: row.type,
          version: row.version,
          stream: row.stream,
          streamSeq: row.seq,
          bytes: inspected?.bytes ?? payloadBytes(row.payload),
        },
        at,
      );
      batch.refused.push(record.row);
      batch.log.push(record.log);
      continue;
    }
    batch.outgoing.push({ row, envelope, signature, bytes: inspected.bytes, slot: batch.log.length });
    batch.log.push(undefined);
  }
  return batch;
}

/**
 * Poison (it can never become valid: contracts are deny-by-default and a row is never edited) is kept in the
 * sender's quarantine and marked so it no longer blocks its stream.
 */
export async function quarantineRefused(tx: Tx, refused: CheckedBatch['refused'], at: Date): Promise<void> {
  if (refused.length === 0) return;
  await tx.insert(quarantine).values(refused);
  await tx
    .update(outbox)
    .set({ quarantinedAt: at })
    .where(
      inArray(
        outbox.id,
        refused.map((r) => r.messageId as string),
      ),
    );
}
