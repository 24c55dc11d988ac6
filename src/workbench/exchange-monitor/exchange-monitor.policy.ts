import { definePolicy } from '../../shared/policy/registry.ts';
import type { Role } from '../db/schema.ts';
import type { Assignment, CurrentStaff } from '../session.ts';

// The boundary exchange serves the whole force, and its quarantine may hold anyone's data from anywhere: only
// an administrator whose jurisdiction covers every unit may decide on it, and only such an auditor may read it.
// A quarantined message belongs to no unit, so the rules do not look at the record: reach is all or nothing.

/** Whether one assignment's jurisdiction is the whole force (all units, or the top unit and everything below). */
function forceWide(a: Pick<Assignment, 'scope' | 'unitPath'>): boolean {
  return a.scope === 'all' || (a.scope === 'subtree' && !a.unitPath.includes('/'));
}

function holdsForceWide(staff: CurrentStaff, roles: readonly Role[]): boolean {
  return staff.assignments.some((a) => roles.includes(a.role) && forceWide(a));
}

export const exchangePolicy = definePolicy<CurrentStaff>('exchange', {
  'exchange.read': (staff) => holdsForceWide(staff, ['administrator', 'auditor']),
  'exchange.decide': (staff) => holdsForceWide(staff, ['administrator']),
});
