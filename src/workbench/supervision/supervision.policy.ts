import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';
import { jurisdictional } from '../staff/staff.policy.ts';

// Supervision is always about units the officer reaches: a unit's figures and lists (read), urging its work
// (urge), answering an urging sent to it (answer), and discipline inspection's read-only view (inspect).
// A record here is a unit, or an urging with the path of the unit urged.
export const supervisionPolicy = definePolicy<CurrentStaff>('supervision', {
  'supervision.read': jurisdictional('supervision.read'),
  'supervision.urge': jurisdictional('supervision.urge'),
  'supervision.answer': jurisdictional('supervision.answer'),
  'supervision.inspect': jurisdictional('supervision.inspect'),
});
