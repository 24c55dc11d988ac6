import {
  loadCatalogDocuments,
  type CatalogDocumentFile,
  type ServiceItem,
} from '../../shared/catalog/index.ts';
import type { Db } from '../../shared/db/database.ts';
import { applyDocument } from './catalog.documents.ts';
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
      for (const item of batch)
        if ((await applyPublishedItem(tx, item, publishedAt)) === 'applied') applied++;
    });
  }
  return { applied, ignored: items.length - applied };
}

/** The same shortcut for the blank forms and samples under catalog/: FOR TESTS AND BENCHMARKS ONLY. */
export async function publishDocumentsDirectly(
  db: Db,
  files: readonly CatalogDocumentFile[] = loadCatalogDocuments(),
): Promise<number> {
  await db.transaction(async (tx) => {
    for (const f of files) {
      const data = f.content.toString('base64');
      const file = { name: f.path.split('/')[1] ?? f.path, declaredType: 'application/pdf', data };
      await applyDocument(
        tx,
        { path: f.path, title: f.title, kind: f.kind, sha256: f.sha256, file },
        new Date(),
      );
    }
  });
  return files.length;
}
