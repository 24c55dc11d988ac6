import { caseStatusChanged, letterStatusChanged } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { todayInShanghai, WorkingDayCalendar } from '../../shared/calendar/working-days.ts';
import type { Tx } from '../../shared/db/database.ts';
import { enqueue, type JobHandler } from '../../shared/jobs/queue.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { recordAudit } from '../audit/audit.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { unitByCode } from '../cases/cases.repository.ts';
import { streamOfCase } from '../cases/cases.steps.ts';
import type { CaseRow } from '../cases/cases.tables.ts';
import { applicantMay, caseWorkflows } from '../cases/cases.workflows.ts';
import { letterWorkflow, OPEN_STATES } from '../letters/letters.workflow.ts';
import { urgingWorkflows } from '../supervision/supervision.workflow.ts';
import * as repo from './holidays.recount.repository.ts';
import { recountAppointments, recountDifferences } from './holidays.recount.slots.ts';
import { approvedOverrides } from './holidays.repository.ts';

// When a year's holiday schedule is approved, every stored due date that reaches into the year is counted again
// from the day it started, on the calendar the approved schedules now make: open cases (the overall limit and the
// state's own deadline), open letters, urging notices awaiting an answer, and then the appointment slots released
// on the old calendar and open reconciliation differences (holidays.recount.slots.ts). A job does it after the approval
// commits, one batch per run in key order, each batch in its own transaction; counting again gives the same date a
// second time, so a retried or repeated run changes nothing and writes nothing. Each date that moves gets a history
// line and an audit entry saying why, and the applicant's or writer's copy in the portal follows through the
// usual case.status.changed / letter.status.changed (step "due-recounted").
//
// The approval queues two runs: one at once, and one after every instance's calendar has followed the database
// (zone-calendar.ts checks once a minute), for a due date another instance counted on the old calendar meanwhile.
//
// An item stored before starts were kept (an urging sent before migration 0044 has no working-day count; a case or
// letter whose history named no start has no start day) has its start worked out backwards from the stored date,
// on the calendar that date was counted on: the year's schedule this approval replaced, or Monday to Friday when
// it is the year's first. The start found is stored at once, whether or not the date moves, so the next run (the
// late one, or a later correction) counts from it instead of guessing again from a date already moved.

export const RECOUNT_QUEUE = 'holidays.recount';
const BATCH = 200;
const SYSTEM: AuditActor = { actor: 'system', actorUnit: null, sourceIp: null };
/** Past two of the instances' calendar checks (CALENDAR_CHECK_MS in zone-calendar.ts, once a minute). */
const LATE_RUN_MS = 150_000;
const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

type Phase = 'cases' | 'letters' | 'urgings' | 'appointments' | 'differences';
const PHASES: readonly Phase[] = ['cases', 'letters', 'urgings', 'appointments', 'differences'];

export interface RecountPayload {
  scheduleId: string;
  year: number;
  phase: Phase;
  after: string;
  /** Which of the approval's runs this is (dedupe keys stay apart). */
  run: 'now' | 'late';
}

const startOf = (phase: Phase) => (phase === 'urgings' || phase === 'differences' ? FIRST_UUID : '');
const dedupeKey = (p: RecountPayload) => `${RECOUNT_QUEUE}:${p.scheduleId}:${p.run}:${p.phase}:${p.after}`;

/** In the approving transaction: the two runs of the recount, which survive a restart as jobs do. */
export async function queueRecount(tx: Tx, schedule: { id: string; year: number }): Promise<void> {
  for (const run of ['now', 'late'] as const) {
    const payload: RecountPayload = {
      scheduleId: schedule.id,
      year: schedule.year,
      phase: 'cases',
      after: startOf('cases'),
      run,
    };
    // The queue runs on the database's clock, not the zone's.
    const runAt = new Date(Date.now() + (run === 'now' ? 0 : LATE_RUN_MS));
    await enqueue(tx, RECOUNT_QUEUE, payload, { runAt, dedupeKey: dedupeKey(payload) });
  }
}

export interface Calendars {
  /** The calendar the approved schedules make now. */
  next: WorkingDayCalendar;
  /**
   * The calendar the stored dates were counted on before this approval: the year's schedule it replaced, or the
   * year on Monday to Friday when there was none. Only to find the start of a date stored without one.
   */
  guessed: WorkingDayCalendar;
}

async function calendarsOf(tx: Tx, p: RecountPayload): Promise<Calendars> {
  const overrides = await approvedOverrides(tx);
  const prefix = `${String(p.year)}-`;
  const replaced = await repo.daysBefore(tx, p.scheduleId, p.year);
  return {
    next: new WorkingDayCalendar(overrides),
    guessed: new WorkingDayCalendar([...overrides.filter((o) => !o.date.startsWith(prefix)), ...replaced]),
  };
}

const earlier = (a: string | null, b: string | null) => (a && b ? (a < b ? a : b) : (a ?? b));

/**
 * A case's two due dates counted again from their starts (the same rules as intake and cases.steps.ts), and the
 * start of the overall limit (worked out when the case had none).
 */
export function recountedCaseDates(
  row: CaseRow,
  cal: Calendars,
): { dueOn: string | null; stateDueOn: string | null; dueSince: string | null } {
  const workflow = caseWorkflows.of(row.workflowId, row.workflowVersion);
  let dueOn = row.dueOn;
  let dueSince = row.dueSince;
  if (dueOn && row.promisedUnit === 'working-days') {
    dueSince ??= cal.guessed.addWorkingDays(dueOn, -row.promisedValue);
    dueOn = cal.next.addWorkingDays(dueSince, row.promisedValue);
  }
  let stateDueOn = row.stateDueOn;
  if (stateDueOn) {
    const deadline = workflow.definition.states[row.state]?.deadline;
    const days = deadline?.workingDays ?? (row.state === 'submitted' ? 5 : undefined);
    const own = days === undefined ? null : cal.next.addWorkingDays(row.stateSince, days);
    stateDueOn = earlier(own, row.state === 'submitted' ? null : dueOn);
  }
  return { dueOn, stateDueOn, dueSince };
}

const changeWords = (label: string, from: string | null, to: string | null) =>
  from === to ? [] : [`${label}由 ${from ?? '—'} 调整为 ${to ?? '—'}`];

async function recountCases(
  tx: Tx,
  p: RecountPayload,
  cal: Calendars,
  now: Date,
): Promise<string | undefined> {
  const rows = await repo.openCasesDueFrom(tx, `${String(p.year)}-01-01`, p.after, BATCH);
  for (const row of rows) {
    const next = recountedCaseDates(row, cal);
    if (next.dueOn === row.dueOn && next.stateDueOn === row.stateDueOn) {
      if (next.dueSince !== null && row.dueSince === null)
        await repo.keepCaseStart(tx, row.caseNumber, next.dueSince);
      continue;
    }
    const tellApplicant = next.dueOn !== row.dueOn;
    const changes = [
      ...changeWords('办结期限', row.dueOn, next.dueOn),
      ...changeWords('本环节期限', row.stateDueOn, next.stateDueOn),
    ];
    const reason = `${String(p.year)}年节假日安排已批准，原按周一至周五推算的期限重新计算：${changes.join('；')}。`;
    const data = {
      scheduleId: p.scheduleId,
      year: p.year,
      dueOn: { from: row.dueOn, to: next.dueOn },
      stateDueOn: { from: row.stateDueOn, to: next.stateDueOn },
    };
    const updated = await repo.recountCase(tx, row, { ...next, tellApplicant, reason, data, at: now });
    await recordAudit(tx, {
      ...SYSTEM,
      action: 'case.due.recounted',
      target: `case:${row.caseNumber}`,
      detail: data,
      at: now,
    });
    if (!tellApplicant) continue;
    const home = row.homeUnitCode ?? row.unitCode;
    const unit = await unitByCode(tx, home);
    const workflow = caseWorkflows.of(row.workflowId, row.workflowVersion);
    await send(
      tx,
      caseStatusChanged,
      {
        caseNumber: row.caseNumber,
        applicationId: row.applicationId,
        seq: updated.publicSeq,
        status: row.publicStatus,
        step: 'due-recounted',
        at: now.toISOString(),
        unit: { code: home, name: unit?.name ?? home },
        message: `${String(p.year)}年节假日安排已公布，办理时限由 ${row.dueOn ?? '—'} 调整为 ${next.dueOn ?? '—'}。`,
        dueOn: next.dueOn,
        applicantMay: applicantMay(workflow, row.state),
      },
      { stream: streamOfCase(row.caseNumber) },
    );
  }
  return rows.length === BATCH ? rows[rows.length - 1]!.caseNumber : undefined;
}

async function recountLetters(
  tx: Tx,
  p: RecountPayload,
  cal: Calendars,
  now: Date,
): Promise<string | undefined> {
  const rows = await repo.openLettersDueFrom(tx, OPEN_STATES, `${String(p.year)}-01-01`, p.after, BATCH);
  for (const row of rows) {
    const days = letterWorkflow.current.states[row.state]?.deadline?.workingDays;
    if (!row.dueOn || days === undefined) continue;
    const since = row.dueSince ?? cal.guessed.addWorkingDays(row.dueOn, -days);
    const dueOn = cal.next.addWorkingDays(since, days);
    if (dueOn === row.dueOn) {
      if (row.dueSince === null) await repo.keepLetterStart(tx, row.letterNumber, since);
      continue;
    }
    const text = `${String(p.year)}年节假日安排已批准，答复期限由 ${row.dueOn} 调整为 ${dueOn}。`;
    const seq = await repo.recountLetter(tx, row, { dueOn, dueSince: since, text, at: now });
    await recordAudit(tx, {
      ...SYSTEM,
      action: 'letter.due.recounted',
      target: `letter:${row.letterNumber}`,
      detail: { scheduleId: p.scheduleId, year: p.year, dueOn: { from: row.dueOn, to: dueOn } },
      at: now,
    });
    const unit = row.unitCode ? await unitByCode(tx, row.unitCode) : undefined;
    await send(
      tx,
      letterStatusChanged,
      {
        letterNumber: row.letterNumber,
        seq,
        status: row.state === 'forwarded' ? 'forwarded' : 'in-progress',
        step: 'due-recounted',
        at: now.toISOString(),
        unit: { code: row.unitCode ?? '', name: unit?.name ?? '示范市公安局' },
        dueOn,
      },
      { stream: `letter:${row.letterNumber}` },
    );
  }
  return rows.length === BATCH ? rows[rows.length - 1]!.letterNumber : undefined;
}

async function recountUrgings(
  tx: Tx,
  p: RecountPayload,
  cal: Calendars,
  now: Date,
): Promise<string | undefined> {
  const states = Object.entries(urgingWorkflows.current.states)
    .filter(([, s]) => !s.final)
    .map(([name]) => name);
  const rows = await repo.openUrgingsDueFrom(tx, states, `${String(p.year)}-01-01`, p.after, BATCH);
  for (const row of rows) {
    if (!row.replyDueOn) continue;
    const since = todayInShanghai(row.sentAt);
    const days = row.replyDays ?? cal.guessed.workingDaysBetween(since, row.replyDueOn);
    const replyDueOn = cal.next.addWorkingDays(since, days);
    if (replyDueOn === row.replyDueOn) {
      if (row.replyDays === null) await repo.keepUrgingDays(tx, row.id, days);
      continue;
    }
    await repo.setUrgingReplyDue(tx, row.id, { replyDueOn, replyDays: days, at: now });
    await recordAudit(tx, {
      ...SYSTEM,
      action: 'supervision.urging.due.recounted',
      target: `urging:${row.id}`,
      detail: {
        scheduleId: p.scheduleId,
        year: p.year,
        source: row.source,
        item: row.itemRef,
        replyDueOn: { from: row.replyDueOn, to: replyDueOn },
      },
      at: now,
    });
  }
  return rows.length === BATCH ? rows[rows.length - 1]!.id : undefined;
}

const phaseRunners: Record<
  Phase,
  (tx: Tx, p: RecountPayload, cal: Calendars, now: Date) => Promise<string | undefined>
> = {
  cases: recountCases,
  letters: recountLetters,
  urgings: recountUrgings,
  appointments: (tx, p, cal, now) => recountAppointments(tx, p, cal, now, BATCH),
  differences: (tx, p, cal, now) => recountDifferences(tx, p, cal, now, BATCH),
};

/** One batch of one phase; queues the next batch, or the next phase, in the same transaction. */
export async function recountBatch(
  tx: Tx,
  p: RecountPayload,
  now: Date,
): Promise<RecountPayload | undefined> {
  const cal = await calendarsOf(tx, p);
  const last = await phaseRunners[p.phase](tx, p, cal, now);
  const nextPhase = PHASES[PHASES.indexOf(p.phase) + 1];
  const next: RecountPayload | undefined =
    last !== undefined
      ? { ...p, after: last }
      : nextPhase
        ? { ...p, phase: nextPhase, after: startOf(nextPhase) }
        : undefined;
  if (next) await enqueue(tx, RECOUNT_QUEUE, next, { dedupeKey: dedupeKey(next) });
  return next;
}

export function recountJob(services: ZoneServices): JobHandler {
  return async (tx, job) => {
    await recountBatch(tx, job.payload as RecountPayload, services.now());
  };
}
