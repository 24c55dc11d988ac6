import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';
import { jurisdictional } from '../staff/staff.policy.ts';

/**
 * A rating or rectification order as the rules see it: the path of the unit that handled the case or letter
 * ('' when none is known, which only a force-wide jurisdiction reaches).
 */
export interface RatingRecord {
  unitPath: string;
}

// Nobody may change a rating: there is no action for it. Rectifying is the handling unit's; sampling a closed
// order is for a unit above it (the service refuses an officer sampling his own unit's order).
export const ratingsPolicy = definePolicy<CurrentStaff>('ratings', {
  'ratings.read': jurisdictional('ratings.read'),
  'ratings.rectify': jurisdictional('ratings.rectify'),
  'ratings.sample': jurisdictional('ratings.sample'),
  'ratings.set_aside': jurisdictional('ratings.set_aside'),
  'ratings.review_set_aside': jurisdictional('ratings.review_set_aside'),
  'ratings.record_window': jurisdictional('ratings.record_window'),
});
