import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { Tx } from '../../shared/db/database.ts';
import { enqueue, type JobHandler } from '../../shared/jobs/queue.ts';
import { systemActor, transition } from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { workbenchPorts } from '../workflow/workflow.ports.ts';
import { findCase, overdueForAcceptance } from './cases.repository.ts';
import { recordStep } from './cases.steps.ts';
import { caseStore, caseWorkflows } from './cases.workflows.ts';

// 视为受理: an application not accepted, refused or sent back for materials within the five working days is
// accepted by law. A job looks for such cases and moves them as the platform, each with its history row, audit
// entry and message to the applicant. The due date is the last day to act, so a case is deemed accepted on
// the first day after it.

export const DEEMED_ACCEPTANCE_QUEUE = 'cases.deemed-acceptance';
const BATCH = 200;
const SYSTEM: AuditActor = { actor: 'system', actorUnit: null, sourceIp: null };

/** Moves up to one batch of overdue cases; returns how many were moved. */
export async function deemAccepted(tx: Tx, now: Date): Promise<number> {
  const today = todayInShanghai(now);
  let moved = 0;
  for (const caseNumber of await overdueForAcceptance(tx, today, BATCH)) {
    const row = await findCase(tx, caseNumber, { lock: true });
    if (!row || row.state !== 'submitted') continue;
    const workflow = caseWorkflows.of(row.workflowId, row.workflowVersion);
    if (!workflow.definition.find(row.state, 'deem-accept')) continue;
    const result = await transition(tx, {
      versions: caseWorkflows.versionsOf(row.workflowId),
      store: caseStore,
      ports: workbenchPorts(SYSTEM),
      key: { caseNumber },
      action: 'deem-accept',
      actor: systemActor,
      data: {},
      now,
    });
    await recordStep(tx, {
      before: row,
      action: 'deem-accept',
      publicStep: 'deemed-accepted',
      to: result.to,
      actor: 'system',
      unitCode: null,
      data: {},
      stateDueOn: result.dueOn,
      startsOverallLimit: true,
      at: now,
    });
    moved++;
  }
  return moved;
}

/** The job: one batch per run, and another run at once while a full batch suggests more are waiting. */
export function deemedAcceptanceJob(services: ZoneServices): JobHandler {
  return async (tx) => {
    const moved = await deemAccepted(tx, services.now());
    if (moved === BATCH) await enqueue(tx, DEEMED_ACCEPTANCE_QUEUE, {});
  };
}

/** Queues the sweep once per hour of the zone's clock; a second call in the same hour adds nothing. */
export async function scheduleDeemedAcceptance(services: ZoneServices): Promise<void> {
  const hour = services.now().toISOString().slice(0, 13);
  await enqueue(
    services.db,
    DEEMED_ACCEPTANCE_QUEUE,
    {},
    { dedupeKey: `${DEEMED_ACCEPTANCE_QUEUE}:${hour}` },
  );
}
