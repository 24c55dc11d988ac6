import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';

// The boundary exchange serves the whole force, and its quarantine may hold anyone's data from anywhere: only
// an administrator whose jurisdiction covers every unit may decide on it, and only such an auditor may read it.

export type MonitorAccess = 'none' | 'read' | 'decide';

/** Whether one assignment's jurisdiction is the whole force (all units, or the top unit and everything below). */
function forceWide(a: { scope: string; unitPath: string }): boolean {
  return a.scope === 'all' || (a.scope === 'subtree' && !a.unitPath.includes('/'));
}

export function monitorAccess(staff: Pick<CurrentStaff, 'assignments'>): MonitorAccess {
  let access: MonitorAccess = 'none';
  for (const a of staff.assignments) {
    if (!forceWide(a)) continue;
    if (a.role === 'administrator') return 'decide';
    if (a.role === 'auditor') access = 'read';
  }
  return access;
}

export const exchangePolicy = definePolicy<CurrentStaff>('exchange', {
  'exchange.read': (staff) => monitorAccess(staff) !== 'none',
  'exchange.decide': (staff) => monitorAccess(staff) === 'decide',
});
