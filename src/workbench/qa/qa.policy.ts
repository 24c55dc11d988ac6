import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';
import { jurisdictional } from '../staff/staff.policy.ts';

/**
 * A letter or a publication as the rules see it: the path of the unit that answered the letter. The network
 * spokesperson publishes for the units his jurisdiction reaches; one out of reach answers as missing.
 */
export interface QaRecord {
  unitPath: string;
}

export const qaPolicy = definePolicy<CurrentStaff>('qa', {
  'qa.publish': jurisdictional('qa.publish'),
});
