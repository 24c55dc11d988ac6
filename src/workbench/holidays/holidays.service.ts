import {
  formatHolidaySchedule,
  parseHolidaySchedule,
  yearNeedingSchedule,
  type HolidayDay,
  type ScheduleProblem,
} from '../../shared/calendar/holiday-schedule.ts';
import { packageCoversYear, todayInShanghai, type YearCoverage } from '../../shared/calendar/working-days.ts';
import { isUniqueViolation } from '../../shared/db/unique-violation.ts';
import { AppError } from '../../shared/http/errors.ts';
import { systemActor, transition, type WorkflowActor } from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import type { CurrentStaff } from '../session.ts';
import { workbenchPorts } from '../workflow/workflow.ports.ts';
import { mayManageHolidays } from './holidays.policy.ts';
import { queueRecount } from './holidays.recount.ts';
import * as repo from './holidays.repository.ts';
import type { HolidayScheduleRow } from './holidays.tables.ts';
import { holidayScheduleStore, holidayScheduleWorkflow } from './holidays.workflow.ts';

// Entering a year's holiday schedule and deciding on it. Nothing entered changes a deadline until a second
// administrator approves it; then, in the approval's transaction, the year's earlier schedule is superseded and
// the new one crosses to the portal, and after the commit the zone's calendar is reloaded from the database.

export const MAX_SOURCE = 200;
export const MAX_NOTE = 500;

function staffActorOf(me: CurrentStaff): WorkflowActor {
  return { kind: 'staff', id: me.badgeNo, may: (p) => p === 'holidays.manage' && mayManageHolidays(me) };
}

/** A field-error key naming the line: `holidays.line.<code>:<line>` (see holidays.messages.ts). */
const problemKey = (p: ScheduleProblem) =>
  p.line === 0 ? `holidays.${p.code}` : `holidays.line.${p.code}:${String(p.line)}`;

export async function enterSchedule(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  input: { year?: string | undefined; days?: string | undefined; source?: string | undefined },
): Promise<HolidayScheduleRow> {
  const year = Number(input.year);
  const source = (input.source ?? '').trim();
  const parsed = parseHolidaySchedule(year, input.days ?? '');
  const fields: { field: string; message: string }[] = [];
  if (!parsed.ok)
    for (const p of parsed.problems)
      fields.push({ field: p.code === 'year' ? 'year' : 'days', message: problemKey(p) });
  // A schedule is a whole year's days, for years the published data does not cover: entered over the package's
  // year it would only patch it date by date, so a day left out would still count as a holiday.
  if (parsed.ok && packageCoversYear(year)) fields.push({ field: 'year', message: 'holidays.packageYear' });
  if (!source || source.length > MAX_SOURCE) fields.push({ field: 'source', message: 'holidays.source' });
  if (fields.length || !parsed.ok) throw new AppError('VALIDATION', { fields });
  const now = services.now();
  const definition = holidayScheduleWorkflow.current;
  try {
    return await services.db.transaction(async (tx) => {
      const row = await repo.insertSchedule(
        tx,
        {
          year,
          workflowId: definition.id,
          workflowVersion: definition.version,
          state: definition.initial,
          source,
          enteredBy: me.badgeNo,
          enteredAt: now,
          updatedAt: now,
        },
        parsed.days,
      );
      await recordAudit(tx, {
        ...by,
        action: 'holidays.schedule.entered',
        target: `holiday-schedule:${row.id}`,
        detail: { year, source, days: parsed.days.length },
        at: now,
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', { fields: [{ field: 'year', message: 'holidays.pending' }] });
    throw error;
  }
}

export async function decideSchedule(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  id: string,
  input: { decision?: string | undefined; note?: string | undefined },
): Promise<{ row: HolidayScheduleRow; decision: 'approve' | 'reject' }> {
  const decision = input.decision;
  const note = (input.note ?? '').trim();
  if (decision !== 'approve' && decision !== 'reject')
    throw new AppError('VALIDATION', { fields: [{ field: 'decision', message: 'holidays.decision' }] });
  if (note.length > MAX_NOTE)
    throw new AppError('VALIDATION', { fields: [{ field: 'note', message: 'holidays.note' }] });
  const row = await repo.findSchedule(services.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const now = services.now();
  const ports = workbenchPorts(by, services.calendar);
  await services.db.transaction(async (tx) => {
    if (decision === 'approve') {
      const days = await repo.daysOf(tx, row.id);
      const earlier = await repo.findApproved(tx, row.year);
      // Before the new one moves: one approved schedule per year is a unique index.
      if (earlier)
        await transition(tx, {
          versions: holidayScheduleWorkflow,
          store: holidayScheduleStore,
          ports,
          key: { id: earlier.id },
          action: 'supersede',
          actor: systemActor,
          data: {},
          now,
        });
      await transition(tx, {
        versions: holidayScheduleWorkflow,
        store: holidayScheduleStore,
        ports,
        key: { id: row.id },
        action: 'approve',
        actor: staffActorOf(me),
        data: {
          note,
          message: { scheduleId: row.id, year: row.year, approvedAt: now.toISOString(), days },
        },
        now,
      });
      // Due dates counted while the year was a guess are counted again, by a job once this commits.
      await queueRecount(tx, row);
    } else {
      await transition(tx, {
        versions: holidayScheduleWorkflow,
        store: holidayScheduleStore,
        ports,
        key: { id: row.id },
        action: 'reject',
        actor: staffActorOf(me),
        data: { note },
        now,
      });
    }
    await repo.recordDecision(tx, row.id, { by: me.badgeNo, at: now, note });
  });
  if (decision === 'approve') await reloadCalendar(services);
  return { row, decision };
}

/** Reads the approved schedules into the zone's calendar (at start, and after an approval commits). */
export async function reloadCalendar(services: ZoneServices): Promise<void> {
  services.calendar.replaceOverrides(await repo.approvedOverrides(services.db));
}

export interface YearStatus {
  year: number;
  coverage: YearCoverage;
  /** The approved schedule's number of days, when the year runs on one. */
  approvedDays?: number | undefined;
}

export interface ScheduleListItem extends HolidayScheduleRow {
  dayCount: number;
}

export async function overview(services: ZoneServices): Promise<{
  years: YearStatus[];
  schedules: ScheduleListItem[];
  needed: number | undefined;
}> {
  const today = todayInShanghai(services.now());
  const thisYear = Number(today.slice(0, 4));
  const schedules = await repo.listSchedules(services.db);
  const counts = await repo.countDays(
    services.db,
    schedules.map((s) => s.id),
  );
  const calendar = services.calendar;
  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((year) => {
    const approved = schedules.find((s) => s.year === year && s.state === 'approved');
    return {
      year,
      coverage: calendar.coverageOf(year),
      approvedDays: approved ? counts.get(approved.id) : undefined,
    };
  });
  return {
    years,
    schedules: schedules.map((s) => ({ ...s, dayCount: counts.get(s.id) ?? 0 })),
    needed: neededYear(services),
  };
}

/** The year an administrator should enter now (see yearNeedingSchedule), if any. */
export function neededYear(services: ZoneServices): number | undefined {
  return yearNeedingSchedule(
    todayInShanghai(services.now()),
    (year) => services.calendar.coverageOf(year) !== 'none',
  );
}

export async function scheduleText(
  services: ZoneServices,
  id: string,
): Promise<{ row: HolidayScheduleRow; days: HolidayDay[]; text: string }> {
  const row = await repo.findSchedule(services.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const days = await repo.daysOf(services.db, id);
  return { row, days, text: formatHolidaySchedule(days) };
}
