import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentCitizen } from '../session.ts';

/** A violation as the rules see it: whose vehicle it was answered for. */
export interface ViolationRecord {
  citizenId: string;
}

const owns = (citizen: CurrentCitizen, record: unknown) =>
  record === undefined || (record as ViolationRecord).citizenId === citizen.id;

export const trafficPolicy = definePolicy<CurrentCitizen>('traffic', {
  // His own vehicles' violations only; someone else's are as if they did not exist.
  'traffic.view': owns,
  'traffic.accept': owns,
});
