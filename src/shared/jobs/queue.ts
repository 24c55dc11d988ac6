import { rows } from '../db/database.ts';
import { sql } from 'drizzle-orm';
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

export type JobHandler = (tx: Tx, job: JobRecord) => Promise<void>;

/** Exponential backoff: 2 s, 4 s, 8 s … capped at one hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 2 ** Math.max(1, attempt));
}

/**
 * Claims one due job and runs its handler in the same transaction that marks it done. A crash anywhere rolls
 * the whole transaction back, so the job's database effects happen exactly once; the row lock (SKIP LOCKED)
 * keeps a second worker away while it runs.
 */
export async function runOneJob(
  db: Db,
  handlers: Record<string, JobHandler>,
  log?: Logger,
): Promise<boolean> {
  const queues = Object.keys(handlers);
  if (queues.length === 0) return false;
  let claimed: JobRecord | undefined;
  try {
    await db.transaction(async (tx) => {
      const result = await tx.execute(sql`
        SELECT id, queue, payload, attempts FROM jobs
        WHERE status = 'pending' AND run_at <= now() AND queue IN (${sql.join(
          queues.map((q) => sql`${q}`),
          sql`, `,
        )})
        ORDER BY run_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED`);
      const row = rows<unknown>(result)[0] as
        { id: string | number; queue: string; payload: unknown; attempts: number } | undefined;
      if (!row) return;
      claimed = { id: Number(row.id), queue: row.queue, payload: row.payload, attempts: row.attempts };
      const handler = handlers[claimed.queue];
      if (!handler) throw new Error(`no handler for queue ${claimed.queue}`);
      await handler(tx, claimed);
      await tx.execute(
        sql`UPDATE jobs SET status = 'done', attempts = attempts + 1, finished_at = now() WHERE id = ${claimed.id}`,
      );
    });
  } catch (error) {
    if (!claimed) throw error;
    await recordFailure(db, claimed, error);
    log?.warn({ jobId: claimed.id, queue: claimed.queue, err: error }, 'job failed');
  }
  return claimed !== undefined;
}

async function recordFailure(db: Db, job: JobRecord, error: unknown): Promise<void> {
  // Kept for the operator like a log line, so it holds no more than a log line may: never a query's values.
  const messages: string[] = [];
  for (let described: { message: string; cause?: unknown } | undefined = describeError(error); described;) {
    messages.push(described.message);
    described = described.cause as { message: string; cause?: unknown } | undefined;
  }
  const message = messages.join(' ← ');
  const attempt = job.attempts + 1;
  await db.execute(sql`
    UPDATE jobs SET
      attempts = ${attempt},
      last_error = ${message.slice(0, 2000)},
      status = CASE WHEN ${attempt} >= max_attempts THEN 'failed' ELSE 'pending' END,
      run_at = now() + make_interval(secs => ${backoffSeconds(attempt)}),
      finished_at = CASE WHEN ${attempt} >= max_attempts THEN now() ELSE NULL END
    WHERE id = ${job.id}`);
}

export interface Worker {
  stop(): Promise<void>;
  /** Runs due jobs until none is left; for tests and for the seed. */
  drain(): Promise<number>;
}

/** Polls for due jobs; LISTEN/NOTIFY is not available on the embedded engine, and a short poll is enough. */
export function startWorker(
  db: Db,
  handlers: Record<string, JobHandler>,
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
