import { and, desc, eq, getTableColumns, notInArray } from 'drizzle-orm';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { trafficDecisionDocuments, trafficLookups, trafficViolationCopies } from './traffic.tables.ts';

export type LookupRow = typeof trafficLookups.$inferSelect;
export type ViolationRow = typeof trafficViolationCopies.$inferSelect;
export type ViolationListRow = Omit<ViolationRow, 'photo'>;

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the picture is left out of lists on purpose
const { photo, ...listColumns } = getTableColumns(trafficViolationCopies);

export async function lookupOf(
  ex: Executor,
  citizenId: string,
  options: { lock?: boolean } = {},
): Promise<LookupRow | undefined> {
  const query = ex.select().from(trafficLookups).where(eq(trafficLookups.citizenId, citizenId));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function startLookup(tx: Tx, citizenId: string, requestId: string, at: Date): Promise<void> {
  await tx
    .insert(trafficLookups)
    .values({ citizenId, requestId, requestedAt: at })
    .onConflictDoUpdate({ target: trafficLookups.citizenId, set: { requestId, requestedAt: at } });
}

export async function storeAnswer(
  tx: Tx,
  citizenId: string,
  answer: Pick<LookupRow, 'asOf' | 'vehicles' | 'licence' | 'answeredAt'> & { requestId: string },
): Promise<void> {
  const { requestId, ...rest } = answer;
  await tx
    .insert(trafficLookups)
    .values({ citizenId, requestId, requestedAt: answer.answeredAt!, ...rest })
    .onConflictDoUpdate({ target: trafficLookups.citizenId, set: rest });
}

export async function violationsOf(ex: Executor, citizenId: string): Promise<ViolationListRow[]> {
  return ex
    .select(listColumns)
    .from(trafficViolationCopies)
    .where(eq(trafficViolationCopies.citizenId, citizenId))
    .orderBy(desc(trafficViolationCopies.occurredAt));
}

export async function violationById(
  ex: Executor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<ViolationRow | undefined> {
  const query = ex.select().from(trafficViolationCopies).where(eq(trafficViolationCopies.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function markAcceptRequested(tx: Tx, id: string, requestId: string, at: Date): Promise<void> {
  await tx
    .update(trafficViolationCopies)
    .set({ acceptRequestId: requestId, acceptRequestedAt: at })
    .where(eq(trafficViolationCopies.id, id));
}

/** Drops his copies the police zone no longer lists for him (a vehicle sold, a record cancelled). */
export async function dropOthers(tx: Tx, citizenId: string, keep: string[]): Promise<void> {
  const mine = eq(trafficViolationCopies.citizenId, citizenId);
  await tx
    .delete(trafficViolationCopies)
    .where(keep.length ? and(mine, notInArray(trafficViolationCopies.id, keep)) : mine);
}

export async function upsertViolation(
  tx: Tx,
  row: typeof trafficViolationCopies.$inferInsert,
): Promise<void> {
  const changes: Partial<typeof row> = { ...row };
  delete changes.id;
  await tx
    .insert(trafficViolationCopies)
    .values(row)
    .onConflictDoUpdate({ target: trafficViolationCopies.id, set: changes });
}

export type DecisionDocumentRow = typeof trafficDecisionDocuments.$inferSelect;

/** Keeps a decision's document once; a later answer naming the same decision finds it there. */
export async function keepDecisionDocument(tx: Tx, row: DecisionDocumentRow): Promise<void> {
  await tx.insert(trafficDecisionDocuments).values(row).onConflictDoNothing();
}

export async function decisionDocumentOf(ex: Executor, violationId: string) {
  const [row] = await ex
    .select()
    .from(trafficDecisionDocuments)
    .where(eq(trafficDecisionDocuments.violationId, violationId));
  return row;
}

export async function decisionDocumentByCode(ex: Executor, code: string) {
  const [row] = await ex
    .select()
    .from(trafficDecisionDocuments)
    .where(eq(trafficDecisionDocuments.verificationCode, code));
  return row;
}
