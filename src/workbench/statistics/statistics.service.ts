import type { Static } from 'typebox';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { Executor } from '../../shared/db/database.ts';
import { enqueue, type JobHandler } from '../../shared/jobs/queue.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { send } from '../../exchange/facade.ts';
import { statisticsPublished } from '../../exchange/contracts/index.ts';
import { rootUnit, subtreeOf, type UnitInfo } from '../supervision/supervision.repository.ts';
import { ratingsByChannel } from './statistics.ratings.ts';
import { caseTallies, letterTallies } from './statistics.repository.ts';
import { snapshotView, takeSnapshot } from './statistics.snapshot.ts';
import { lastMonths, statisticsView, windowOf, type Line, type StatisticsView } from './statistics.view.ts';

// The statistics of a unit over the last twelve Beijing months on the zone's clock, computed live (the
// snapshot must equal it), and the nightly run: the snapshot the pages read, and the publication of the
// bureau's figures to the portal's transparency page.

/** The view of `unit`, counting only the units of `counted` (those the officer reaches). */
export async function unitStatistics(
  ex: Executor,
  now: Date,
  unit: UnitInfo,
  counted: readonly UnitInfo[],
): Promise<StatisticsView> {
  const months = lastMonths(todayInShanghai(now));
  const { from, to } = windowOf(months);
  const codes = counted.map((u) => u.code);
  const [cases, letters, ratings] = await Promise.all([
    caseTallies(ex, codes, from, to),
    letterTallies(ex, codes, from, to),
    ratingsByChannel(ex, codes, from, to),
  ]);
  return { ...statisticsView(unit, counted, months, cases, letters), ratings, asOf: now };
}

export const STATISTICS_QUEUE = 'statistics.publish';

type Published = Static<typeof statisticsPublished.schema>;

const figuresOf = (l: Line) => ({
  applications: l.applications,
  concluded: l.concluded,
  onTimeRate: l.onTimeRate,
  avgCycleDays: l.avgCycleDays,
  zeroVisitRate: l.zeroVisitRate,
  oneVisitRate: l.oneVisitRate,
  letters: l.letters,
  replyRate: l.replyRate,
});

/** The bureau's figures as they cross to the portal. */
export function publishedFigures(view: StatisticsView, asOf: string, now: Date): Published {
  return {
    asOf,
    publishedAt: now.toISOString(),
    bureau: { zh: view.unit.name, en: view.unit.nameEn ?? view.unit.name },
    total: figuresOf(view.total),
    months: view.byMonth.map((l) => ({ month: l.key, ...figuresOf(l) })),
    services: view.byService.slice(0, 20).map((l) => ({
      itemId: l.key,
      zh: l.label.zh.slice(0, 200),
      en: l.label.en.slice(0, 300),
      ...figuresOf(l),
    })),
  };
}

/**
 * The nightly run: takes the day's snapshot of every unit's figures (statistics.snapshot.ts) and sends the
 * whole force's, from it, to the portal, in the job's transaction.
 */
export function statisticsJob(services: ZoneServices): JobHandler {
  return async (tx) => {
    const now = services.now();
    const snapshot = await takeSnapshot(tx, now);
    const root = await rootUnit(tx);
    if (!root) return;
    const view = snapshotView(root, await subtreeOf(tx, root.path), snapshot);
    await send(tx, statisticsPublished, publishedFigures(view, todayInShanghai(now), now));
  };
}

/** Queues the publication once per Beijing day of the zone's clock. */
export async function scheduleStatistics(services: ZoneServices): Promise<void> {
  const day = todayInShanghai(services.now());
  await enqueue(services.db, STATISTICS_QUEUE, {}, { dedupeKey: `${STATISTICS_QUEUE}:${day}` });
}
