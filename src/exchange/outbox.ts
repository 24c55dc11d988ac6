import { rows } from '../shared/db/database.ts';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Static, TSchema } from 'typebox';
import type { Tx } from '../shared/db/database.ts';
import { isWhitelisted, type Contract } from './contracts/index.ts';
import { inspectPayload } from './envelope.ts';
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

/**
 * Queues a message in the caller's transaction: it exists exactly when the change that caused it commits.
 * It is checked here too so a programming error fails the caller's request at once, but the relay checks
 * again, because the outbox table is writable by the zone and the boundary trusts nothing the zone wrote.
 */
export async function sendMessage<S extends TSchema>(
  tx: Tx,
  contract: Contract<S>,
  payload: Static<S>,
  options: { stream: string },
): Promise<OutboxMessage> {
  if (!isWhitelisted(contract))
    throw new ExchangeContractError(`${contract.type}@${contract.version} is not whitelisted`);
  const inspected = inspectPayload(contract, payload);
  if (!inspected.ok)
    throw new ExchangeContractError(`${contract.type}: ${inspected.reason}: ${inspected.detail}`);
  return appendOutbox(tx, {
    type: contract.type,
    version: contract.version,
    stream: options.stream,
    payload: inspected.payload,
  });
}

/** Writes an outbox row without any check; only sendMessage (and tests planting bad rows) should call it. */
export async function appendOutbox(
  tx: Tx,
  message: { type: string; version: number; stream: string; payload: unknown; id?: string },
): Promise<OutboxMessage> {
  // The lock serialises writers of one stream until commit, so max(seq)+1 never hands out the same number twice.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${OUTBOX_LOCK_NS}, hashtext(${message.stream}))`);
  const result = await tx.execute(
    sql`SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM outbox WHERE stream = ${message.stream}`,
  );
  const next = Number(rows<{ next: string | number }>(result)[0]?.next ?? 1);
  const id = message.id ?? randomUUID();
  await tx.insert(outbox).values({
    id,
    stream: message.stream,
    seq: next,
    type: message.type,
    version: message.version,
    payload: message.payload,
  });
  return { id, stream: message.stream, seq: next };
}
