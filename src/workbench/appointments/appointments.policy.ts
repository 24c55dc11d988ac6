import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';
import { jurisdictional } from '../staff/staff.policy.ts';

// An office's slots and the bookings made for them belong to the office's unit: only officers whose
// jurisdiction reaches it publish its slots or receive its bookings. Records carry the unit's path.

export const appointmentsPolicy = definePolicy<CurrentStaff>('appointments', {
  'appointments.manage': jurisdictional('appointments.manage'),
  'appointments.attend': jurisdictional('appointments.attend'),
});
