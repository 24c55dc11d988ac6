import { asc, desc, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { drivingLicences, trafficViolations, vehicles } from './traffic.tables.ts';

export type VehicleRow = typeof vehicles.$inferSelect;
export type LicenceRow = typeof drivingLicences.$inferSelect;
export type ViolationRow = typeof trafficViolations.$inferSelect;
/** A violation without its picture, for lists. */
export type ViolationListRow = Omit<ViolationRow, 'photo'>;

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the picture is left out of lists on purpose
const { photo, ...listColumns } = getTableColumns(trafficViolations);

export async function vehiclesOfOwner(ex: Executor, ownerIdHash: string): Promise<VehicleRow[]> {
  return ex.select().from(vehicles).where(eq(vehicles.ownerIdHash, ownerIdHash)).orderBy(asc(vehicles.plate));
}

export async function vehicleByPlate(ex: Executor, plate: string): Promise<VehicleRow | undefined> {
  const [row] = await ex.select().from(vehicles).where(eq(vehicles.plate, plate));
  return row;
}

export async function licenceOf(
  ex: Executor,
  idNumberHash: string,
  options: { lock?: boolean } = {},
): Promise<LicenceRow | undefined> {
  const query = ex.select().from(drivingLicences).where(eq(drivingLicences.idNumberHash, idNumberHash));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function setLicencePoints(
  tx: Tx,
  idNumberHash: string,
  cycle: { cycleStart: string; pointsDeducted: number },
): Promise<void> {
  await tx
    .update(drivingLicences)
    .set({ cycleStart: cycle.cycleStart, pointsDeducted: cycle.pointsDeducted })
    .where(eq(drivingLicences.idNumberHash, idNumberHash));
}

/** The violations of some plates with their pictures, newest first (what an owner's answer carries). */
export async function violationsOfPlates(ex: Executor, plates: string[]): Promise<ViolationRow[]> {
  if (plates.length === 0) return [];
  return ex
    .select()
    .from(trafficViolations)
    .where(inArray(trafficViolations.plate, plates))
    .orderBy(desc(trafficViolations.occurredAt))
    .limit(100);
}

/** One vehicle's violations without pictures, newest first (the officer's page). */
export async function violationsOfPlate(ex: Executor, plate: string): Promise<ViolationListRow[]> {
  return ex
    .select(listColumns)
    .from(trafficViolations)
    .where(eq(trafficViolations.plate, plate))
    .orderBy(desc(trafficViolations.occurredAt));
}

export async function violationById(
  ex: Executor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<ViolationRow | undefined> {
  const query = ex.select().from(trafficViolations).where(eq(trafficViolations.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function recordDecision(
  tx: Tx,
  id: string,
  decision: { decisionNo: string; at: Date; idNumberHash: string },
): Promise<void> {
  await tx
    .update(trafficViolations)
    .set({ decisionNo: decision.decisionNo, decidedAt: decision.at, decidedForIdHash: decision.idNumberHash })
    .where(eq(trafficViolations.id, id));
}

export async function recordPayment(
  tx: Tx,
  id: string,
  payment: { orderNo: string; amountFen: number; surchargeFen: number; at: Date },
): Promise<void> {
  await tx
    .update(trafficViolations)
    .set({
      paidOrderNo: payment.orderNo,
      paidFen: payment.amountFen,
      surchargeFen: payment.surchargeFen,
      paidAt: payment.at,
    })
    .where(eq(trafficViolations.id, id));
}
