import { rows } from '../shared/db/database.ts';
import { sql } from 'drizzle-orm';
import type { Db } from '../shared/db/database.ts';
import { routeContract, type ExchangeZone } from './contracts/index.ts';
import {
  EnvelopeSchema,
  SignatureSchema,
  checkSchema,
  envelopeBytes,
  inspectPayload,
  payloadBytes,
  type Envelope,
  type QuarantineReason,
} from './envelope.ts';
import { appendMessageLogBatch, type LogEntry } from './message-log.ts';
import { quarantineRecord } from './quarantine.ts';
import type { Keyring, Signature } from './signing.ts';
import { quarantine } from './tables.ts';

// Receiving: a message the relay hands over is checked (envelope, signature, contract, replay) and kept in
// the inbox, or refused with the reason, before anything acts on it.

export type ReceiveResult =
  | { outcome: 'delivered' }
  | { outcome: 'duplicate' }
  | { outcome: 'quarantined'; reason: QuarantineReason; detail?: string };

export interface ReceiveOptions {
  /** The zone receiving; the contract must point here from the envelope's sender. */
  zone: ExchangeZone;
  now?: Date;
}

/*
 * Replays are stopped by message id, not by age: the inbox keeps every id it has taken (retention empties a
 * payload, never the row), so a copy of an old message is a duplicate however late it comes. A signature made
 * by the sending zone at the time it wrote the message cannot be renewed by the relay, and a message held back
 * by an outage must still be taken when the outage ends.
 */

type Check =
  | { ok: true; envelope: Envelope; signature: Signature; payload: unknown; bytes: number }
  | {
      ok: false;
      reason: QuarantineReason;
      detail?: string;
    };

async function check(
  keyring: Keyring,
  envelope: unknown,
  signature: unknown,
  zone: ExchangeZone,
): Promise<Check> {
  if (!checkSchema(EnvelopeSchema, envelope) || !checkSchema(SignatureSchema, signature)) {
    return { ok: false, reason: 'malformed' };
  }
  let bytes: Buffer;
  try {
    bytes = envelopeBytes(envelope);
  } catch {
    // No canonical form (a lone surrogate, say): nothing the sender could have signed.
    return { ok: false, reason: 'bad-signature', detail: 'the envelope has no canonical form' };
  }
  // Signature first: nothing an unauthenticated sender wrote is worth looking at further.
  if (!(await keyring.verifyAsync(envelope.from, bytes, signature))) {
    return { ok: false, reason: 'bad-signature', detail: `key ${signature.keyId} of ${envelope.from}` };
  }
  const route = routeContract(envelope.type, envelope.version, envelope.from, zone);
  if (!route.ok) return { ok: false, reason: route.reason, detail: `${envelope.type}@${envelope.version}` };
  const inspected = inspectPayload(route.contract, envelope.payload);
  if (!inspected.ok) return { ok: false, reason: inspected.reason, detail: inspected.detail };
  // Stored as signed (the check above changes nothing in a valid payload), so it can be verified again later.
  return { ok: true, envelope, signature, payload: envelope.payload, bytes: inspected.bytes };
}

function field<T>(value: unknown, key: string, kind: 'string' | 'number'): T | null {
  if (value === null || typeof value !== 'object') return null;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === kind ? (v as T) : null;
}

/**
 * Takes one message from the other zone. Whatever fails a check is quarantined with its reason (and logged);
 * what passes is stored once by message id, so a redelivery is logged as a duplicate and not processed again.
 */
export async function receive(
  db: Db,
  keyring: Keyring,
  envelope: unknown,
  signature: unknown,
  options: ReceiveOptions,
): Promise<ReceiveResult> {
  const [result] = await receiveBatch(db, keyring, [{ envelope, signature }], options);
  if (!result) throw new Error('receiveBatch returned no result');
  return result;
}

export interface Incoming {
  envelope: unknown;
  signature: unknown;
}

/**
 * receive() for many messages in one transaction: every message is checked on its own and gets its own
 * result, but the batch commits (or fails) as a whole, so a caller that saw no answer may safely send all of
 * it again.
 */
export async function receiveBatch(
  db: Db,
  keyring: Keyring,
  items: readonly Incoming[],
  options: ReceiveOptions,
): Promise<ReceiveResult[]> {
  if (items.length === 0) return [];
  const now = options.now ?? new Date();
  const checks = await Promise.all(
    items.map((item) => check(keyring, item.envelope, item.signature, options.zone)),
  );
  return db.transaction(async (tx) => {
    const refusals = new Map<number, ReturnType<typeof refusal>>();
    const accepted: Record<string, unknown>[] = [];
    for (const [i, result] of checks.entries()) {
      const item = items[i]!;
      if (!result.ok) {
        refusals.set(i, refusal(item, result, now));
        continue;
      }
      const { envelope: env, signature: sig } = result;
      // A second copy in the same batch is a duplicate of the first (and one statement may touch a row once).
      if (accepted.some((a) => a.message_id === env.id)) continue;
      accepted.push({
        message_id: env.id,
        from_zone: env.from,
        stream: env.stream,
        seq: env.seq,
        type: env.type,
        version: env.version,
        payload: result.payload,
        sent_at: env.sentAt,
        signature: sig.value,
        key_id: sig.keyId,
        received_at: now.toISOString(),
      });
    }
    if (refusals.size > 0) await tx.insert(quarantine).values([...refusals.values()].map((r) => r.row));
    const stored = new Set<string>();
    if (accepted.length > 0) {
      // One parameter for the whole batch (see appendMessageLogBatch); the primary key makes receipt idempotent.
      const inserted = await tx.execute(sql`
        INSERT INTO inbox (message_id, from_zone, stream, seq, type, version, payload, sent_at, signature, key_id,
                           received_at)
        SELECT message_id, from_zone, stream, seq, type, version, payload, sent_at, signature, key_id, received_at
        FROM jsonb_to_recordset(${JSON.stringify(accepted)}::jsonb) AS x(
          message_id uuid, from_zone text, stream text, seq bigint, type text, version integer, payload jsonb,
          sent_at timestamptz, signature text, key_id text, received_at timestamptz)
        ON CONFLICT (message_id) DO UPDATE SET
          stream = EXCLUDED.stream, seq = EXCLUDED.seq, type = EXCLUDED.type, version = EXCLUDED.version,
          payload = EXCLUDED.payload, sent_at = EXCLUDED.sent_at, signature = EXCLUDED.signature,
          key_id = EXCLUDED.key_id, received_at = EXCLUDED.received_at, processed_at = NULL,
          quarantined_at = NULL, attempts = 0, last_error = NULL
        -- A copy of a message this zone refused on processing, sent again after an operator released it.
        WHERE inbox.quarantined_at IS NOT NULL AND inbox.from_zone = EXCLUDED.from_zone
        RETURNING message_id`);
      for (const row of rows<{ message_id: string }>(inserted)) stored.add(row.message_id);
    }
    const results: ReceiveResult[] = [];
    const log: LogEntry[] = [];
    for (const [i, result] of checks.entries()) {
      if (!result.ok) {
        log.push(refusals.get(i)!.log);
        results.push(
          result.detail === undefined
            ? { outcome: 'quarantined', reason: result.reason }
            : { outcome: 'quarantined', reason: result.reason, detail: result.detail },
        );
        continue;
      }
      const env = result.envelope;
      // The first copy of an id in this batch is the one stored; any later copy is a duplicate.
      const outcome = stored.delete(env.id) ? 'delivered' : 'duplicate';
      log.push({
        messageId: env.id,
        direction: 'inbound',
        type: env.type,
        version: env.version,
        stream: env.stream,
        streamSeq: env.seq,
        bytes: result.bytes,
        outcome,
        reason: null,
        at: now,
      });
      results.push({ outcome });
    }
    await appendMessageLogBatch(tx, log);
    return results;
  });
}

function refusal(item: Incoming, result: Extract<Check, { ok: false }>, now: Date) {
  const { envelope } = item;
  return quarantineRecord(
    {
      direction: 'inbound',
      messageId: field<string>(envelope, 'id', 'string'),
      raw: { envelope, signature: item.signature },
      reason: result.reason,
      detail: result.detail,
      type: field<string>(envelope, 'type', 'string'),
      version: field<number>(envelope, 'version', 'number'),
      stream: field<string>(envelope, 'stream', 'string'),
      streamSeq: field<number>(envelope, 'seq', 'number'),
      bytes: payloadBytes(
        envelope !== null && typeof envelope === 'object'
          ? (envelope as { payload?: unknown }).payload
          : envelope,
      ),
    },
    now,
  );
}
