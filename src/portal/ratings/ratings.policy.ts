import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentCitizen } from '../session.ts';

/** A case or letter as rating sees it: the person who applied or wrote. */
export interface RatingRecord {
  citizenId: string;
}

export const ratingPolicy = definePolicy<CurrentCitizen>('ratings', {
  // Only the applicant or writer rates, and answers the reply to a bad review; anyone else's is not there.
  'ratings.give': (citizen, record) =>
    record === undefined || (record as RatingRecord).citizenId === citizen.id,
});
