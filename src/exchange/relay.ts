import { rows as resultRows } from '../shared/db/database.ts';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db, Tx } from '../shared/db/database.ts';
import type { ExchangeZone } from './contracts/index.ts';
import type { Envelope } from './envelope.ts';
import { receiveBatch, type ReceiveResult } from './inbox.ts';
import { appendMessageLogBatch, type LogEntry } from './message-log.ts';
import { checkDue, dueRows, quarantineRefused, type OutboxRow } from './relay.checks.ts';
import type { Keyring, Signature } from './signing.ts';
import { outbox } from './tables.ts';

const RELAY_LOCK_NS = 73101;

export interface RelayEnd {
  db: Db;
  zone: ExchangeZone;
}

/** Hands a signed envelope to the receiving zone; throws when it cannot be reached (the row is retried). */
export type Deliver = (envelope: Envelope, signature: Signature) => Promise<ReceiveResult>;

/** Hands several signed envelopes over at once; all or nothing (throws when the receiver cannot be reached). */
export type DeliverBatch = (
  items: { envelope: Envelope; signature: Signature }[],
) => Promise<ReceiveResult[]>;

/** What the monitor learns from the relay that the message logs do not record: retries and crossing time. */
export interface RelayObserver {
  /** Messages that reached the receiver (whatever it answered), with the time their outbox row was written. */
  crossed(items: { type: string; createdAt: Date; outcome: ReceiveResult['outcome'] }[], at: Date): void;
  /** A delivery attempt that failed and will be retried after a backoff. */
  failed(item: { type: string; stream: string; attempt: number; error: string }, at: Date): void;
}

export interface RelayOptions {
  /** Most messages moved in one call, over all streams. */
  batch?: number;
  /** Most messages of one stream moved in one transaction on each side. */
  streamBatch?: number;
  /** Streams moved at the same time. */
  parallel?: number;
  now?: () => Date;
  /** One message at a time (tests that intercept a delivery); without it, batches go to deliverBatch. */
  deliver?: Deliver;
  /** Defaults to receiveBatch() on the receiving database directly (the embedded, one-process set-up). */
  deliverBatch?: DeliverBatch;
  observer?: RelayObserver;
  log?: Logger;
}

export interface RelayReport {
  delivered: number;
  duplicates: number;
  /** Refused by this relay: kept in the sender's quarantine. */
  quarantined: number;
  /** Accepted here but refused by the receiver: kept in the receiver's quarantine. */
  refusedByReceiver: number;
  /** Delivery failed (receiver unreachable): left unsent, retried after a backoff. */
  failed: number;
}

/**
 * Seconds to wait before retrying a failed delivery: 2, 4, 8 … capped at one minute. Shorter than the job
 * queue's cap, because a held message holds its whole stream; a longer outage is for the stall alarm to
 * report, not for the backoff to stretch.
 */
export function relayBackoffSeconds(attempt: number): number {
  return Math.min(60, 2 ** Math.max(1, attempt));
}

/**
 * Moves due outbox messages from one zone to the other, taking the streams in turn, a batch per stream.
 *
 * Order: within a stream, a message leaves only after every message before it was delivered (the receiver
 * committed it) or refused. A delivery failure holds its stream until the backoff ends, so nothing overtakes it.
 * Poison: a message that fails the whitelist, direction, size or schema check can never become valid
 * (contracts are deny-by-default and a row is never edited), so waiting would block the stream forever.
 * It is quarantined on the sender's side with its reason, logged, marked so it no longer blocks, and the
 * rest of the stream goes on; the receiver sees a gap in seq that the sender's quarantine and log explain.
 * Other streams never wait on it either way.
 */
export async function relayOnce(
  from: RelayEnd,
  to: RelayEnd,
  keyring: Keyring,
  options: RelayOptions = {},
): Promise<RelayReport> {
  const now = options.now ?? (() => new Date());
  const deliver = delivery(to, keyring, now, options);
  const report: RelayReport = {
    delivered: 0,
    duplicates: 0,
    quarantined: 0,
    refusedByReceiver: 0,
    failed: 0,
  };
  let budget = options.batch ?? 500;
  const chunk = Math.max(1, options.streamBatch ?? 200);
  const parallel = Math.max(1, options.parallel ?? 4);

  let active = await pendingStreams(from.db);
  while (budget > 0 && active.length > 0) {
    const still: string[] = [];
    // Streams are independent, so a few move at once: while one waits on a database, another signs.
    for (let i = 0; i < active.length && budget > 0; i += parallel) {
      const streams = active.slice(i, i + parallel);
      // The budget is shared fairly within the group (and is a soft limit: every stream gets at least one).
      const share = Math.min(chunk, Math.max(1, Math.floor(budget / streams.length)));
      const group = streams.map((stream) => ({ stream, limit: share }));
      budget -= share * group.length;
      // Settled, not raced: a failing stream must not leave the others running on behind our back.
      const settled = await Promise.allSettled(
        group.map(async (g) => ({
          ...g,
          step: await relayStream(from, to, keyring, g.stream, g.limit, deliver, now, options),
        })),
      );
      const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) throw failure.reason;
      const steps = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      for (const { stream, limit, step } of steps) {
        report.delivered += step.delivered;
        report.duplicates += step.duplicates;
        report.quarantined += step.quarantined;
        report.refusedByReceiver += step.refused;
        report.failed += step.failed;
        budget += limit - step.moved;
        // A full batch suggests more behind it; anything less means the stream is drained or held for now.
        if (step.failed === 0 && step.moved >= limit) still.push(stream);
      }
    }
    active = still;
  }
  return report;
}

/** Streams with something unsent, found by skipping through the pending index rather than reading it all. */
async function pendingStreams(db: Db): Promise<string[]> {
  const result = await db.execute(sql`
    WITH RECURSIVE s(stream) AS (
      (SELECT stream FROM outbox WHERE sent_at IS NULL AND quarantined_at IS NULL ORDER BY stream LIMIT 1)
      UNION ALL
      SELECT (SELECT o.stream FROM outbox o
              WHERE o.sent_at IS NULL AND o.quarantined_at IS NULL AND o.stream > s.stream
              ORDER BY o.stream LIMIT 1)
      FROM s WHERE s.stream IS NOT NULL
    )
    SELECT stream FROM s WHERE stream IS NOT NULL`);
  return resultRows<{ stream: string }>(result).map((r) => r.stream);
}

interface DeliveryResult {
  /** Answers for a prefix of the items (all of them unless delivery failed part-way). */
  results: ReceiveResult[];
  error?: unknown;
}

type Delivery = (items: { envelope: Envelope; signature: Signature }[]) => Promise<DeliveryResult>;

function delivery(to: RelayEnd, keyring: Keyring, now: () => Date, options: RelayOptions): Delivery {
  const single = options.deliver;
  if (single) {
    return async (items) => {
      const results: ReceiveResult[] = [];
      for (const item of items) {
        try {
          results.push(await single(item.envelope, item.signature));
        } catch (error) {
          return { results, error };
        }
      }
      return { results };
    };
  }
  const batch: DeliverBatch =
    options.deliverBatch ?? ((items) => receiveBatch(to.db, keyring, items, { zone: to.zone, now: now() }));
  return async (items) => {
    try {
      return { results: await batch(items) };
    } catch (error) {
      return { results: [], error };
    }
  };
}

interface StreamStep {
  delivered: number;
  duplicates: number;
  quarantined: number;
  refused: number;
  failed: number;
  /** Rows that left the pending state (delivered, duplicate, refused either side). */
  moved: number;
}

async function relayStream(
  from: RelayEnd,
  to: RelayEnd,
  keyring: Keyring,
  stream: string,
  limit: number,
  deliver: Delivery,
  now: () => Date,
  options: RelayOptions,
): Promise<StreamStep> {
  const step: StreamStep = { delivered: 0, duplicates: 0, quarantined: 0, refused: 0, failed: 0, moved: 0 };
  let head: OutboxRow | undefined;
  let crossed: { type: string; createdAt: Date; outcome: ReceiveResult['outcome'] }[] = [];
  let failure: { row: OutboxRow; error: string; attempt: number } | undefined;
  let at = now();
  try {
    await from.db.transaction(async (tx) => {
      // A second relay on the same stream would overtake this one; it leaves the stream to us instead.
      const lock = await tx.execute(
        sql`SELECT pg_try_advisory_xact_lock(${RELAY_LOCK_NS}, hashtext(${stream})) AS ok`,
      );
      if (!resultRows<{ ok: boolean }>(lock)[0]?.ok) return;
      const rows = await tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.stream, stream), isNull(outbox.sentAt), isNull(outbox.quarantinedAt)))
        .orderBy(asc(outbox.seq))
        .limit(limit)
        .for('update');
      at = now();
      const due = dueRows(rows, at);
      head = due[0];
      if (!head) return;

      const { outgoing, refused, log } = await checkDue(due, from.zone, to.zone, keyring, at);
      await quarantineRefused(tx, refused, at);
      step.quarantined = refused.length;

      // The rows stay locked and unsent while the receiver commits; if we die after that, the redelivery is
      // recognised there by message id. At-least-once here, exactly-once in effect.
      const result = outgoing.length > 0 ? await deliver(outgoing) : { results: [] };
      const sent = outgoing.slice(0, result.results.length);
      if (sent.length > 0) {
        const ids = JSON.stringify(sent.map((s) => s.row.id));
        await tx.execute(sql`
          UPDATE outbox SET sent_at = ${at.toISOString()}::timestamptz, attempts = attempts + 1, last_error = NULL
          WHERE id IN (SELECT jsonb_array_elements_text(${ids}::jsonb)::uuid)`);
      }
      for (const [i, item] of sent.entries()) {
        const answer = result.results[i]!;
        log[item.slot] = {
          messageId: item.row.id,
          direction: 'outbound',
          type: item.row.type,
          version: item.row.version,
          stream: item.row.stream,
          streamSeq: item.row.seq,
          bytes: item.bytes,
          outcome: answer.outcome,
          reason: answer.outcome === 'quarantined' ? `receiver: ${answer.reason}` : null,
          at,
        };
        if (answer.outcome === 'delivered') step.delivered++;
        else if (answer.outcome === 'duplicate') step.duplicates++;
        else {
          step.refused++;
          options.log?.warn(
            { messageId: item.row.id, reason: answer.reason },
            'exchange message refused by receiver',
          );
        }
      }
      crossed = sent.map((s, i) => ({
        type: s.row.type,
        createdAt: s.row.createdAt,
        outcome: result.results[i]!.outcome,
      }));
      const stuck = outgoing[sent.length];
      if (result.error !== undefined && stuck) {
        const attempt = stuck.row.attempts + 1;
        const message = result.error instanceof Error ? result.error.message : String(result.error);
        failure = { row: stuck.row, error: message, attempt };
        await markFailed(tx, stuck.row.id, attempt, message, at);
        step.failed = 1;
      }
      // Entries for rows not handed over (behind a failure) stay out of the log: nothing happened to them.
      await appendMessageLogBatch(
        tx,
        log.filter((e): e is LogEntry => e !== undefined),
      );
      step.moved = step.quarantined + sent.length;
    });
  } catch (error) {
    if (!head) throw error;
    // The whole transaction rolled back (the sender's database failed us): nothing it did counts.
    const attempt = head.attempts + 1;
    const message = error instanceof Error ? error.message : String(error);
    await markFailed(from.db, head.id, attempt, message, now());
    failure = { row: head, error: message, attempt };
    crossed = [];
    return { delivered: 0, duplicates: 0, quarantined: 0, refused: 0, failed: 1, moved: 0 };
  } finally {
    if (failure) {
      options.log?.warn(
        { messageId: failure.row.id, attempt: failure.attempt, err: failure.error },
        'exchange delivery failed; will retry',
      );
      options.observer?.failed(
        {
          type: failure.row.type,
          stream: failure.row.stream,
          attempt: failure.attempt,
          error: failure.error,
        },
        at,
      );
    }
    if (crossed.length > 0) options.observer?.crossed(crossed, at);
  }
  return step;
}

async function markFailed(
  ex: Db | Tx,
  id: string,
  attempt: number,
  message: string,
  at: Date,
): Promise<void> {
  await ex
    .update(outbox)
    .set({
      attempts: attempt,
      lastError: message.slice(0, 2000),
      nextAttemptAt: new Date(at.getTime() + relayBackoffSeconds(attempt) * 1000),
    })
    .where(eq(outbox.id, id));
}
