import type { ServiceItem } from '../../shared/catalog/index.ts';
import type { Db } from '../../shared/db/database.ts';
import { applyPublishedItem } from './catalog.service.ts';

/**
 * Publishes items straight into the portal's database, bypassing the workbench and the exchange.
 * FOR TESTS AND BENCHMARKS ONLY: in a running bureau items reach the portal only as signed publication messages
 * through the exchange, after the workbench has checked them against the publication rules. Nothing in the
 * application imports this.
 */
export async function publishCatalogDirectly(
  db: Db,
  items: readonly ServiceItem[],
  publishedAt: Date = new Date(),
): Promise<{ applied: number; ignored: number }> {
  let applied = 0;
  // One transaction per batch keeps a 5,000-item benchmark seed quick without one giant transaction.
  for (let i = 0; i < items.length; i += 100) {
    const batch = items.slice(i, i + 100);
    await db.transaction(async (tx) => {
      for (const item of batch) if ((await applyPublishedItem(tx, item, publishedAt)) === 'applied') applied++;
    });
  }
  return { applied, ignored: items.length - applied };
}
