import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';
import { jurisdictional } from '../staff/staff.policy.ts';

export const auditPolicy = definePolicy<CurrentStaff>('audit', {
  // Each auditor reads the log of the units his jurisdiction reaches (the list is filtered by the same reach).
  'audit.read': jurisdictional('audit.read'),
});
