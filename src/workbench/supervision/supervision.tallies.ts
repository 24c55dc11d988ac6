import { eq, inArray, sql } from 'drizzle-orm';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { enqueue, type JobHandler } from '../../shared/jobs/queue.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { supervisedSources, tallyRow, type TallyColumns, type TallyRow } from './supervision.sources.ts';
import { supervisionTallies, supervisionTallyRuns } from './supervision.tables.ts';

// The supervision view reads precomputed tallies: counting a city's open cases and letters at every view
// takes longer than the view may. A job retakes them every minute; a view that finds them a minute old, or
// of another Beijing day (amber and red move at midnight), retakes them itself first, so they are never
// more than a minute behind the items. One transaction at a time retakes them; readers see the last whole set.

export const TALLY_MAX_AGE_MS = 60_000;
// The job retakes a little sooner, so views seldom have to wait for it.
const JOB_AGE_MS = 30_000;
export const TALLY_QUEUE = 'supervision.tallies';
const RUN_ID = 'current';

async function takenAt(ex: Executor): Promise<{ asOf: Date; today: string } | undefined> {
  const [run] = await ex
    .select({ asOf: supervisionTallyRuns.asOf, today: supervisionTallyRuns.today })
    .from(supervisionTallyRuns)
    .where(eq(supervisionTallyRuns.id, RUN_ID));
  return run;
}

function isFresh(run: { asOf: Date; today: string } | undefined, now: Date, maxAgeMs: number): boolean {
  if (!run || run.today !== todayInShanghai(now)) return false;
  const age = now.getTime() - run.asOf.getTime();
  // A clock set back (tests, a corrected server clock) makes the tallies unknown, not fresh.
  return age >= 0 && age < maxAgeMs;
}

// The run last read, per database, so a view reads it only once the tallies it names are a minute old (or of
// another day), not at every request: what it shows is then still never more than a minute behind. A retake in
// this process starts a new generation, which forgets what was held; a retake elsewhere (another process, the
// job) is found when the held run grows a minute old, by which time the job has taken a newer one.
type Run = { asOf: Date; today: string; xmin: string };
const heldRuns = new WeakMap<object, { run: Run; generation: number }>();
let generation = 0;

/** Counts every source's open items now and stores them as the tallies, unless another just did. */
export async function retakeTallies(tx: Tx, now: Date, maxAgeMs = TALLY_MAX_AGE_MS): Promise<boolean> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('supervision_tallies'))`);
  if (isFresh(await takenAt(tx), now, maxAgeMs)) return false;
  generation++;
  const today = todayInShanghai(now);
  await tx.delete(supervisionTallies);
  for (const source of supervisedSources)
    await tx.execute(sql`
      INSERT INTO supervision_tallies (source, unit_code, service, service_name, service_name_en, workflow_id,
        step, officer, open, amber, red)
      SELECT ${source.id}, t.unit_code, t.service, t.service_name, t.service_name_en, t.workflow_id, t.step,
        t.officer, t.open, t.amber, t.red
      FROM (${source.tallyQuery('all', today)}) AS t`);
  await tx
    .insert(supervisionTallyRuns)
    .values({ id: RUN_ID, asOf: now, today })
    .onConflictDoUpdate({ target: supervisionTallyRuns.id, set: { asOf: now, today } });
  return true;
}

/**
 * The version of the stored tallies, retaken first when they are a minute old or of another day. It changes
 * whenever they are retaken (the run row's `xmin` is the retaking transaction's, so even a clock that stands
 * still gives a new one), which lets a view computed from them be kept until the next retake.
 */
export async function tallyVersion(services: ZoneServices): Promise<string> {
  const now = services.now();
  const held = heldRuns.get(services.db);
  let run: Run | undefined =
    held && held.generation === generation && isFresh(held.run, now, TALLY_MAX_AGE_MS) ? held.run : undefined;
  if (!run) {
    let readAt = generation;
    run = await versionedRun(services.db);
    if (!isFresh(run, now, TALLY_MAX_AGE_MS)) {
      await services.db.transaction((tx) => retakeTallies(tx, now));
      readAt = generation;
      run = await versionedRun(services.db);
    }
    // Not held when a retake began while it was read: that one may not have been committed yet.
    if (run && readAt === generation) heldRuns.set(services.db, { run, generation });
  }
  return run ? `${run.xmin}:${run.asOf.toISOString()}:${run.today}` : 'none';
}

async function versionedRun(ex: Executor) {
  const [run] = await ex
    .select({
      asOf: supervisionTallyRuns.asOf,
      today: supervisionTallyRuns.today,
      xmin: sql<string>`xmin::text`,
    })
    .from(supervisionTallyRuns)
    .where(eq(supervisionTallyRuns.id, RUN_ID));
  return run;
}

/** The stored tallies of these units as they are now (see tallyVersion for their freshness). */
export async function tallyRows(ex: Executor, units: readonly string[]): Promise<TallyRow[]> {
  if (units.length === 0) return [];
  const found = await ex
    .select({
      source: supervisionTallies.source,
      unit_code: supervisionTallies.unitCode,
      service: supervisionTallies.service,
      service_name: supervisionTallies.serviceName,
      service_name_en: supervisionTallies.serviceNameEn,
      workflow_id: supervisionTallies.workflowId,
      step: supervisionTallies.step,
      officer: supervisionTallies.officer,
      open: supervisionTallies.open,
      amber: supervisionTallies.amber,
      red: supervisionTallies.red,
    })
    .from(supervisionTallies)
    .where(inArray(supervisionTallies.unitCode, [...units]));
  return found.map((r: TallyColumns & { source: string }) => tallyRow(r.source, r));
}

/** The tallies of these units, retaken first when they are a minute old or of another day. */
export async function storedTally(services: ZoneServices, units: readonly string[]): Promise<TallyRow[]> {
  await tallyVersion(services);
  return tallyRows(services.db, units);
}

export function tallyJob(services: ZoneServices): JobHandler {
  return async (tx) => {
    await retakeTallies(tx, services.now(), JOB_AGE_MS);
  };
}

/** Queues a retake once per minute of the zone's clock. */
export async function scheduleTallies(services: ZoneServices): Promise<void> {
  const minute = services.now().toISOString().slice(0, 16);
  await enqueue(services.db, TALLY_QUEUE, {}, { dedupeKey: `${TALLY_QUEUE}:${minute}` });
}
