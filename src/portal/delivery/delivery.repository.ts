import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor, Tx } from '../../shared/db/database.ts';
import type { DeliveryStatus } from '../../shared/delivery/delivery.status.ts';
import { applications } from '../applications/applications.tables.ts';
import { citizens } from '../db/schema.ts';
import { deliveryChoices, waybillEvents, waybills } from './delivery.tables.ts';

export type ChoiceRow = typeof deliveryChoices.$inferSelect;
export type WaybillRow = typeof waybills.$inferSelect;
export type WaybillEventRow = typeof waybillEvents.$inferSelect;

export async function choiceOf(ex: Executor, applicationId: string): Promise<ChoiceRow | undefined> {
  const [row] = await ex
    .select()
    .from(deliveryChoices)
    .where(eq(deliveryChoices.applicationId, applicationId));
  return row;
}

export async function saveChoice(ex: Executor, choice: typeof deliveryChoices.$inferInsert): Promise<void> {
  await ex
    .insert(deliveryChoices)
    .values(choice)
    .onConflictDoUpdate({ target: deliveryChoices.applicationId, set: { ...choice } });
}

/** What the profile offers as the recipient: the verified name, the account's mobile, the address kept. */
export async function profileRecipient(ex: Executor, citizenId: string) {
  const [row] = await ex
    .select({ name: citizens.realName, phone: citizens.mobile, address: citizens.address })
    .from(citizens)
    .where(eq(citizens.id, citizenId));
  return row;
}

export async function applicationOfCase(ex: Executor, applicationId: string) {
  const [row] = await ex
    .select({
      id: applications.id,
      caseNumber: applications.caseNumber,
      itemId: applications.itemId,
    })
    .from(applications)
    .where(eq(applications.id, applicationId));
  return row;
}

export async function waybillsOfCase(ex: Executor, caseNumber: string): Promise<WaybillRow[]> {
  return ex
    .select()
    .from(waybills)
    .where(eq(waybills.caseNumber, caseNumber))
    .orderBy(asc(waybills.createdAt));
}

/** False when the order's waybill was recorded before (its order number is unique). */
export async function insertWaybill(tx: Tx, row: typeof waybills.$inferInsert): Promise<boolean> {
  const inserted = await tx
    .insert(waybills)
    .values(row)
    .onConflictDoNothing()
    .returning({ waybillNo: waybills.waybillNo });
  return inserted.length > 0;
}

export async function lockWaybill(tx: Tx, waybillNo: string): Promise<WaybillRow | undefined> {
  const [row] = await tx.select().from(waybills).where(eq(waybills.waybillNo, waybillNo)).for('update');
  return row;
}

export async function setWaybillStatus(tx: Tx, waybillNo: string, status: DeliveryStatus, at: Date) {
  await tx.update(waybills).set({ status, updatedAt: at }).where(eq(waybills.waybillNo, waybillNo));
}

/** False when the event was taken before (the courier repeats a callback until it is acknowledged). */
export async function insertEvent(tx: Tx, row: typeof waybillEvents.$inferInsert): Promise<boolean> {
  const inserted = await tx
    .insert(waybillEvents)
    .values(row)
    .onConflictDoNothing()
    .returning({ eventId: waybillEvents.eventId });
  return inserted.length > 0;
}

/** The steps of a case's waybills, by when the courier says they happened. */
export async function eventsOfCase(ex: Executor, caseNumber: string): Promise<WaybillEventRow[]> {
  const own = ex.select({ no: waybills.waybillNo }).from(waybills).where(eq(waybills.caseNumber, caseNumber));
  return ex
    .select()
    .from(waybillEvents)
    .where(inArray(waybillEvents.waybillNo, own))
    .orderBy(asc(waybillEvents.occurredAt), desc(waybillEvents.receivedAt));
}
