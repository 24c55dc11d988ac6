import { eq } from 'drizzle-orm';
import type { ZoneServices } from '../../shared/zone.ts';
import { units } from '../db/schema.ts';
import { offenceOf } from './traffic.offences.ts';
import { drawCameraFrame } from './traffic.photo.ts';
import { drivingLicences, trafficViolations, vehicles } from './traffic.tables.ts';
import { trafficViolationWorkflow } from './traffic.workflow.ts';
import type { VehicleRow } from './traffic.repository.ts';

// Registering vehicles and licences and recording camera violations: what the vehicle office and the
// enforcement cameras' intake would feed in. The demo seed and the tests use the same doors.

export async function registerVehicle(
  services: ZoneServices,
  input: {
    plate: string;
    ownerIdNumber: string;
    kind?: VehicleRow['kind'];
    brand: string;
    registryUnitCode?: string;
    registeredOn?: string;
  },
): Promise<void> {
  const unitCode = input.registryUnitCode ?? 'SF-JJ';
  const [unit] = await services.db.select({ path: units.path }).from(units).where(eq(units.code, unitCode));
  if (!unit) throw new Error(`no unit ${unitCode} to register a vehicle at`);
  await services.db
    .insert(vehicles)
    .values({
      plate: input.plate,
      ownerIdHash: services.sealer.lookupHash(input.ownerIdNumber),
      ownerIdSealed: services.sealer.seal(input.ownerIdNumber),
      kind: input.kind ?? 'small-car',
      brand: input.brand,
      registryUnitCode: unitCode,
      registryUnitPath: unit.path,
      registeredOn: input.registeredOn ?? '2020-05-01',
    })
    .onConflictDoNothing();
}

export async function issueLicence(
  services: ZoneServices,
  input: { idNumber: string; licenceClass?: string; firstIssuedOn: string; pointsDeducted?: number },
): Promise<void> {
  // The current cycle starts on the anniversary of the first issue; currentCycle moves it on as years pass.
  await services.db
    .insert(drivingLicences)
    .values({
      idNumberHash: services.sealer.lookupHash(input.idNumber),
      idNumberSealed: services.sealer.seal(input.idNumber),
      licenceClass: input.licenceClass ?? 'C1',
      firstIssuedOn: input.firstIssuedOn,
      cycleStart: input.firstIssuedOn,
      pointsDeducted: input.pointsDeducted ?? 0,
    })
    .onConflictDoNothing();
}

/** One camera record, unhandled, with its picture drawn; the points and fine are the offence's. */
export async function recordViolation(
  services: ZoneServices,
  input: { plate: string; occurredAt: Date; place: string; offenceCode: string; unitCode?: string },
): Promise<string> {
  const offence = offenceOf(input.offenceCode);
  const definition = trafficViolationWorkflow.current;
  const seed = input.occurredAt.getTime() / 60_000;
  const photo = await drawCameraFrame({
    plateLatin: input.plate.slice(1),
    occurredAt: input.occurredAt,
    cameraCode: `${input.offenceCode}-${String(Math.floor(seed) % 1000).padStart(3, '0')}`,
    seed: Math.floor(seed),
  });
  const [row] = await services.db
    .insert(trafficViolations)
    .values({
      plate: input.plate,
      occurredAt: input.occurredAt,
      place: input.place,
      offenceCode: input.offenceCode,
      points: offence.points,
      fineFen: offence.fineFen,
      unitCode: input.unitCode ?? 'SF-JJ',
      state: definition.initial as 'unhandled',
      workflowId: definition.id,
      workflowVersion: definition.version,
      updatedAt: services.now(),
      photo,
    })
    .returning({ id: trafficViolations.id });
  return row!.id;
}
