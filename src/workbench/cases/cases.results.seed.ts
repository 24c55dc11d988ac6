import { count, eq } from 'drizzle-orm';
import { approvalResultPublished } from '../../exchange/contracts/index.ts';
import { outbox } from '../db/schema.ts';
import type { ServiceItem } from '../../shared/catalog/index.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { catalogItems } from '../catalog-authoring/catalog-authoring.tables.ts';
import { demoCompanies } from '../market-registry/market-registry.seed.ts';
import { workflowForItem } from './cases.item-workflows.ts';
import { itemContent, unitByCode } from './cases.repository.ts';
import { publishApprovalResult } from './cases.results.ts';

// 审批结果公示 of the demo city: a few decisions on the fictional companies' licences and filings, so the
// column is not empty on the first start. Each goes out through publishApprovalResult, the function a case's
// grant, refusal or filing step calls, so it passes the same gates (a company, not an individual business; a
// licence or a filing; the deciding unit's name) and crosses the exchange like a real result. The cases
// themselves are not created: their status messages would name applications the portal never received.

interface DemoDecision {
  itemId: string;
  /** The demo company's name in the synthetic market registry. */
  company: string;
  action: 'grant' | 'refuse' | 'issue';
  daysAgo: number;
}

const decisions: readonly DemoDecision[] = [
  {
    itemId: 'large-event-safety-licence',
    company: '示范市高新信息技术股份有限公司',
    action: 'grant',
    daysAgo: 3,
  },
  { itemId: 'seal-engraving-filing', company: '示范市高新安保服务有限公司', action: 'issue', daysAgo: 4 },
  { itemId: 'fire-venue-opening-check', company: '示范市湖滨餐饮管理有限公司', action: 'grant', daysAgo: 6 },
  {
    itemId: 'precursor-cat2-transport-licence',
    company: '示范市江岸物流有限公司',
    action: 'refuse',
    daysAgo: 9,
  },
  {
    itemId: 'toxic-chemical-purchase-licence',
    company: '示范市临港化工贸易有限公司',
    action: 'grant',
    daysAgo: 12,
  },
  { itemId: 'seal-engraving-filing', company: '示范市示范贸易有限公司', action: 'issue', daysAgo: 15 },
];

/** Publishes the demo decisions once; an installation that has published any result is left alone. */
export async function seedApprovalResults(
  services: ZoneServices,
  demo: readonly DemoDecision[] = decisions,
): Promise<number> {
  const now = services.now();
  const registry = new Map(demoCompanies().map((c) => [c.name, c.creditCode]));
  return services.db.transaction(async (tx) => {
    const [sent] = await tx
      .select({ n: count() })
      .from(outbox)
      .where(eq(outbox.type, approvalResultPublished.type));
    if ((sent?.n ?? 0) > 0) return 0;
    let published = 0;
    // Oldest first, so the portal's list (newest decision first, ties in arrival order) reads as decided.
    for (const d of [...demo].sort((a, b) => b.daysAgo - a.daysAgo)) {
      const [entry] = await tx
        .select({ version: catalogItems.publishedVersion })
        .from(catalogItems)
        .where(eq(catalogItems.id, d.itemId));
      const creditCode = registry.get(d.company);
      if (!entry?.version || !creditCode)
        throw new Error(`demo decision on ${d.itemId} has no item or company`);
      const item = (await itemContent(tx, d.itemId, entry.version)) as ServiceItem;
      const unit = await unitByCode(tx, item.implementingUnit.unitCode);
      if (!unit) throw new Error(`the deciding unit of ${d.itemId} is not in the org tree`);
      const ok = await publishApprovalResult(tx, {
        caseRow: {
          itemId: item.id,
          itemVersion: entry.version,
          itemName: item.name.zh,
          itemNameEn: item.name.en,
          workflowId: workflowForItem(item),
          companyName: d.company,
          companyCreditCode: creditCode,
        },
        action: d.action,
        unit: { name: unit.name, nameEn: unit.nameEn },
        at: new Date(now.getTime() - d.daysAgo * 86_400_000),
      });
      // A demo decision the gates refuse is a mistake in this list, not something to skip quietly.
      if (!ok) throw new Error(`demo decision on ${d.itemId} for ${d.company} would not be published`);
      published += 1;
    }
    return published;
  });
}
