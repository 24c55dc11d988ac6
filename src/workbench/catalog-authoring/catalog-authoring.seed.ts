import { catalogItemPublished } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { eq } from 'drizzle-orm';
import { loadCatalogItems, type CatalogDocumentFile, type ServiceItem } from '../../shared/catalog/index.ts';
import type { Tx } from '../../shared/db/database.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { recordAudit } from '../audit/audit.ts';
import { sendDocumentsOf, seedDocuments } from './catalog-authoring.documents.ts';
import { streamOf } from './catalog-authoring.service.ts';
import { newVersionWorkflow } from './catalog-authoring.workflow.ts';
import { catalogItems, catalogItemVersions } from './catalog-authoring.tables.ts';

/** Who the audit log and the version history name for the reviewed files in `catalog/`. */
export const CATALOG_IMPORT_ACTOR = 'catalog-import';

/**
 * Loads the reviewed catalogue files as version 1 of each item, published, and queues a publication message
 * for each in the same transaction, so the first start publishes the catalogue to the portal through the
 * exchange like any later publication. Idempotent: an item the workbench already has is left alone (the
 * workbench, not the files, is where a guide changes once it is here). The blank forms and samples are loaded
 * the same way, and every published guide's documents that the portal has not been sent are queued ahead of
 * it, which also brings the documents to an installation whose guides were published before they existed.
 */
export async function seedCatalog(
  services: ZoneServices,
  source: readonly ServiceItem[] = loadCatalogItems(),
  files?: readonly CatalogDocumentFile[],
): Promise<{ imported: number; documents: number }> {
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const imported: string[] = [];
    const documents = await seedDocuments(tx, CATALOG_IMPORT_ACTOR, now, files);
    for (const row of await publishedContents(tx))
      await sendDocumentsOf(tx, row.content, streamOf(row.itemId));
    for (const file of source) {
      const item: ServiceItem = { ...file, version: 1 };
      const [created] = await tx
        .insert(catalogItems)
        .values({
          id: item.id,
          area: item.area,
          nameZh: item.name.zh,
          nameEn: item.name.en,
          unitCode: item.implementingUnit.unitCode,
          currentVersion: 1,
          publishedVersion: 1,
          status: 'published',
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: catalogItems.id })
        .returning({ id: catalogItems.id });
      if (!created) continue;
      await tx.insert(catalogItemVersions).values({
        itemId: item.id,
        version: 1,
        content: item,
        input: null,
        state: 'published',
        ...newVersionWorkflow(),
        authorBadge: CATALOG_IMPORT_ACTOR,
        editors: [],
        createdAt: now,
        updatedAt: now,
        submittedAt: now,
        submittedBy: CATALOG_IMPORT_ACTOR,
        reviewerBadge: CATALOG_IMPORT_ACTOR,
        decidedAt: now,
        publishedAt: now,
      });
      await sendDocumentsOf(tx, item, streamOf(item.id));
      await send(
        tx,
        catalogItemPublished,
        { item, version: 1, publishedAt: now.toISOString() },
        { stream: streamOf(item.id) },
      );
      imported.push(item.id);
    }
    if (imported.length > 0 || documents > 0) {
      await recordAudit(tx, {
        actor: CATALOG_IMPORT_ACTOR,
        actorUnit: null,
        action: 'catalog.import',
        target: 'catalog',
        sourceIp: null,
        detail: { count: imported.length, documents },
        at: now,
      });
    }
    return { imported: imported.length, documents };
  });
}

function publishedContents(tx: Tx) {
  return tx
    .select({ itemId: catalogItemVersions.itemId, content: catalogItemVersions.content })
    .from(catalogItemVersions)
    .where(eq(catalogItemVersions.state, 'published'));
}
