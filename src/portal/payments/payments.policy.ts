import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentCitizen } from '../session.ts';

/** A payable as the rules see it: whose it is to pay. */
export interface PayableRecord {
  citizenId: string;
}

const owns = (citizen: CurrentCitizen, record: unknown) =>
  record === undefined || (record as PayableRecord).citizenId === citizen.id;

export const paymentPolicy = definePolicy<CurrentCitizen>('payments', {
  // His fees and fines, their orders and receipts; someone else's are as if they did not exist.
  'payments.view': owns,
  'payments.pay': owns,
});
