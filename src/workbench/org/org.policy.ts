import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';
import { jurisdictional } from '../staff/staff.policy.ts';

export const orgPolicy = definePolicy<CurrentStaff>('org', {
  // The unit directory is not a secret inside the force: every officer may read it.
  'org.read': jurisdictional('org.read'),
  // Changing the tree: an administrator, for units his jurisdiction reaches (the unit, and a new parent).
  'org.manage': jurisdictional('org.manage'),
});
