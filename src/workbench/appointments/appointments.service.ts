import { randomUUID } from 'node:crypto';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { isUniqueViolation } from '../../shared/db/unique-violation.ts';
import { todayInShanghai, type WorkingDayCalendar } from '../../shared/calendar/working-days.ts';
import { bookingService, patternDays, slotStartsAt } from '../../shared/appointments/booking-services.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import {
  appointmentAttendance,
  appointmentBooked,
  appointmentCancelled,
  appointmentSlotsPublished,
} from '../../exchange/contracts/index.ts';
import { onMessage, send, type MessageHandler } from '../../exchange/facade.ts';
import { recordAudit } from '../audit/audit.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import { roleHolds } from '../staff/staff.policy.ts';
import type { AppointmentMessage } from './appointments.messages.ts';
import * as repo from './appointments.repository.ts';

/** How many days ahead a release opens, starting tomorrow. */
export const RELEASE_DAYS = 14;
const DAY_MS = 86_400_000;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function refuse(fields: { field: string; message: AppointmentMessage }[]): AppError {
  return new AppError('VALIDATION', { fields: fields as FieldError[] });
}

/**
 * The offices the officer publishes slots for: the units of his assignments that hold the duty. A subtree or
 * force-wide supervisor manages his own unit's slots here; a sub-unit's are managed by its own supervisor.
 */
export async function managedOffices(services: ZoneServices, staff: CurrentStaff) {
  const codes = staff.assignments
    .filter((a) => roleHolds(a.role, 'appointments.manage'))
    .map((a) => a.unitCode);
  return repo.unitsByCode(services.db, [...new Set(codes)]);
}

/** An office the officer may manage, or 404 as for a unit that does not exist. */
async function officeFor(services: ZoneServices, staff: CurrentStaff, unitCode: string | undefined) {
  const unit = unitCode ? await repo.unitOf(services.db, unitCode) : undefined;
  if (!unit) throw refuse([{ field: 'unitCode', message: 'officeRequired' }]);
  if (!workbenchPolicy.can(staff, 'appointments.manage', { unitPath: unit.path }))
    throw refuse([{ field: 'unitCode', message: 'officeRequired' }]);
  return unit;
}

export interface PatternInput {
  unitCode?: string | undefined;
  itemId?: string | undefined;
  weekday?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
  quota?: string | undefined;
}

export async function addPattern(
  services: ZoneServices,
  staff: CurrentStaff,
  by: AuditActor,
  input: PatternInput,
): Promise<void> {
  const problems: { field: string; message: AppointmentMessage }[] = [];
  const bookable = input.itemId ? bookingService(input.itemId) : undefined;
  if (!bookable) problems.push({ field: 'itemId', message: 'serviceRequired' });
  const weekday = Number(input.weekday);
  const allowedDays = bookable ? patternDays(bookable) : [1, 2, 3, 4, 5];
  if (!(Number.isInteger(weekday) && allowedDays.includes(weekday)))
    problems.push({
      field: 'weekday',
      message: bookable?.openingDays ? 'openingDayRequired' : 'weekdayRequired',
    });
  const start = input.start?.trim() ?? '';
  const end = input.end?.trim() ?? '';
  if (!TIME.test(start)) problems.push({ field: 'start', message: 'timeInvalid' });
  if (!TIME.test(end) || end <= start) problems.push({ field: 'end', message: 'endAfterStart' });
  const quota = Number(input.quota);
  if (!(/^\d{1,3}$/.test(input.quota ?? '') && quota >= 1))
    problems.push({ field: 'quota', message: 'quotaInvalid' });
  const unit = await officeFor(services, staff, input.unitCode).catch((error: unknown) => {
    problems.unshift({ field: 'unitCode', message: 'officeRequired' });
    return error instanceof AppError ? undefined : Promise.reject(error);
  });
  if (problems.length || !unit) throw refuse(problems);
  const now = services.now();
  try {
    await services.db.transaction(async (tx) => {
      await repo.insertPattern(tx, {
        unitCode: unit.code,
        itemId: input.itemId!,
        weekday,
        startTime: start,
        endTime: end,
        quota,
        createdBy: staff.id,
        createdAt: now,
      });
      await recordAudit(tx, {
        ...by,
        action: 'appointments.pattern.add',
        target: `unit:${unit.code}`,
        detail: { itemId: input.itemId, weekday, start, end, quota },
        at: now,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw refuse([{ field: 'start', message: 'slotExists' }]);
    throw error;
  }
}

export async function removePattern(
  services: ZoneServices,
  staff: CurrentStaff,
  by: AuditActor,
  id: string,
): Promise<void> {
  const pattern = /^[0-9a-f-]{36}$/.test(id) ? await repo.findPattern(services.db, id) : undefined;
  const unit = pattern && (await repo.unitOf(services.db, pattern.unitCode));
  if (!pattern || !unit) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, staff, 'appointments.manage', { unitPath: unit.path });
  const now = services.now();
  await services.db.transaction(async (tx) => {
    await repo.deletePattern(tx, id);
    await recordAudit(tx, {
      ...by,
      action: 'appointments.pattern.remove',
      target: `unit:${unit.code}`,
      detail: { itemId: pattern.itemId, weekday: pattern.weekday, start: pattern.startTime },
      at: now,
    });
  });
}

/** ISO weekday (1 Monday … 7 Sunday) of a YYYY-MM-DD date. */
const weekdayOf = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/**
 * The dated slots of the next days from an office's pattern. Only working days open: public holidays close,
 * and a make-up working day on a weekend opens with the Monday pattern (the calendar says a day is worked, not
 * which weekday it stands in for). A venue with opening days of its own opens on those days instead.
 */
export function slotsFromPattern(
  patterns: readonly repo.PatternRow[],
  from: string,
  days: number,
  openingDays: readonly number[] | undefined,
  calendar: WorkingDayCalendar,
) {
  const slots: { date: string; start: string; end: string; quota: number }[] = [];
  const first = new Date(`${from}T00:00:00Z`).getTime();
  for (let i = 0; i < days; i++) {
    const date = new Date(first + i * DAY_MS).toISOString().slice(0, 10);
    // A venue with opening days of its own opens on them whatever the working-day calendar says.
    if (openingDays ? !openingDays.includes(weekdayOf(date)) : !calendar.isWorkingDay(date)) continue;
    const weekday = openingDays || weekdayOf(date) <= 5 ? weekdayOf(date) : 1;
    for (const p of patterns.filter((row) => row.weekday === weekday))
      slots.push({ date, start: p.startTime, end: p.endTime, quota: p.quota });
  }
  return slots.sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start));
}

/** Releases the next days' slots of one service at one office to the portal, where they can be booked at once. */
export async function publish(
  services: ZoneServices,
  staff: CurrentStaff,
  by: AuditActor,
  input: { unitCode?: string | undefined; itemId?: string | undefined },
): Promise<number> {
  const unit = await officeFor(services, staff, input.unitCode);
  const service = input.itemId ? bookingService(input.itemId) : undefined;
  if (!service) throw refuse([{ field: 'itemId', message: 'serviceRequired' }]);
  const now = services.now();
  const from = todayInShanghai(new Date(now.getTime() + DAY_MS));
  const to = todayInShanghai(new Date(now.getTime() + RELEASE_DAYS * DAY_MS));
  const patterns = await repo.patternsFor(services.db, unit.code, service.itemId);
  const slots = slotsFromPattern(patterns, from, RELEASE_DAYS, service.openingDays, services.calendar);
  await services.db.transaction(async (tx) => {
    const releaseId = randomUUID();
    await repo.insertRelease(tx, {
      id: releaseId,
      unitCode: unit.code,
      itemId: service.itemId,
      fromDate: from,
      toDate: to,
      slotCount: slots.length,
      releasedBy: staff.id,
      releasedAt: now,
    });
    await send(
      tx,
      appointmentSlotsPublished,
      {
        releaseId,
        releasedAt: now.toISOString(),
        unitCode: unit.code,
        unitName: unit.name,
        itemId: service.itemId,
        from,
        to,
        slots,
      },
      { stream: `appointment-slots:${unit.code}:${service.itemId}` },
    );
    await recordAudit(tx, {
      ...by,
      action: 'appointments.publish',
      target: `unit:${unit.code}`,
      detail: { itemId: service.itemId, from, to, slots: slots.length },
      at: now,
    });
  });
  return slots.length;
}

/** A booking of an office within the officer's reach, or 404 for one outside it and for none alike. */
export async function visitFor(services: ZoneServices, staff: CurrentStaff, code: string) {
  const normalised = code.trim().toUpperCase();
  const visit = /^[0-9A-Z]{8}$/.test(normalised) ? await repo.findVisit(services.db, normalised) : undefined;
  const unit = visit && (await repo.unitOf(services.db, visit.unitCode));
  if (!visit || !unit) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, staff, 'appointments.attend', { unitPath: unit.path });
  return visit;
}

/** Pulling a booking up shows a person's details: each look is in the audit log. */
export async function viewVisit(services: ZoneServices, staff: CurrentStaff, by: AuditActor, code: string) {
  const visit = await visitFor(services, staff, code);
  await services.db.transaction((tx) =>
    recordAudit(tx, {
      ...by,
      action: 'appointments.view',
      target: `booking:${visit.code}`,
      at: services.now(),
    }),
  );
  return visit;
}

/**
 * Records at the window whether the person came, and tells the portal (no-shows count toward a restriction).
 * Attendance can be recorded on the day; a no-show only once the slot has begun, and never on a day that closed.
 */
export async function markAttendance(
  services: ZoneServices,
  staff: CurrentStaff,
  by: AuditActor,
  code: string,
  outcome: string | undefined,
): Promise<void> {
  if (outcome !== 'attended' && outcome !== 'no-show')
    throw refuse([{ field: 'outcome', message: 'outcomeRequired' }]);
  const visit = await visitFor(services, staff, code);
  const now = services.now();
  if (visit.status !== 'booked')
    throw new AppError('CONFLICT', { fields: [{ field: 'outcome', message: 'notOpen' } as FieldError] });
  if (visit.date > todayInShanghai(now)) throw refuse([{ field: 'outcome', message: 'notYet' }]);
  if (outcome === 'no-show' && slotStartsAt(visit.date, visit.startTime) > now)
    throw refuse([{ field: 'outcome', message: 'notYet' }]);
  // The office was closed that day (holidays.recount.slots.ts): staying away is no fault of the person's, and a
  // no-show would count toward a restriction.
  if (outcome === 'no-show' && visit.dayClosedAt) throw refuse([{ field: 'outcome', message: 'dayClosed' }]);
  await services.db.transaction(async (tx) => {
    if (!(await repo.markVisit(tx, visit.code, outcome, { markedBy: staff.id, markedAt: now })))
      throw new AppError('CONFLICT', { fields: [{ field: 'outcome', message: 'notOpen' } as FieldError] });
    await send(
      tx,
      appointmentAttendance,
      { code: visit.code, outcome, at: now.toISOString() },
      { stream: `appointment-outcome:${visit.code}` },
    );
    await recordAudit(tx, {
      ...by,
      action: outcome === 'attended' ? 'appointments.attended' : 'appointments.no-show',
      target: `booking:${visit.code}`,
      at: now,
    });
  });
}

export function appointmentInboxHandlers(): MessageHandler[] {
  return [
    onMessage(appointmentBooked, async (tx, booking) => {
      await repo.upsertVisit(tx, {
        code: booking.code,
        unitCode: booking.unitCode,
        itemId: booking.itemId,
        date: booking.date,
        startTime: booking.start,
        endTime: booking.end,
        name: booking.name,
        idNumberMasked: booking.idNumberMasked,
        details: booking.details,
        caseNumber: booking.caseNumber ?? null,
        status: 'booked',
        bookedAt: new Date(booking.bookedAt),
      });
    }),
    onMessage(appointmentCancelled, async (tx, cancelled) => {
      await repo.markVisit(tx, cancelled.code, 'cancelled', { markedAt: new Date(cancelled.cancelledAt) });
    }),
  ];
}
