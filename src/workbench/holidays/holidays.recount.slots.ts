import { randomUUID } from 'node:crypto';
import { appointmentSlotsPublished } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { bookingService } from '../../shared/appointments/booking-services.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { Tx } from '../../shared/db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { insertRelease, patternsFor, unitOf } from '../appointments/appointments.repository.ts';
import { slotsFromPattern } from '../appointments/appointments.service.ts';
import { RESOLVE_WITHIN_DAYS } from '../finance/finance.workflow.ts';
import type { Calendars, RecountPayload } from './holidays.recount.ts';
import * as repo from './holidays.recount.slots.repository.ts';

// The recount's phases after the cases, letters and urgings (holidays.recount.ts): what else was laid out on
// working days.
//
// Appointment slots. An office's release opened slots on the working days of the calendar it was made on. For
// each office's service whose newest release reaches past today, the days from tomorrow to the window's end
// whose working-day standing this approval changed are found, and each such day alone is released again from
// the office's pattern on the new calendar, through the usual appointment.slots.published carrying `recountOf`:
// a day that became a holiday closes (its holders are told by the portal), a make-up working day opens. The
// days that did not change are left as the office released them, so a pattern edited since and not yet
// published stays unpublished there. Bookings already standing on a day that closed are flagged for the window
// (appointment_visits). A release made by this approval's recount is not made again by its second run; a venue
// with opening days of its own ignores the calendar and is left.
//
// Reconciliation differences. A finance officer has RESOLVE_WITHIN_DAYS working days from the day the workbench
// received the difference (`due_since`, stored at intake by finance.intake.ts): counted again from it, a second
// run finds the same date and writes nothing. A difference received before that day was stored has it worked
// out backwards from its date on the calendar it was counted on, and kept the first time.

const DAY_MS = 86_400_000;
const SYSTEM: AuditActor = { actor: 'system', actorUnit: null, sourceIp: null };

function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

export async function recountAppointments(
  tx: Tx,
  p: RecountPayload,
  cal: Calendars,
  now: Date,
  batch: number,
): Promise<string | undefined> {
  const tomorrow = todayInShanghai(new Date(now.getTime() + DAY_MS));
  const firstDay = `${String(p.year)}-01-01`;
  const from = tomorrow > firstDay ? tomorrow : firstDay;
  const releases = await repo.latestReleasesReaching(tx, from, p.after, batch);
  for (const release of releases) {
    const service = bookingService(release.itemId);
    if (!service || service.openingDays) continue;
    const days = daysFrom(from, release.toDate);
    const changed = days.filter((d) => cal.guessed.isWorkingDay(d) !== cal.next.isWorkingDay(d));
    if (changed.length === 0) continue;
    const closed = changed.filter((d) => !cal.next.isWorkingDay(d));
    const office = { unitCode: release.unitCode, itemId: release.itemId };
    if (release.recountOf !== p.scheduleId)
      await releaseAgain(tx, p, cal, now, { ...release, from, changed });
    const flagged = await repo.flagVisitsOn(tx, office, closed, now);
    if (flagged.length)
      await recordAudit(tx, {
        ...SYSTEM,
        action: 'appointments.day.closed',
        target: `unit:${release.unitCode}`,
        detail: { scheduleId: p.scheduleId, itemId: release.itemId, days: closed, bookings: flagged },
        at: now,
      });
  }
  return releases.length === batch ? releases[releases.length - 1]!.key : undefined;
}

async function releaseAgain(
  tx: Tx,
  p: RecountPayload,
  cal: Calendars,
  now: Date,
  r: repo.LatestRelease & { from: string; changed: string[] },
): Promise<void> {
  const patterns = await patternsFor(tx, r.unitCode, r.itemId);
  const unit = await unitOf(tx, r.unitCode);
  const releaseId = randomUUID();
  const perDay = r.changed.map((day) => ({
    day,
    slots: slotsFromPattern(patterns, day, 1, undefined, cal.next),
  }));
  // One row for the window, as the office's own release has: the portal's window ends where it ended.
  await insertRelease(tx, {
    id: releaseId,
    unitCode: r.unitCode,
    itemId: r.itemId,
    fromDate: r.from,
    toDate: r.toDate,
    slotCount: perDay.reduce((n, d) => n + d.slots.length, 0),
    releasedBy: null,
    recountOf: p.scheduleId,
    releasedAt: now,
  });
  for (const { day, slots } of perDay)
    await send(
      tx,
      appointmentSlotsPublished,
      {
        releaseId,
        releasedAt: now.toISOString(),
        recountOf: p.scheduleId,
        unitCode: r.unitCode,
        unitName: unit?.name ?? r.unitCode,
        itemId: r.itemId,
        from: day,
        to: day,
        slots,
      },
      { stream: `appointment-slots:${r.unitCode}:${r.itemId}` },
    );
  await recordAudit(tx, {
    ...SYSTEM,
    action: 'appointments.publish',
    target: `unit:${r.unitCode}`,
    detail: {
      scheduleId: p.scheduleId,
      itemId: r.itemId,
      days: r.changed,
      slots: perDay.reduce((n, d) => n + d.slots.length, 0),
    },
    at: now,
  });
}

export async function recountDifferences(
  tx: Tx,
  p: RecountPayload,
  cal: Calendars,
  now: Date,
  batch: number,
): Promise<string | undefined> {
  const rows = await repo.openDifferencesDueFrom(tx, `${String(p.year)}-01-01`, p.after, batch);
  for (const row of rows) {
    if (!row.dueOn) continue;
    const since = row.dueSince ?? cal.guessed.addWorkingDays(row.dueOn, -RESOLVE_WITHIN_DAYS);
    const dueOn = cal.next.addWorkingDays(since, RESOLVE_WITHIN_DAYS);
    if (dueOn === row.dueOn) {
      if (row.dueSince === null) await repo.setDifferenceDue(tx, row.id, { dueOn, dueSince: since });
      continue;
    }
    await repo.setDifferenceDue(tx, row.id, { dueOn, dueSince: since, at: now });
    await recordAudit(tx, {
      ...SYSTEM,
      action: 'reconciliation.due.recounted',
      target: `reconciliation-difference:${row.id}`,
      detail: { scheduleId: p.scheduleId, year: p.year, dueOn: { from: row.dueOn, to: dueOn } },
      at: now,
    });
  }
  return rows.length === batch ? rows[rows.length - 1]!.id : undefined;
}
