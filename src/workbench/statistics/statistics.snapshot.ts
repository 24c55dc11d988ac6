import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { Tx } from '../../shared/db/database.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { UnitInfo } from '../supervision/supervision.repository.ts';
import { figureCache, unitsKey, type Kept } from '../supervision/supervision.cache.ts';
import { channelLines, ratingTallies } from './statistics.ratings.ts';
import { caseTallies, letterTallies } from './statistics.repository.ts';
import {
  snapshotOf,
  snapshotRun,
  snapshotTakenAt,
  writeSnapshot,
  type Snapshot,
} from './statistics.snapshot.repository.ts';
import { lastMonths, statisticsView, windowOf, type StatisticsView } from './statistics.view.ts';

// The statistics are precomputed: the daily job (statistics.service.ts) takes a snapshot of every unit's
// tallies, and the pages add up the units an officer reaches from it, saying when it was taken. A page asked
// for on a Beijing day with no snapshot yet takes one first, so the figures are never older than the day; an
// officer may also ask for a fresh one, at most once a minute.

const MIN_INTERVAL_MS = 60_000;

/** Computes every unit's tallies over the twelve Beijing months up to `now` and stores them as the snapshot. */
export async function takeSnapshot(tx: Tx, now: Date): Promise<Snapshot> {
  const months = lastMonths(todayInShanghai(now));
  const { from, to } = windowOf(months);
  const snapshot: Snapshot = {
    asOf: now,
    months,
    cases: await caseTallies(tx, 'all', from, to),
    letters: await letterTallies(tx, 'all', from, to),
    ratings: await ratingTallies(tx, 'all', from, to),
  };
  await writeSnapshot(tx, snapshot);
  return snapshot;
}

/** The view of `unit` from the snapshot, counting only the units of `counted`. */
export function snapshotView(
  unit: UnitInfo,
  counted: readonly UnitInfo[],
  snapshot: Snapshot,
): StatisticsView {
  const codes = new Set(counted.map((u) => u.code));
  const months = new Set(snapshot.months);
  return {
    ...statisticsView(unit, counted, snapshot.months, snapshot.cases, snapshot.letters),
    ratings: channelLines(snapshot.ratings.filter((r) => codes.has(r.unitCode) && months.has(r.month))),
    asOf: snapshot.asOf,
  };
}

// A view per unit and reach of the current snapshot, with its rendered figures (supervision.cache.ts).
const keptViews = figureCache<StatisticsView>(200);

/**
 * The stored statistics of `unit`, kept with their rendered figures until the next snapshot; a snapshot is
 * taken first when there is none of today (Beijing).
 */
export async function keptStatistics(
  services: ZoneServices,
  unit: UnitInfo,
  counted: readonly UnitInfo[],
): Promise<Kept<StatisticsView>> {
  const now = services.now();
  let run = await snapshotRun(services.db);
  if (!run || todayInShanghai(run.asOf) !== todayInShanghai(now)) {
    await services.db.transaction((tx) => takeSnapshot(tx, now));
    run = await snapshotRun(services.db);
    if (!run) throw new Error('the statistics snapshot was not stored');
  }
  const taken = run;
  return keptViews.get(services.db, `${taken.version}|${unitsKey(unit, counted)}`, async () =>
    snapshotView(
      unit,
      counted,
      await snapshotOf(
        services.db,
        taken,
        counted.map((u) => u.code),
      ),
    ),
  );
}

/** The stored statistics of `unit`; a snapshot is taken first when there is none of today (Beijing). */
export async function storedStatistics(
  services: ZoneServices,
  unit: UnitInfo,
  counted: readonly UnitInfo[],
): Promise<StatisticsView> {
  return (await keptStatistics(services, unit, counted)).value;
}

/** Takes a fresh snapshot on request, unless one was taken less than a minute ago; says whether it did. */
export async function refreshSnapshot(services: ZoneServices): Promise<boolean> {
  const now = services.now();
  const taken = await snapshotTakenAt(services.db);
  if (taken && now.getTime() - taken.getTime() < MIN_INTERVAL_MS) return false;
  await services.db.transaction((tx) => takeSnapshot(tx, now));
  return true;
}
