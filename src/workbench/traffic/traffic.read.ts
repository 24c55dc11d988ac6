import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import { currentCycle } from './traffic.points.ts';
import * as repo from './traffic.repository.ts';

// What a traffic officer reads: a vehicle of an office he reaches, its owner (ID number masked), the owner's
// points and the vehicle's violations. Out of reach answers as missing; every reading is audited.

export const PLATE = /^[\u4e00-\u9fa5][A-Z][A-HJ-NP-Z0-9]{5,6}$/;

/** What an officer typed, as a plate: trimmed, upper case; undefined when it cannot be one. */
export function plateOf(typed: string): string | undefined {
  const plate = typed.trim().replace(/\s+/g, '').toUpperCase();
  return PLATE.test(plate) ? plate : undefined;
}

/** The vehicle, when the officer reaches its office; one answer for missing and out of reach. */
export async function loadVehicle(
  services: ZoneServices,
  me: CurrentStaff,
  plate: string,
): Promise<repo.VehicleRow> {
  const vehicle = await repo.vehicleByPlate(services.db, plate);
  if (!vehicle) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, me, 'traffic.read', { unitPath: vehicle.registryUnitPath });
  return vehicle;
}

export interface VehicleView {
  vehicle: repo.VehicleRow;
  ownerMasked: string;
  licence: { licenceClass: string; pointsDeducted: number; cycleEnd: string } | undefined;
  violations: repo.ViolationListRow[];
}

export async function readVehicle(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  plate: string,
): Promise<VehicleView> {
  const vehicle = await loadVehicle(services, me, plate);
  const owner = services.sealer.open(vehicle.ownerIdSealed);
  const licence = await repo.licenceOf(services.db, vehicle.ownerIdHash);
  const cycle = licence ? currentCycle(licence, services.now()) : undefined;
  const violations = await repo.violationsOfPlate(services.db, plate);
  await services.db.transaction((tx) =>
    recordAudit(tx, {
      ...by,
      action: 'traffic.vehicle.read',
      target: `vehicle:${plate}`,
      detail: { violations: violations.length },
      at: services.now(),
    }),
  );
  return {
    vehicle,
    ownerMasked: `${owner.slice(0, 6)}********${owner.slice(-4)}`,
    licence:
      licence && cycle
        ? {
            licenceClass: licence.licenceClass,
            pointsDeducted: cycle.pointsDeducted,
            cycleEnd: cycle.cycleEnd,
          }
        : undefined,
    violations,
  };
}

/** A violation's picture, only through a vehicle the officer may read and only of that vehicle. */
export async function photoOf(
  services: ZoneServices,
  me: CurrentStaff,
  plate: string,
  violationId: string,
): Promise<Buffer> {
  await loadVehicle(services, me, plate);
  const violation = await repo.violationById(services.db, violationId);
  if (violation?.plate !== plate) throw new AppError('NOT_FOUND');
  return violation.photo;
}
