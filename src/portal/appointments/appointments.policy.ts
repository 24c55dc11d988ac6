import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentCitizen } from '../session.ts';

/** A booking as the rules see it: whose it is. */
export interface BookingRecord {
  citizenId: string;
}

const own = (citizen: CurrentCitizen, record: unknown) =>
  record === undefined || (record as BookingRecord).citizenId === citizen.id;

export const appointmentPolicy = definePolicy<CurrentCitizen>('appointments', {
  // Booking: anyone signed in (the service then insists on the passed real-name check and no restriction).
  'appointments.book': () => true,
  // Seeing, cancelling and moving a booking: only the person who made it.
  'appointments.view': own,
  'appointments.change': own,
});
