import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';
import { jurisdictional } from '../staff/staff.policy.ts';

/**
 * A letter as the rules see it: the path of the unit it was routed to. A letter no rule could place has none
 * (''), which only a force-wide jurisdiction reaches.
 */
export interface LetterRecord {
  unitPath: string;
}

export const lettersPolicy = definePolicy<CurrentStaff>('letters', {
  'letters.read': jurisdictional('letters.read'),
  'letters.handle': jurisdictional('letters.handle'),
});
