import type { ZoneServices } from '../../shared/zone.ts';
import type { PageContext } from '../../shared/ui/context.ts';
import type { CaseRow } from '../cases/cases.tables.ts';
import { DeliveryPanel, deliveryHistory } from './delivery.pages.tsx';
import { deliveryOf, eventsOf } from './delivery.repository.ts';
import { deliveryActions, recipientOf } from './delivery.service.ts';

/** What the case page shows of the delivery: its panel, and its steps for the case's history. */
export async function deliveryView(services: ZoneServices, ctx: PageContext, row: CaseRow) {
  const [delivery, events] = await Promise.all([
    deliveryOf(services.db, row.caseNumber),
    eventsOf(services.db, row.caseNumber),
  ]);
  return {
    panel: DeliveryPanel({
      ctx,
      caseNumber: row.caseNumber,
      delivery,
      recipient: delivery ? recipientOf(services, delivery) : undefined,
      actions: deliveryActions(row, delivery),
    }),
    history: deliveryHistory(ctx, events),
  };
}
