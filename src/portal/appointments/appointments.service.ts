import { randomInt } from 'node:crypto';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { isUniqueViolation } from '../../shared/db/unique-violation.ts';
import {
  bookingService,
  LICENCE_NUMBER,
  relationships,
  type BookingService,
} from '../../shared/appointments/booking-services.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { appointmentBooked, appointmentCancelled } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import type { Tx } from '../../shared/db/database.ts';
import { portalPolicy } from '../policy.ts';
import type { CurrentCitizen } from '../session.ts';
import type { AppointmentMessage } from './appointments.messages.ts';
import { scheduleReminder } from './appointments.reminders.ts';
import { approvedPreApplication } from './appointments.collection.tsx';
import * as repo from './appointments.repository.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A slot can be booked, cancelled or moved until this long before it starts. */
export const CUTOFF_MS = 2 * HOUR_MS;
/** This many no-shows within the window restrict booking for the period after the last one. */
export const NO_SHOW_LIMIT = 3;
export const NO_SHOW_WINDOW_MS = 90 * DAY_MS;
export const RESTRICTION_MS = 30 * DAY_MS;

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function newCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

function refuse(field: string, message: AppointmentMessage, code: 'VALIDATION' | 'CONFLICT' = 'VALIDATION') {
  return new AppError(code, { fields: [{ field, message } as FieldError] });
}

/** The bookable service of a catalogue item, or 404: an item that takes no bookings has no booking pages. */
export function serviceOf(itemId: string): BookingService {
  const service = bookingService(itemId);
  if (!service) throw new AppError('NOT_FOUND');
  return service;
}

export interface BookingInput {
  slot?: string | undefined;
  detaineeName?: string | undefined;
  relationship?: string | undefined;
  licenceNumber?: string | undefined;
  visitors?: string | undefined;
  caseNumber?: string | undefined;
}

/** The service's own questions, checked; every problem at once. */
export function checkDetails(service: BookingService, input: BookingInput): Record<string, string> {
  const details: Record<string, string> = {};
  const problems: FieldError[] = [];
  const problem = (field: string, message: AppointmentMessage) =>
    problems.push({ field, message } as FieldError);
  for (const detail of service.details) {
    const value = (input[detail] ?? '').trim();
    if (detail === 'detaineeName' && ([...value].length < 2 || [...value].length > 50))
      problem(detail, 'detaineeNameRequired');
    else if (detail === 'relationship' && !(relationships as readonly string[]).includes(value))
      problem(detail, 'relationshipRequired');
    else if (detail === 'licenceNumber' && !LICENCE_NUMBER.test(value)) problem(detail, 'licenceInvalid');
    else if (detail === 'visitors' && !(/^\d{1,2}$/.test(value) && +value >= 1 && +value <= 30))
      problem(detail, 'visitorsInvalid');
    else details[detail] = value;
  }
  if (!input.slot) problem('slot', 'slotRequired');
  if (problems.length) throw new AppError('VALIDATION', { fields: problems });
  return details;
}

/** Whether the person may book now: the end of a no-show restriction in force, or undefined. */
export async function restrictedUntil(services: ZoneServices, citizenId: string, now: Date) {
  const noShows = await repo.noShowsSince(
    services.db,
    citizenId,
    new Date(now.getTime() - NO_SHOW_WINDOW_MS),
  );
  if (noShows.length < NO_SHOW_LIMIT) return undefined;
  const until = new Date(noShows[0]!.getTime() + RESTRICTION_MS);
  return until > now ? until : undefined;
}

export async function isVerified(services: ZoneServices, citizenId: string): Promise<boolean> {
  const identity = await repo.identityOf(services.db, citizenId);
  return identity?.realNameStatus === 'verified' && Boolean(identity.realName);
}

async function announce(tx: Tx, services: ZoneServices, code: string, details: Record<string, string>) {
  const booking = await repo.findBooking(tx, code);
  const identity = booking && (await repo.identityOf(tx, booking.citizenId));
  if (!booking || !identity?.realName) throw new Error(`booking ${code} vanished in its transaction`);
  await send(
    tx,
    appointmentBooked,
    {
      code,
      unitCode: booking.unitCode,
      itemId: booking.itemId,
      date: booking.date,
      start: booking.startTime,
      end: booking.endTime,
      name: identity.realName,
      idNumberMasked: identity.idNumberMasked ?? '',
      details,
      ...(booking.caseNumber ? { caseNumber: booking.caseNumber } : {}),
      bookedAt: services.now().toISOString(),
    },
    { stream: `appointment:${code}` },
  );
  await scheduleReminder(tx, booking, services.now());
}

/** A group visit holds a place per visitor; every other booking one. */
const placesFor = (details: Record<string, string>): number =>
  details.visitors ? Number(details.visitors) : 1;

/**
 * Books a place for a verified person: one transaction takes the place (or finds none), records the booking,
 * tells the office and schedules the reminder. The portal does not wait for the workbench (ADR 0007).
 */
export async function book(
  services: ZoneServices,
  citizen: CurrentCitizen,
  itemId: string,
  input: BookingInput,
): Promise<string> {
  const service = serviceOf(itemId);
  const details = checkDetails(service, input);
  const now = services.now();
  if (!(await isVerified(services, citizen.id))) throw refuse('slot', 'realNameRequired');
  if (await restrictedUntil(services, citizen.id, now)) throw refuse('slot', 'restricted');
  // Only a service booked for a case keeps a case number: any other could be booked again under made-up ones.
  const caseNumber = service.forCase ? input.caseNumber?.trim() || null : null;
  if (await repo.liveBookingFor(services.db, citizen.id, itemId, caseNumber))
    throw refuse('slot', 'alreadyBooked', 'CONFLICT');
  // A visit for a case only for the booker's own pre-application, approved; any other number is refused.
  if (service.forCase && !(await approvedPreApplication(services.db, citizen.id, input.caseNumber)))
    throw refuse('slot', 'caseNotApproved');
  const code = newCode();
  const places = placesFor(details);
  try {
    await services.db.transaction(async (tx) => {
      const slot = input.slot!;
      if (!(await repo.takePlaces(tx, slot, itemId, new Date(now.getTime() + CUTOFF_MS), places)))
        throw refuse('slot', places > 1 ? 'slotTooFew' : 'slotFull', 'CONFLICT');
      await repo.insertBooking(tx, {
        code,
        citizenId: citizen.id,
        itemId,
        slotKey: slot,
        detailsSealed: services.sealer.seal(JSON.stringify(details)),
        caseNumber,
        places,
        createdAt: now,
        updatedAt: now,
      });
      await announce(tx, services, code, details);
    });
  } catch (error) {
    // Two tabs booking at once: the second finds the first's live booking (the place it took is given back).
    if (isUniqueViolation(error)) throw refuse('slot', 'alreadyBooked', 'CONFLICT');
    throw error;
  }
  return code;
}

/** The person's own booking, or 404 for another's and for none alike. */
export async function bookingFor(
  services: ZoneServices,
  citizen: CurrentCitizen,
  code: string,
  action: 'appointments.view' | 'appointments.change' = 'appointments.view',
) {
  const booking = /^[0-9A-Z]{8}$/.test(code) ? await repo.findBooking(services.db, code) : undefined;
  if (!booking) throw new AppError('NOT_FOUND');
  mustAllow(portalPolicy, citizen, action, booking);
  return booking;
}

export function detailsOf(
  services: ZoneServices,
  booking: { detailsSealed: string },
): Record<string, string> {
  return JSON.parse(services.sealer.open(booking.detailsSealed)) as Record<string, string>;
}

/** The booking locked for a change by its holder, still open and not yet past the cut-off. */
async function changeable(tx: Tx, citizen: CurrentCitizen, code: string, now: Date, field: string) {
  const booking = await repo.lockBooking(tx, code);
  if (!booking) throw new AppError('NOT_FOUND');
  mustAllow(portalPolicy, citizen, 'appointments.change', booking);
  if (booking.status !== 'booked') throw refuse(field, 'notOpen', 'CONFLICT');
  if (booking.startsAt.getTime() - now.getTime() < CUTOFF_MS) throw refuse(field, 'tooLate', 'CONFLICT');
  return booking;
}

export async function cancel(services: ZoneServices, citizen: CurrentCitizen, code: string): Promise<void> {
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const booking = await changeable(tx, citizen, code, now, 'cancel');
    await repo.updateBooking(tx, code, { status: 'cancelled', updatedAt: now });
    await repo.givePlaces(tx, booking.slotKey, booking.places);
    await send(
      tx,
      appointmentCancelled,
      { code, cancelledAt: now.toISOString() },
      { stream: `appointment:${code}` },
    );
  });
}

/** Moves a booking to another slot of the same service in one transaction: the new place, then the old freed. */
export async function reschedule(
  services: ZoneServices,
  citizen: CurrentCitizen,
  code: string,
  slot: string | undefined,
): Promise<void> {
  if (!slot) throw refuse('slot', 'slotRequired');
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const booking = await changeable(tx, citizen, code, now, 'slot');
    if (slot === booking.slotKey) throw refuse('slot', 'sameSlot');
    const after = new Date(now.getTime() + CUTOFF_MS);
    if (!(await repo.takePlaces(tx, slot, booking.itemId, after, booking.places)))
      throw refuse('slot', booking.places > 1 ? 'slotTooFew' : 'slotFull', 'CONFLICT');
    await repo.givePlaces(tx, booking.slotKey, booking.places);
    await repo.updateBooking(tx, code, { slotKey: slot, updatedAt: now });
    await announce(tx, services, code, detailsOf(services, booking));
  });
}

/** What the booking page offers: the open days, and the chosen day's slots with the places left. */
export async function choices(services: ZoneServices, itemId: string, date: string | undefined) {
  const after = new Date(services.now().getTime() + CUTOFF_MS);
  const days = await repo.openDays(services.db, itemId, after);
  const day = date && days.some((d) => d.date === date) ? date : days.find((d) => d.free > 0)?.date;
  const slots = day ? await repo.slotsOn(services.db, itemId, day, after) : [];
  return { days, day, slots };
}
