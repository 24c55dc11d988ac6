import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';
import { jurisdictional } from '../staff/staff.policy.ts';

// A vehicle belongs to the vehicle office that registered it: a traffic officer whose jurisdiction reaches
// that office reads its vehicles, their owners' points and violations, every reading audited. Records carry
// the office's unit path.

export const trafficPolicy = definePolicy<CurrentStaff>('traffic', {
  'traffic.read': jurisdictional('traffic.read'),
});
