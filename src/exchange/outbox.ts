import { rows } from '../shared/db/database.ts';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Static, TSchema } from 'typebox';
import type { Executor, Tx } from '../shared/db/database.ts';
import { isWhitelisted, type Contract, type ExchangeZone } from './contracts/index.ts';
import { envelopeBytes, envelopeOf, inspectPayload } from './envelope.ts';
import type { ZoneSigner } from './signing.ts';
import { outbox } from './tables.ts';

// Two-key advisory locks, namespaced so they cannot collide with the audit log's or the relay's.
export const OUTBOX_LOCK_NS = 73100;

export class ExchangeContractError extends Error {
  override name = 'ExchangeContractError';
}

export interface OutboxMessage {
  id: string;
  stream: string;
  seq: number;
}

/** A zone's key and clock, for signing what it sends as it writes it. */
export interface SendSigning {
  signer: ZoneSigner;
  now: () => Date;
}

// One signer per zone and process: a zone's process holds its own key (the embedded install holds both zones').
const sendSigners = new Map<ExchangeZone, SendSigning>();

/**
 * Called once by the zone's process at start-up, so that `send` signs in the caller's transaction and feature
 * code never handles the key. The last registration for a zone wins; the returned function withdraws it.
 */
export function registerZoneSigner(signer: ZoneSigner, options: { now?: () => Date } = {}): () => void {
  const signing: SendSigning = { signer, now: options.now ?? (() => new Date()) };
  sendSigners.set(signer.zone, signing);
  return () => {
    if (sendSigners.get(signer.zone) === signing) sendSigners.delete(signer.zone);
  };
}

/** The signer registered for the zone that sends this contract, if its process has one. */
export function signingFor(contract: Contract): SendSigning | undefined {
  return sendSigners.get(contract.direction === 'portal-to-workbench' ? 'portal' : 'workbench');
}

/**
 * Queues a message in the caller's transaction: it exists exactly when the change that caused it commits.
 * It is checked here too so a programming error fails the caller's request at once, but the relay checks
 * again, because the outbox table is writable by the zone and the boundary trusts nothing the zone wrote.
 *
 * With `signing`, a message without files is signed here, so the relay may take it as soon as it commits. A
 * message with files is left to the zone's worker (signer.ts): its files are re-encoded first, and that is
 * work for after the commit, not for the caller's transaction.
 */
export async function sendMessage<S extends TSchema>(
  tx: Tx,
  contract: Contract<S>,
  payload: Static<S>,
  options: { stream: string; signing?: SendSigning | undefined; opens?: boolean | undefined },
): Promise<OutboxMessage> {
  const { message, signing } = checkedMessage(contract, payload, options);
  return appendOutbox(tx, message, signing, options.opens === true);
}

/** The message as it will be stored, and whether it is signed now (not one with files: the worker does). */
function checkedMessage<S extends TSchema>(
  contract: Contract<S>,
  payload: Static<S>,
  options: { stream: string; signing?: SendSigning | undefined },
) {
  if (!isWhitelisted(contract))
    throw new ExchangeContractError(`${contract.type}@${contract.version} is not whitelisted`);
  const inspected = inspectPayload(contract, payload);
  if (!inspected.ok)
    throw new ExchangeContractError(`${contract.type}: ${inspected.reason}: ${inspected.detail}`);
  return {
    message: {
      type: contract.type,
      version: contract.version,
      stream: options.stream,
      payload: inspected.payload,
    },
    signing: contract.files?.length ? undefined : options.signing,
  };
}

/** Writes an outbox row without any check; only sendMessage (and tests planting bad rows) should call it. */
export async function appendOutbox(
  tx: Tx,
  message: { type: string; version: number; stream: string; payload: unknown; id?: string },
  signing?: SendSigning,
  /**
   * The caller's transaction begins the stream: nobody else can name it before commit, so its first message is
   * 1 without the lock and the read. Said of a stream that exists, the insert fails on (stream, seq): an error,
   * never a second message 1.
   */
  opens = false,
): Promise<OutboxMessage> {
  let next = 1;
  if (!opens) {
    // The lock serialises writers of one stream until commit, so max(seq)+1 never hands out the same number
    // twice.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${OUTBOX_LOCK_NS}, hashtext(${message.stream}))`);
    const result = await tx.execute(
      sql`SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM outbox WHERE stream = ${message.stream}`,
    );
    next = Number(rows<{ next: string | number }>(result)[0]?.next ?? 1);
  }
  const row = outboxRow(message, next, signing);
  await tx.insert(outbox).values(row);
  return { id: row.id, stream: message.stream, seq: next };
}

/** The stored row of a message numbered `seq` in its stream, signed when the zone has a signer. */
function outboxRow(
  message: { type: string; version: number; stream: string; payload: unknown; id?: string },
  seq: number,
  signing: SendSigning | undefined,
) {
  const row = { ...message, id: message.id ?? randomUUID(), seq };
  return {
    id: row.id,
    stream: row.stream,
    seq: row.seq,
    type: row.type,
    version: row.version,
    payload: row.payload,
    ...(signing ? signedColumns(row, signing) : {}),
  };
}

/**
 * The insert of a message that opens its stream (number 1, as `appendOutbox` with `opens`), checked and signed
 * as sendMessage would, left for the caller to run inside its own statement.
 */
export function openingInsert<S extends TSchema>(
  q: Executor,
  contract: Contract<S>,
  payload: Static<S>,
  options: { stream: string; signing?: SendSigning | undefined },
) {
  return q
    .insert(outbox)
    .values(openingRow(contract, payload, options))
    .returning({ id: outbox.id });
}

/** The stored row of a message that opens its stream: checked, numbered 1 and signed as `openingInsert`'s. */
function openingRow<S extends TSchema>(
  contract: Contract<S>,
  payload: Static<S>,
  options: { stream: string; signing?: SendSigning | undefined },
) {
  const { message, signing } = checkedMessage(contract, payload, options);
  return outboxRow(message, 1, signing);
}

/** Placeholders the driver fills as they are (no column encoder), so a null timestamp stays null. */
const slot = (name: string) => sql`${sql.placeholder(name)}`;

/**
 * `openingInsert` with placeholders (`opening_*`) instead of the message, for a statement built and prepared
 * once and run many times: `openingParams` gives what fills them, checked, numbered and signed as
 * `openingInsert` would.
 */
export function openingTemplate(q: Executor) {
  return q
    .insert(outbox)
    .values({
      id: slot('opening_id'),
      stream: slot('opening_stream'),
      seq: 1,
      type: slot('opening_type'),
      version: slot('opening_version'),
      payload: slot('opening_payload'),
      signature: slot('opening_signature'),
      keyId: slot('opening_key_id'),
      signedAt: slot('opening_signed_at'),
    })
    .returning({ id: outbox.id });
}

/** The values of `openingTemplate`'s placeholders for one message, as the driver takes them. */
export type OpeningParams = Readonly<Record<`opening_${string}`, string | number | null>>;

export function openingParams<S extends TSchema>(
  contract: Contract<S>,
  payload: Static<S>,
  options: { stream: string; signing?: SendSigning | undefined },
): OpeningParams {
  const row = openingRow(contract, payload, options);
  return {
    opening_id: row.id,
    opening_stream: row.stream,
    opening_type: row.type,
    opening_version: row.version,
    opening_payload: JSON.stringify(row.payload),
    opening_signature: row.signature ?? null,
    opening_key_id: row.keyId ?? null,
    opening_signed_at: row.signedAt?.toISOString() ?? null,
  };
}

/** The same envelope, signing time as sentAt, that the worker's signer would sign (see signer.ts). */
function signedColumns(
  row: { id: string; type: string; version: number; stream: string; seq: number; payload: unknown },
  { signer, now }: SendSigning,
) {
  const signedAt = now();
  const signature = signer.sign(envelopeBytes(envelopeOf({ ...row, sentAt: signedAt }, signer.zone)));
  return { signature: signature.value, keyId: signature.keyId, signedAt };
}
