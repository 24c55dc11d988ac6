import type { Executor } from '../../shared/db/database.ts';
import type { WorkflowActor } from '../../shared/workflow/workflow.ts';
import type { UnitKind } from '../db/schema.ts';
import type { CurrentStaff } from '../session.ts';
import { unitOfKindOnPath } from './cases.repository.ts';
import { permissions, reaches, roleHolds, type Permission } from '../staff/staff.policy.ts';

// Approval at the level a workflow names (审批层级): a state may say which level of the force acts in it, for
// example a licence that the city bureau approves although a sub-bureau accepts and reviews it. Entering such
// a state moves the case into the queue of the unit at that level above its deciding unit; leaving it brings
// the case home. Only an officer who sits at that unit or above it may act there: reaching the unit through a
// city-wide grant held at some department is not enough.

export const unitLevels = ['district', 'city'] as const;
export type UnitLevel = (typeof unitLevels)[number];

/** The kinds of unit that make up each level of the demo force's tree (a city bureau over sub-bureaus). */
export const kindsAtLevel: Record<UnitLevel, readonly UnitKind[]> = {
  district: ['sub-bureau'],
  city: ['bureau'],
};

export interface UnitRef {
  code: string;
  path: string;
}

/**
 * Where a case waits in a state: the unit at the state's level on the deciding unit's path, or the deciding
 * unit itself when the state names no level or the deciding unit has none such above it (it is higher).
 */
export async function unitForState(
  ex: Executor,
  home: UnitRef,
  level: UnitLevel | undefined,
): Promise<UnitRef> {
  if (!level) return home;
  const codes = home.path.split('/').filter(Boolean);
  return (await unitOfKindOnPath(ex, codes, kindsAtLevel[level])) ?? home;
}

const isPermission = (name: string): name is Permission => (permissions as readonly string[]).includes(name);
const atOrAbove = (assignmentPath: string, unitPath: string) =>
  unitPath === assignmentPath || unitPath.startsWith(`${assignmentPath}/`);

/**
 * The officer as the workflow sees him in a state with a level: he must hold the permission through an
 * assignment that reaches the unit holding the case and is itself held at that unit or above it.
 */
export function actorAtLevel(me: CurrentStaff, base: WorkflowActor, unitPath: string): WorkflowActor {
  return {
    ...base,
    may: (permission) =>
      base.may(permission) &&
      isPermission(permission) &&
      me.assignments.some(
        (a) => roleHolds(a.role, permission) && reaches(a, unitPath) && atOrAbove(a.unitPath, unitPath),
      ),
  };
}
