import { randomUUID } from 'node:crypto';
import { rows } from '../db/database.ts';
import { sql, type SQL } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db, Executor, Tx } from '../db/database.ts';
import { jobs } from '../db/tables.ts';
import { describeError } from '../http/logger.ts';

export interface EnqueueOptions {
  runAt?: Date;
  /** A second enqueue with the same key is ignored, so retried requests do not double the work. */
  dedupeKey?: string;
  maxAttempts?: number;
  /**
   * A job with the same key that gave up (failed) is set going again with this payload, attempts from zero:
   * for work a person asks for again, which must not be swallowed by the earlier failure.
   */
  reviveFailed?: boolean;
}

/**
 * The insert `enqueue` makes without `reviveFailed`, as SQL a caller puts after its own `WITH`: one statement for
 * a change and its job, with the queue's columns and duplicate rule kept in this one place.
 */
export function enqueueInsert(
  queue: string,
  payload: unknown,
  options: Omit<EnqueueOptions, 'reviveFailed'> = {},
): SQL {
  return sql`
    INSERT INTO ${jobs} (queue, payload, run_at, dedupe_key, max_attempts)
    VALUES (${queue}, ${JSON.stringify(payload)}::jsonb, ${(options.runAt ?? new Date()).toISOString()}::timestamptz,
      ${options.dedupeKey ?? null}, ${options.maxAttempts ?? 8})
    ON CONFLICT (dedupe_key) DO NOTHING`;
}

/** Enqueue inside the caller's transaction: the job exists exactly when the change that caused it commits. */
export async function enqueue(
  ex: Executor,
  queue: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<void> {
  const insert = ex.insert(jobs).values({
    queue,
    payload,
    runAt: options.runAt ?? new Date(),
    dedupeKey: options.dedupeKey ?? null,
    maxAttempts: options.maxAttempts ?? 8,
  });
  // Only when asked: DO UPDATE locks the existing row, which would make every enqueue wait for a running job.
  if (!options.reviveFailed) {
    await insert.onConflictDoNothing({ target: jobs.dedupeKey });
    return;
  }
  // A pending or finished job is left alone; only a failed one is set going again.
  await insert.onConflictDoUpdate({
    target: jobs.dedupeKey,
    set: {
      payload,
      status: 'pending',
      attempts: 0,
      leaseToken: null,
      runAt: options.runAt ?? new Date(),
      lastError: null,
      finishedAt: null,
    },
    setWhere: sql`${jobs.status} = 'failed'`,
  });
}

export interface JobRecord {
  id: number;
  queue: string;
  payload: unknown;
  attempts: number;
}

/** A job whose work is all in the database: run in the transaction that marks it done. */
export type JobHandler = (tx: Tx, job: JobRecord) => Promise<void>;

/**
 * A job that asks another service (a courier, a payment gateway) over the network. No transaction is open
 * during the call: on the embedded engine, with its single connection, one would stop every other request
 * for as long as the service takes to answer. The job is claimed in a short transaction that leases it, the
 * call is made, and its outcome is recorded in a second short transaction that marks the job done. A crash
 * between the call and the record leaves the job leased; once the lease runs out it is run again, so the
 * call must be idempotent at the other service (an order or refund number as its key) and `record` must
 * accept an outcome that was recorded already.
 */
export interface CallingJob<Outcome> {
  /** Reads what the call needs (on the database, no transaction) and makes it; throws to be retried. */
  call(db: Db, job: JobRecord): Promise<Outcome>;
  /** Records the outcome, in the transaction that marks the job done. */
  record(tx: Tx, job: JobRecord, outcome: Outcome): Promise<void>;
}

/**
 * A calling job as the runner holds it: the call answers with the step that records its own outcome, so jobs
 * whose calls answer different things share one shape.
 */
export interface LeasedCall {
  kind: 'calling';
  call(db: Db, job: JobRecord): Promise<(tx: Tx) => Promise<void>>;
}

/** What a queue is run by: most jobs are transactional; those that call another service are calling jobs. */
export type QueueHandler = JobHandler | LeasedCall;

/** A calling job, typed by what its call answers. */
export function callingJob<Outcome>(job: CallingJob<Outcome>): LeasedCall {
  return {
    kind: 'calling',
    async call(db: Db, record: JobRecord) {
      const outcome = await job.call(db, record);
      return (tx: Tx) => job.record(tx, record, outcome);
    },
  };
}

/**
 * How long a claimed calling job is left to its worker before another may run it again: well beyond the
 * services' 10-second timeout, so only a worker that died gives its job up.
 */
export const CALL_LEASE_SECONDS = 120;

/** Exponential backoff: 2 s, 4 s, 8 s … capped at one hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 2 ** Math.max(1, attempt));
}

/**
 * Claims one due job and runs it. A transactional job runs in the same transaction that marks it done: a crash
 * anywhere rolls the whole transaction back, so its database effects happen exactly once, and the row lock
 * (SKIP LOCKED) keeps a second worker away while it runs. A calling job is leased in the claiming transaction
 * instead (its run_at moved past the lease, its attempt counted), called with no transaction open, and
 * recorded in a second one — only while its claim still holds: a worker whose call outlived the lease, the job
 * claimed by another since, has its outcome (or failure) dropped and logged, so it cannot undo the other's.
 */
export async function runOneJob(
  db: Db,
  handlers: Record<string, QueueHandler>,
  log?: Logger,
): Promise<boolean> {
  const queues = Object.keys(handlers);
  if (queues.length === 0) return false;
  let claimed: JobRecord | undefined;
  let calling: LeasedCall | undefined;
  let lease: string | undefined;
  let offered: string | undefined;
  try {
    await db.transaction(async (tx) => {
      const result = await tx.execute(sql`
        SELECT id, queue, payload, attempts, max_attempts FROM jobs
        WHERE status = 'pending' AND run_at <= now() AND queue IN (${sql.join(
          queues.map((q) => sql`${q}`),
          sql`, `,
        )})
        ORDER BY run_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED`);
      const row = rows<unknown>(result)[0] as
        | { id: string | number; queue: string; payload: unknown; attempts: number; max_attempts: number }
        | undefined;
      if (!row) return;
      claimed = { id: Number(row.id), queue: row.queue, payload: row.payload, attempts: row.attempts };
      const handler = handlers[claimed.queue];
      if (!handler) throw new Error(`no handler for queue ${claimed.queue}`);
      if (typeof handler !== 'function') {
        // Leased, not held: its worker died as often as it may try (each claim counts) — an operator looks.
        if (row.attempts >= row.max_attempts) {
          await tx.execute(sql`
            UPDATE jobs SET status = 'failed', finished_at = now(),
              last_error = coalesce(last_error, 'interrupted while calling')
            WHERE id = ${claimed.id}`);
          return;
        }
        calling = handler;
        // The lease token: random per claim. A worker whose call outlived its lease finds it changed (another
        // worker claimed the job since, or finished it) and its outcome is dropped. The attempts count could
        // not serve: a failed job revived starts again from zero and would repeat an old claim's count.
        offered = randomUUID();
        await tx.execute(sql`
          UPDATE jobs SET attempts = attempts + 1, lease_token = ${offered},
            run_at = now() + make_interval(secs => ${CALL_LEASE_SECONDS})
          WHERE id = ${claimed.id}`);
        return;
      }
      await handler(tx, claimed);
      await tx.execute(
        sql`UPDATE jobs SET status = 'done', attempts = attempts + 1, finished_at = now() WHERE id = ${claimed.id}`,
      );
    });
    // Held only once the claim has committed: a claim rolled back counts its failure as a transactional one's.
    lease = offered;
    if (claimed && calling && lease) {
      const job = claimed;
      const handler = calling;
      const token = lease;
      const recordOutcome = await handler.call(db, job);
      const recorded = await db.transaction(async (tx) => {
        // Marked done first: the row lock keeps a later claimant's record from running alongside this one.
        const marked = await tx.execute(sql`
          UPDATE jobs SET status = 'done', finished_at = now()
          WHERE id = ${job.id} AND status = 'pending' AND lease_token = ${token}
          RETURNING id`);
        if (rows<unknown>(marked).length === 0) return false;
        await recordOutcome(tx);
        return true;
      });
      if (!recorded) {
        log?.warn({ jobId: job.id, queue: job.queue }, 'job lease lost: a late outcome is dropped');
      }
    }
  } catch (error) {
    if (!claimed) throw error;
    const counted = await recordFailure(db, claimed, error, lease);
    if (counted) log?.warn({ jobId: claimed.id, queue: claimed.queue, err: error }, 'job failed');
    else log?.warn({ jobId: claimed.id, queue: claimed.queue }, 'job lease lost: a late failure is dropped');
  }
  return claimed !== undefined;
}

/**
 * Counts a failed attempt, only while the job is as this worker left it: pending, under its claim's lease token
 * (a calling job; its attempt was counted when claimed) or with the attempts count it was claimed with (a
 * transactional one, whose claim rolled back). Answers false when another worker has claimed or finished the
 * job since.
 */
async function recordFailure(db: Db, job: JobRecord, error: unknown, lease?: string): Promise<boolean> {
  // Kept for the operator like a log line, so it holds no more than a log line may: never a query's values.
  const messages: string[] = [];
  for (let described: { message: string; cause?: unknown } | undefined = describeError(error); described;) {
    messages.push(described.message);
    described = described.cause as { message: string; cause?: unknown } | undefined;
  }
  const message = messages.join(' ← ');
  const attempt = job.attempts + 1;
  const result = await db.execute(sql`
    UPDATE jobs SET
      attempts = ${attempt},
      last_error = ${message.slice(0, 2000)},
      status = CASE WHEN ${attempt} >= max_attempts THEN 'failed' ELSE 'pending' END,
      run_at = now() + make_interval(secs => ${backoffSeconds(attempt)}),
      finished_at = CASE WHEN ${attempt} >= max_attempts THEN now() ELSE NULL END
    WHERE id = ${job.id} AND status = 'pending'
      AND ${lease === undefined ? sql`attempts = ${job.attempts}` : sql`lease_token = ${lease}`}
    RETURNING id`);
  return rows<unknown>(result).length > 0;
}

export interface Worker {
  stop(): Promise<void>;
  /** Runs due jobs until none is left; for tests and for the seed. */
  drain(): Promise<number>;
}

/** Polls for due jobs; LISTEN/NOTIFY is not available on the embedded engine, and a short poll is enough. */
export function startWorker(
  db: Db,
  handlers: Record<string, QueueHandler>,
  log: Logger,
  intervalMs = 500,
  /** Further work polled on the same beat (the exchange inbox); each returns how much it did. */
  extraSteps: (() => Promise<number>)[] = [],
): Worker {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const drain = async (): Promise<number> => {
    let count = 0;
    for (;;) {
      let round = 0;
      while (!stopped && (await runOneJob(db, handlers, log))) round++;
      for (const step of extraSteps) if (!stopped) round += await step();
      count += round;
      if (round === 0 || stopped) return count;
    }
  };

  const tick = (): void => {
    running = drain()
      .then(() => undefined)
      .catch((error: unknown) => log.error({ err: error }, 'job worker error'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, intervalMs);

  return {
    drain,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
