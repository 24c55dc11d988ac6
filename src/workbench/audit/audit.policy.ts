import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';
import { allows, holdsAnywhere, reachOf } from '../staff/staff.policy.ts';

/** An audit entry as the rule sees it: the unit of the officer who wrote it; none for the platform's own. */
export interface AuditEntryRecord {
  unitPath: string | null;
}

export const auditPolicy = definePolicy<CurrentStaff>('audit', {
  // Each auditor reads the entries written by officers of the units his jurisdiction reaches; entries that
  // name no unit only with a jurisdiction over all of them. The list is filtered in SQL by the same reach
  // (audit.repository.ts), so an entry outside it is simply not there for him.
  'audit.read': (staff, record) => {
    if (record === undefined) return holdsAnywhere(staff, 'audit.read');
    const { unitPath } = record as AuditEntryRecord;
    return unitPath === null ? reachOf(staff, 'audit.read').all : allows(staff, 'audit.read', unitPath);
  },
});
