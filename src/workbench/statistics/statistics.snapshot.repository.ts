import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../shared/db/database.ts';
import type { RatingChannel } from '../../exchange/contracts/index.ts';
import type { RatingTally } from './statistics.ratings.ts';
import type { CaseTally, LetterTally } from './statistics.repository.ts';
import { statisticsRuns, statisticsTallies } from './statistics.tables.ts';

// The precomputed statistics (statistics.tables.ts): written whole by the daily job or on demand, read by the
// pages for the units an officer reaches.

const LATEST = 'latest';
const BATCH = 500;

export interface Snapshot {
  asOf: Date;
  months: string[];
  cases: CaseTally[];
  letters: LetterTally[];
  ratings: RatingTally[];
}

type TallyRow = typeof statisticsTallies.$inferInsert;

/** Replaces the snapshot with this one; concurrent writers queue on the run row and the last one stands. */
export async function writeSnapshot(tx: Tx, snapshot: Snapshot): Promise<void> {
  const run = { id: LATEST, asOf: snapshot.asOf, months: snapshot.months };
  await tx
    .insert(statisticsRuns)
    .values(run)
    .onConflictDoUpdate({ target: statisticsRuns.id, set: { asOf: run.asOf, months: run.months } });
  await tx.delete(statisticsTallies);
  const rows: TallyRow[] = [
    ...snapshot.cases.map(({ month, unitCode, itemId, ...figures }) => ({
      kind: 'case' as const,
      month,
      unitCode,
      key: itemId,
      figures,
    })),
    ...snapshot.letters.map(({ month, unitCode, ...figures }) => ({
      kind: 'letter' as const,
      month,
      unitCode,
      key: '',
      figures,
    })),
    ...snapshot.ratings.map(({ month, unitCode, channel, ...figures }) => ({
      kind: 'rating' as const,
      month,
      unitCode,
      key: channel,
      figures,
    })),
  ];
  for (let i = 0; i < rows.length; i += BATCH)
    await tx.insert(statisticsTallies).values(rows.slice(i, i + BATCH));
}

/** When the snapshot was taken, or undefined before the first one. */
export async function snapshotTakenAt(ex: Executor): Promise<Date | undefined> {
  const [run] = await ex
    .select({ asOf: statisticsRuns.asOf })
    .from(statisticsRuns)
    .where(eq(statisticsRuns.id, LATEST));
  return run?.asOf;
}

export interface SnapshotRun {
  asOf: Date;
  months: string[];
  /**
   * Changes with every snapshot written: the run row's `xmin` is the writing transaction's, so two snapshots
   * taken at one instant (a clock standing still) still differ. Views computed from a snapshot are kept under it.
   */
  version: string;
}

/** The latest snapshot's time, months and version; undefined before the first one. */
export async function snapshotRun(ex: Executor): Promise<SnapshotRun | undefined> {
  const [run] = await ex
    .select({ asOf: statisticsRuns.asOf, months: statisticsRuns.months, xmin: sql<string>`xmin::text` })
    .from(statisticsRuns)
    .where(eq(statisticsRuns.id, LATEST));
  return run && { asOf: run.asOf, months: run.months, version: `${run.xmin}:${run.asOf.toISOString()}` };
}

/** The snapshot's tallies of the units named; undefined before the first snapshot. */
export async function readSnapshot(ex: Executor, units: readonly string[]): Promise<Snapshot | undefined> {
  const run = await snapshotRun(ex);
  return run && snapshotOf(ex, run, units);
}

/** The tallies of the units named in the snapshot whose run was read. */
export async function snapshotOf(
  ex: Executor,
  run: SnapshotRun,
  units: readonly string[],
): Promise<Snapshot> {
  const found = units.length
    ? await ex
        .select()
        .from(statisticsTallies)
        .where(inArray(statisticsTallies.unitCode, [...units]))
    : [];
  const snapshot: Snapshot = { asOf: run.asOf, months: run.months, cases: [], letters: [], ratings: [] };
  for (const row of found) {
    const base = { month: row.month, unitCode: row.unitCode };
    if (row.kind === 'case')
      snapshot.cases.push({
        ...base,
        itemId: row.key,
        ...(row.figures as Omit<CaseTally, keyof typeof base | 'itemId'>),
      });
    else if (row.kind === 'letter')
      snapshot.letters.push({ ...base, ...(row.figures as Omit<LetterTally, keyof typeof base>) });
    else
      snapshot.ratings.push({
        ...base,
        channel: row.key as RatingChannel,
        ...(row.figures as Omit<RatingTally, keyof typeof base | 'channel'>),
      });
  }
  return snapshot;
}
