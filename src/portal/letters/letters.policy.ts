import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentCitizen } from '../session.ts';

/** A letter as the rules see it: its writer, none for an anonymous tip (reached only by its follow-up code). */
export interface LetterRecord {
  citizenId: string | null;
}

export const letterPolicy = definePolicy<CurrentCitizen>('letters', {
  // Any signed-in citizen may write; tips without signing in have their own public route.
  'letters.write': () => true,
  // "我的信件" and one letter's page: the writer only; anyone else's letter is as if it did not exist.
  'letters.view': (citizen, record) =>
    record === undefined || (record as LetterRecord).citizenId === citizen.id,
});
