import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { jobs } from '../../src/shared/db/tables.ts';
import { callingJob, enqueue, runOneJob, startWorker, type JobHandler } from '../../src/shared/jobs/queue.ts';
import { deferred } from '../helpers/deferred.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal');
});
after(async () => zone.close());

const db = () => zone.database.db;

async function jobRow(queue: string) {
  const [row] = await db().select().from(jobs).where(eq(jobs.queue, queue));
  return row;
}

describe('the job queue', () => {
  test('a job enqueued in a rolled-back transaction never exists', async () => {
    await assert.rejects(
      db().transaction(async (tx) => {
        await enqueue(tx, 'test.rollback', { n: 1 });
        throw new Error('business change failed');
      }),
    );
    assert.equal(await jobRow('test.rollback'), undefined);
  });

  test('the same dedupe key is enqueued once', async () => {
    await enqueue(db(), 'test.dedupe', { n: 1 }, { dedupeKey: 'k1' });
    await enqueue(db(), 'test.dedupe', { n: 2 }, { dedupeKey: 'k1' });
    const rows = await db().select().from(jobs).where(eq(jobs.queue, 'test.dedupe'));
    assert.equal(rows.length, 1);
  });

  test('asked again, a job that gave up is revived with the new payload; a pending or done one is left alone', async () => {
    await enqueue(db(), 'test.revive', { n: 1 }, { dedupeKey: 'r1', reviveFailed: true });
    await enqueue(db(), 'test.revive', { n: 2 }, { dedupeKey: 'r1', reviveFailed: true });
    assert.deepEqual((await jobRow('test.revive'))?.payload, { n: 1 }, 'pending: left alone');
    await db().execute(sql`UPDATE jobs SET status = 'failed', attempts = 50 WHERE queue = 'test.revive'`);
    await enqueue(db(), 'test.revive', { n: 3 }, { dedupeKey: 'r1' });
    assert.equal((await jobRow('test.revive'))?.status, 'failed', 'not revived unless asked');
    await enqueue(db(), 'test.revive', { n: 4 }, { dedupeKey: 'r1', reviveFailed: true });
    const revived = await jobRow('test.revive');
    assert.equal(revived?.status, 'pending');
    assert.equal(revived?.attempts, 0);
    assert.deepEqual(revived?.payload, { n: 4 });
    await db().execute(sql`UPDATE jobs SET status = 'done' WHERE queue = 'test.revive'`);
    await enqueue(db(), 'test.revive', { n: 5 }, { dedupeKey: 'r1', reviveFailed: true });
    assert.equal((await jobRow('test.revive'))?.status, 'done', 'done: left alone');
  });

  test('a handler that fails midway leaves no trace of its writes and is retried later with backoff', async () => {
    let calls = 0;
    const handler: JobHandler = async (tx, job) => {
      calls++;
      await enqueue(tx, 'test.side-effect', { from: job.id });
      if (calls === 1) throw new Error('crash in the middle');
    };
    await enqueue(db(), 'test.crash', {});
    assert.equal(await runOneJob(db(), { 'test.crash': handler }), true);
    // The side effect of the failed attempt was rolled back with it.
    assert.equal(await jobRow('test.side-effect'), undefined);
    const failed = await jobRow('test.crash');
    assert.equal(failed?.status, 'pending');
    assert.equal(failed?.attempts, 1);
    assert.ok(failed && failed.runAt.getTime() > Date.now(), 'the retry waits for its backoff');
    // Not due yet: nothing runs.
    assert.equal(await runOneJob(db(), { 'test.crash': handler }), false);
    await db().execute(sql`UPDATE jobs SET run_at = now() WHERE queue = 'test.crash'`);
    assert.equal(await runOneJob(db(), { 'test.crash': handler }), true);
    assert.equal((await jobRow('test.crash'))?.status, 'done');
    const effects = await db().select().from(jobs).where(eq(jobs.queue, 'test.side-effect'));
    assert.equal(effects.length, 1, 'the effect happened exactly once');
  });

  test('a job that keeps failing stops after its last attempt and keeps the error', async () => {
    await enqueue(db(), 'test.poison', {}, { maxAttempts: 2 });
    const handler: JobHandler = async () => {
      throw new Error('always broken');
    };
    for (let i = 0; i < 2; i++) {
      await db().execute(sql`UPDATE jobs SET run_at = now() WHERE queue = 'test.poison'`);
      await runOneJob(db(), { 'test.poison': handler });
    }
    const row = await jobRow('test.poison');
    assert.equal(row?.status, 'failed');
    assert.equal(row?.lastError, 'always broken');
  });

  test('a job left by a process that died is still there for the next worker', async () => {
    // A crash before commit is a rollback: the claim disappears with it, the row stays pending.
    await enqueue(db(), 'test.restart', { n: 7 });
    await assert.rejects(
      db().transaction(async (tx) => {
        await tx.execute(sql`SELECT id FROM jobs WHERE queue = 'test.restart' FOR UPDATE SKIP LOCKED`);
        throw new Error('process killed');
      }),
    );
    const seen: unknown[] = [];
    const worker = startWorker(
      db(),
      {
        'test.restart': async (_tx, job) => {
          seen.push(job.payload);
        },
      },
      pino({ level: 'silent' }),
      10,
    );
    await worker.drain();
    await worker.stop();
    assert.deepEqual(seen, [{ n: 7 }]);
  });
});

describe('jobs that call another service', () => {
  const effects = async (queue: string) => db().select().from(jobs).where(eq(jobs.queue, queue));

  test('the call holds no transaction: the database answers other work meanwhile, the outcome is recorded after', async () => {
    const called = deferred<void>();
    const answer = deferred<number>();
    const handler = callingJob<number>({
      async call() {
        called.resolve();
        return answer.promise;
      },
      async record(tx, _job, outcome) {
        await enqueue(tx, 'test.calling-effect', { outcome });
      },
    });
    await enqueue(db(), 'test.calling', {});
    const running = runOneJob(db(), { 'test.calling': handler });
    await called.promise;
    // On the embedded engine (one connection) a transaction held across the call would stop all of these.
    const leased = await jobRow('test.calling');
    assert.equal(leased?.status, 'pending');
    assert.equal(leased?.attempts, 1, 'the attempt is counted when claimed');
    assert.ok(leased && leased.runAt.getTime() > Date.now() + 60_000, 'leased, not locked');
    assert.equal(await runOneJob(db(), { 'test.calling': handler }), false, 'another worker passes it by');
    await db().transaction((tx) => enqueue(tx, 'test.meanwhile', {}));
    assert.equal((await effects('test.calling-effect')).length, 0);
    answer.resolve(42);
    assert.equal(await running, true);
    const done = await jobRow('test.calling');
    assert.equal(done?.status, 'done');
    assert.equal(done?.attempts, 1);
    assert.deepEqual(
      (await effects('test.calling-effect')).map((e) => e.payload),
      [{ outcome: 42 }],
    );
  });

  test('a worker that dies between the call and the record: after the lease the call is made again, recorded once', async () => {
    let calls = 0;
    const died = deferred<void>();
    const handler = callingJob<string>({
      async call() {
        calls++;
        if (calls > 1) return 'booked';
        died.resolve();
        // The service booked it, but this worker never hears back: its process is gone.
        return new Promise<string>(() => undefined);
      },
      async record(tx, _job, outcome) {
        await enqueue(tx, 'test.died-effect', { outcome }, { dedupeKey: 'died-effect' });
      },
    });
    await enqueue(db(), 'test.died', {});
    void runOneJob(db(), { 'test.died': handler });
    await died.promise;
    assert.equal(await runOneJob(db(), { 'test.died': handler }), false, 'not before the lease runs out');
    await db().execute(sql`UPDATE jobs SET run_at = now() WHERE queue = 'test.died'`);
    assert.equal(await runOneJob(db(), { 'test.died': handler }), true);
    assert.equal(calls, 2);
    const row = await jobRow('test.died');
    assert.equal(row?.status, 'done');
    assert.equal(row?.attempts, 2);
    assert.equal((await effects('test.died-effect')).length, 1);
  });

  /** Worker A claims and calls; its lease runs out; worker B claims, calls and records; then A answers late. */
  async function outlivedLease(queue: string, lateA: 'success' | 'failure') {
    const aCalled = deferred<void>();
    const aAnswer = deferred<string>();
    let calls = 0;
    const recorded: string[] = [];
    const handler = callingJob<string>({
      async call() {
        calls++;
        if (calls > 1) return 'from B';
        aCalled.resolve();
        return aAnswer.promise;
      },
      async record(tx, _job, outcome) {
        recorded.push(outcome);
        await enqueue(tx, `${queue}-effect`, { outcome });
      },
    });
    await enqueue(db(), queue, {});
    const warnings: unknown[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) });
    const workerA = runOneJob(db(), { [queue]: handler }, log);
    await aCalled.promise;
    // The lease runs out (the clock moved on, not waited for).
    await db().execute(sql`UPDATE jobs SET run_at = now() WHERE queue = ${queue}`);
    assert.equal(await runOneJob(db(), { [queue]: handler }, log), true, 'B claims and finishes');
    const finished = await jobRow(queue);
    assert.equal(finished?.status, 'done');
    assert.equal(finished?.attempts, 2);
    if (lateA === 'success') aAnswer.resolve('from A');
    else aAnswer.reject(new Error('A timed out'));
    assert.equal(await workerA, true);
    const after = await jobRow(queue);
    assert.equal(after?.status, 'done', "A's late answer does not set the job going again");
    assert.equal(after?.attempts, 2);
    assert.equal(after?.lastError, null);
    assert.deepEqual(after?.finishedAt, finished?.finishedAt);
    assert.deepEqual(recorded, ['from B'], "A's outcome is not recorded");
    assert.equal((await effects(`${queue}-effect`)).length, 1);
    // Logged, with the job's id and queue only.
    const lost = warnings.filter((w) => String((w as { msg: string }).msg).includes('lease lost'));
    assert.equal(lost.length, 1);
    assert.equal((lost[0] as { jobId: number }).jobId, finished?.id);
    assert.equal((lost[0] as { err?: unknown }).err, undefined);
  }

  test("a worker whose call outlived its lease: its late success changes nothing after another's finished", () =>
    outlivedLease('test.late-success', 'success'));

  test("a worker whose call outlived its lease: its late failure changes nothing after another's finished", () =>
    outlivedLease('test.late-failure', 'failure'));

  test('a worker whose call outlived a job given up and revived cannot finish the revived claim', async () => {
    const called = [deferred<void>(), deferred<void>()];
    const answers = [deferred<string>(), deferred<string>()];
    let calls = 0;
    const recorded: string[] = [];
    const handler = callingJob<string>({
      async call() {
        const n = calls++;
        called[n]!.resolve();
        return answers[n]!.promise;
      },
      async record(_tx, _job, outcome) {
        recorded.push(outcome);
      },
    });
    const queue = { 'test.revived': handler };
    await enqueue(db(), 'test.revived', { n: 1 }, { dedupeKey: 'revived-1', reviveFailed: true });
    const workerA = runOneJob(db(), queue);
    await called[0]!.promise;
    // Given up while A still waits, then asked for again: attempts start from zero, so B's claim counts 1 as A's did.
    await db().execute(sql`UPDATE jobs SET status = 'failed' WHERE queue = 'test.revived'`);
    await enqueue(db(), 'test.revived', { n: 2 }, { dedupeKey: 'revived-1', reviveFailed: true });
    const workerB = runOneJob(db(), queue);
    await called[1]!.promise;
    assert.equal((await jobRow('test.revived'))?.attempts, 1);
    answers[0]!.resolve('from A');
    assert.equal(await workerA, true);
    assert.equal(
      (await jobRow('test.revived'))?.status,
      'pending',
      "A's late answer does not finish B's claim",
    );
    answers[1]!.resolve('from B');
    assert.equal(await workerB, true);
    assert.equal((await jobRow('test.revived'))?.status, 'done');
    assert.deepEqual(recorded, ['from B']);
  });

  test('a late worker whose lease ran out but that nobody claimed since still records its outcome', async () => {
    const called = deferred<void>();
    const answer = deferred<string>();
    const handler = callingJob<string>({
      async call() {
        called.resolve();
        return answer.promise;
      },
      async record(tx, _job, outcome) {
        await enqueue(tx, 'test.slow-effect', { outcome });
      },
    });
    await enqueue(db(), 'test.slow', {});
    const running = runOneJob(db(), { 'test.slow': handler });
    await called.promise;
    await db().execute(sql`UPDATE jobs SET run_at = now() WHERE queue = 'test.slow'`);
    answer.resolve('late but alone');
    assert.equal(await running, true);
    assert.equal((await jobRow('test.slow'))?.status, 'done');
    assert.equal((await effects('test.slow-effect')).length, 1);
  });

  test('a failed call is retried with backoff; one whose workers keep dying is given up', async () => {
    const handler = callingJob<void>({
      async call() {
        throw new Error('service away');
      },
      async record() {},
    });
    await enqueue(db(), 'test.away', {}, { maxAttempts: 3 });
    assert.equal(await runOneJob(db(), { 'test.away': handler }), true);
    const waiting = await jobRow('test.away');
    assert.equal(waiting?.status, 'pending');
    assert.equal(waiting?.attempts, 1);
    assert.equal(waiting?.lastError, 'service away');
    assert.ok(waiting && waiting.runAt.getTime() > Date.now(), 'the retry waits for its backoff');
    // Two more claims whose workers died (the attempts counted at each claim), then the job is given up.
    await db().execute(sql`UPDATE jobs SET attempts = 3, run_at = now() WHERE queue = 'test.away'`);
    assert.equal(await runOneJob(db(), { 'test.away': handler }), true);
    const given = await jobRow('test.away');
    assert.equal(given?.status, 'failed');
    assert.equal(given?.lastError, 'service away');
  });
});
