import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';

// An Open311 key lets a client outside the force file tips into every unit's queue, so, like the exchange
// itself, only an administrator whose jurisdiction is the whole force issues and revokes keys. A key belongs to
// no unit: reach is all or nothing.

export const open311KeysPolicy = definePolicy<CurrentStaff>('open311', {
  'open311.keys.manage': (staff) =>
    staff.assignments.some(
      (a) =>
        a.role === 'administrator' &&
        (a.scope === 'all' || (a.scope === 'subtree' && !a.unitPath.includes('/'))),
    ),
});
