import { eq, sql } from 'drizzle-orm';
import { caseStatusChanged } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { todayInShanghai, type WorkingDayCalendar } from '../../shared/calendar/working-days.ts';
import { workbenchCalendar } from '../holidays/holidays.calendar.ts';
import type { Tx } from '../../shared/db/database.ts';
import { caseActions, cases, type CaseRow } from './cases.tables.ts';
import { issueDocumentFor } from './cases.documents.ts';
import { publishApprovalResult } from './cases.results.ts';
import { unitForState } from './cases.levels.ts';
import { visitNoteFor } from './cases.visit.ts';
import { unitByCode } from './cases.repository.ts';
import { applicantMay, caseWorkflows, type StepData } from './cases.workflows.ts';

// What every step of a case writes besides the workflow's own move: the case's derived columns, one row of
// its insert-only history, and (for a step the applicant is told of) case.status.changed with the next public
// sequence number on the case's stream, all in the caller's transaction.

export const streamOfCase = (caseNumber: string) => `case:${caseNumber}`;

export interface Step {
  /** The case as read (and locked) before the step. */
  before: CaseRow;
  /** The history's name for it: a workflow action, or submitted / withdrawal-refused / supplement-refused. */
  action: string;
  /** The step code the applicant receives; none for a step kept in the history only. */
  publicStep?: string | undefined;
  to: string;
  actor: string;
  unitCode: string | null;
  data: StepData & { note?: string | undefined };
  /** The due date the workflow gave the state entered (its own deadline), if any. */
  stateDueOn: string | null;
  /** An officer whose work the case now carries (four eyes keeps him from deciding it). */
  contributor?: string | undefined;
  /** More for the history row (answers replaced by a supplement). */
  extra?: Record<string, unknown>;
  /** Acceptance starts the overall time limit. */
  startsOverallLimit?: boolean;
  at: Date;
}

/** The overall due date from the item's promise, counted from the day of acceptance. */
export function overallDueOn(
  row: Pick<CaseRow, 'promisedValue' | 'promisedUnit'>,
  today: string,
  calendar: WorkingDayCalendar,
): string {
  if (row.promisedUnit === 'calendar-days') {
    const t = Date.parse(`${today}T00:00:00Z`) + row.promisedValue * 86_400_000;
    return new Date(t).toISOString().slice(0, 10);
  }
  return calendar.addWorkingDays(today, row.promisedValue);
}

const earlier = (a: string | null, b: string | null) => (a && b ? (a < b ? a : b) : (a ?? b));

export async function recordStep(tx: Tx, step: Step): Promise<{ publicSeq: number }> {
  const { before, to, at } = step;
  const workflow = caseWorkflows.of(before.workflowId, before.workflowVersion);
  const today = todayInShanghai(at);
  const moved = to !== before.state;
  const final = workflow.definition.states[to]?.final === true;
  const dueOn = step.startsOverallLimit ? overallDueOn(before, today, workbenchCalendar()) : before.dueOn;
  const publicStatus = workflow.publicStatus[to];
  if (!publicStatus) throw new Error(`state ${to} of ${before.workflowId} shows no public status`);
  const stateDueOn = final ? null : earlier(step.stateDueOn, to === 'submitted' ? null : dueOn);
  // The deciding unit stays the case's home; a state with a unit level holds it in that unit's queue.
  const home = { code: before.homeUnitCode ?? before.unitCode, path: before.homeUnitPath ?? before.unitPath };
  const holder = moved ? await unitForState(tx, home, workflow.levels?.[to]) : undefined;

  const [updated] = await tx
    .update(cases)
    .set({
      actionSeq: sql`${cases.actionSeq} + 1`,
      publicSeq: step.publicStep ? sql`${cases.publicSeq} + 1` : cases.publicSeq,
      updatedAt: at,
      ...(moved
        ? {
            publicStatus,
            stateSince: today,
            stateDueOn,
            dueOn,
            ...(step.startsOverallLimit ? { dueSince: today } : {}),
            closed: final,
            // The next step is usually another duty's: the case goes back to the queue to be claimed.
            claimedBy: null,
            claimedAt: null,
          }
        : {}),
      ...(holder
        ? {
            unitCode: holder.code,
            unitPath: holder.path,
            homeUnitCode: holder.code === home.code ? null : home.code,
            homeUnitPath: holder.code === home.code ? null : home.path,
          }
        : {}),
      ...(step.contributor
        ? { handledBy: sql`array_append(${cases.handledBy}, ${step.contributor}::text)` }
        : {}),
    })
    .where(eq(cases.caseNumber, before.caseNumber))
    .returning();
  if (!updated) throw new Error('the case vanished during a step');

  await tx.insert(caseActions).values({
    caseNumber: before.caseNumber,
    seq: updated.actionSeq,
    actor: step.actor,
    unitCode: step.unitCode,
    action: step.action,
    fromState: step.action === 'submitted' ? null : before.state,
    toState: to,
    reason: step.data.message ?? step.data.note ?? null,
    data: {
      ...(step.data.legalBasis ? { legalBasis: step.data.legalBasis } : {}),
      ...(step.data.missing ? { missing: step.data.missing } : {}),
      ...step.extra,
    },
    at,
  });

  // The applicant deals with the deciding unit, whichever level approves inside the force.
  const unit = await unitByCode(tx, home.code);
  const unitRef = { code: home.code, name: unit?.name ?? home.code };
  await issueDocumentFor(tx, { caseRow: updated, action: step.action, data: step.data, unit: unitRef, at });
  if (moved)
    await publishApprovalResult(tx, {
      caseRow: updated,
      action: step.action,
      unit: { name: unitRef.name, nameEn: unit?.nameEn ?? null },
      at,
    });

  if (step.publicStep) {
    const message = step.data.message?.trim();
    const visit = moved ? await visitNoteFor(tx, before, before.workflowId, step.action) : undefined;
    await send(
      tx,
      caseStatusChanged,
      {
        caseNumber: before.caseNumber,
        applicationId: before.applicationId,
        seq: updated.publicSeq,
        status: moved ? publicStatus : before.publicStatus,
        step: step.publicStep,
        at: at.toISOString(),
        unit: unitRef,
        ...(message ? { message: message.slice(0, 2000) } : {}),
        ...(step.data.missing?.length ? { missingMaterials: [...step.data.missing] } : {}),
        ...(step.data.legalBasis ? { legalBasis: step.data.legalBasis.slice(0, 500) } : {}),
        dueOn: moved ? (final ? null : (dueOn ?? null)) : before.dueOn,
        applicantMay: applicantMay(workflow, to),
        ...(visit ? { visit } : {}),
      },
      { stream: streamOfCase(before.caseNumber) },
    );
  }
  return { publicSeq: updated.publicSeq };
}
