import { asc, eq } from 'drizzle-orm';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { caseDeliveries, caseDeliveryEvents } from './delivery.tables.ts';

export type DeliveryRow = typeof caseDeliveries.$inferSelect;
export type DeliveryEventRow = typeof caseDeliveryEvents.$inferSelect;

export async function deliveryOf(
  ex: Executor,
  caseNumber: string,
  options: { lock?: boolean } = {},
): Promise<DeliveryRow | undefined> {
  const query = ex.select().from(caseDeliveries).where(eq(caseDeliveries.caseNumber, caseNumber));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/** A new request, or a repeated one after a cancellation or a hall collection: the old waybill is history. */
export async function saveRequest(tx: Tx, row: typeof caseDeliveries.$inferInsert): Promise<void> {
  await tx
    .insert(caseDeliveries)
    .values(row)
    .onConflictDoUpdate({
      target: caseDeliveries.caseNumber,
      set: {
        status: row.status,
        waybillNo: null,
        sender: null,
        recipientSealed: null,
        requestedBy: row.requestedBy,
        requestedAt: row.requestedAt,
        updatedAt: row.updatedAt,
      },
    });
}

export async function updateDelivery(
  tx: Tx,
  caseNumber: string,
  change: Partial<typeof caseDeliveries.$inferInsert>,
): Promise<void> {
  await tx.update(caseDeliveries).set(change).where(eq(caseDeliveries.caseNumber, caseNumber));
}

/** False when the event came before (a redelivered message). */
export async function insertEvent(tx: Tx, row: typeof caseDeliveryEvents.$inferInsert): Promise<boolean> {
  const inserted = await tx
    .insert(caseDeliveryEvents)
    .values(row)
    .onConflictDoNothing()
    .returning({ eventId: caseDeliveryEvents.eventId });
  return inserted.length > 0;
}

export async function eventsOf(ex: Executor, caseNumber: string): Promise<DeliveryEventRow[]> {
  return ex
    .select()
    .from(caseDeliveryEvents)
    .where(eq(caseDeliveryEvents.caseNumber, caseNumber))
    .orderBy(asc(caseDeliveryEvents.occurredAt));
}
