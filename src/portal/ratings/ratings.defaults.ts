import { enqueue, type JobHandler } from '../../shared/jobs/queue.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { RATING_BATCH, recordDefaults } from './ratings.service.ts';

// The default rating: a case finished or a letter answered longer ago than the rating period, and not rated,
// gets the default level, marked as defaulted. Counted on the zone's clock, swept once an hour.

export const RATING_DEFAULT_QUEUE = 'ratings.default';

export function ratingDefaultJob(services: ZoneServices): JobHandler {
  return async (tx) => {
    const recorded = await recordDefaults(tx, services.now());
    // A full batch: more may be waiting, so another run follows at once.
    if (recorded === RATING_BATCH) await enqueue(tx, RATING_DEFAULT_QUEUE, {});
  };
}

/** Queues the sweep once per hour of the zone's clock. */
export async function scheduleRatingDefaults(services: ZoneServices): Promise<void> {
  const hour = services.now().toISOString().slice(0, 13);
  await enqueue(services.db, RATING_DEFAULT_QUEUE, {}, { dedupeKey: `${RATING_DEFAULT_QUEUE}:${hour}` });
}
