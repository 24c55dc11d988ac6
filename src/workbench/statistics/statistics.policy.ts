import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';
import { jurisdictional } from '../staff/staff.policy.ts';

// Statistics are always about units the officer reaches: a record here is a unit (its path).
export const statisticsPolicy = definePolicy<CurrentStaff>('statistics', {
  'statistics.read': jurisdictional('statistics.read'),
});
