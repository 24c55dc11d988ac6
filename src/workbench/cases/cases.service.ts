import { itemMaterials } from '../../shared/application-forms/index.ts';
import type { ServiceItem } from '../../shared/catalog/index.ts';
import type { Executor } from '../../shared/db/database.ts';
import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { transition, type WorkflowActor } from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import { allows } from '../staff/staff.policy.ts';
import { staffActor, workbenchPorts } from '../workflow/workflow.ports.ts';
import { feeIsDue, WAITS_FOR_FEE } from '../case-fees/case-fees.service.ts';
import { actorAtLevel } from './cases.levels.ts';
import { CaseRefusal, type CaseMessage } from './cases.messages.ts';
import { assignCase, claimCase, findCase, itemContent, staffExists } from './cases.repository.ts';
import { recordStep } from './cases.steps.ts';
import type { CaseRow } from './cases.tables.ts';
import {
  caseStore,
  caseWorkflows,
  stepOf,
  type CaseAction,
  type CaseWorkflow,
  type MissingMaterial,
  type StepData,
} from './cases.workflows.ts';

// An officer's work on one case. Every change re-reads and locks the case in its transaction and checks
// there (not on what the page showed) that the officer reaches its unit and holds it; the workflow decides
// whether the action is open from the case's state, and to whom.

export const CASE_NUMBER = /^[A-Z]{2}-[A-Z0-9]+(?:-[A-Z0-9]+)*-[0-9]{8}-[0-9]{6}$/;

/** The case as the officer may see it; out of his reach and unknown get the same 404. */
export async function visibleCase(ex: Executor, me: CurrentStaff, caseNumber: string): Promise<CaseRow> {
  if (!CASE_NUMBER.test(caseNumber)) throw new AppError('NOT_FOUND');
  const found = await findCase(ex, caseNumber);
  if (!found) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, me, 'cases.read', found);
  return found;
}

export function workflowOf(row: Pick<CaseRow, 'workflowId' | 'workflowVersion'>): CaseWorkflow {
  return caseWorkflows.of(row.workflowId, row.workflowVersion);
}

/** The officer as the case's workflow sees him: in a state with a unit level, only from that level or above. */
export function caseActor(me: CurrentStaff, row: CaseRow): WorkflowActor {
  const actor = staffActor(me, row.unitPath);
  return workflowOf(row).levels?.[row.state] ? actorAtLevel(me, actor, row.unitPath) : actor;
}

/** The actions this officer could take on the case in its state, if he holds it (or once he claims it). */
export function staffActionsFor(me: CurrentStaff, row: CaseRow): CaseAction[] {
  const definition = workflowOf(row).definition;
  const actor = caseActor(me, row);
  return definition.actionsFrom(row.state).filter((action) => {
    const r = definition.find(row.state, action);
    return r?.actors.includes('staff') && actor.may(r.permission);
  });
}

/** The item's materials an officer may name in a one-time notice (一次性告知). */
export async function materialsOf(ex: Executor, row: CaseRow): Promise<{ code: string; name: string }[]> {
  const item = (await itemContent(ex, row.itemId, row.itemVersion)) as ServiceItem | undefined;
  if (!item) return [];
  return [...itemMaterials(item)].map(([code, m]) => ({ code, name: m.name }));
}

/** The item's legal basis as one line, where a decision's starts (《…》第…条；《…》). */
export async function legalBasisOf(ex: Executor, row: CaseRow): Promise<string> {
  const item = (await itemContent(ex, row.itemId, row.itemVersion)) as ServiceItem | undefined;
  const basis = (item?.legalBasis ?? []).map((b) => `${b.title}${b.article ?? ''}`).join('；');
  return basis.slice(0, 500);
}

export async function claim(services: ZoneServices, me: CurrentStaff, by: AuditActor, caseNumber: string) {
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const row = await lockedCase(tx, me, caseNumber);
    mustAllow(workbenchPolicy, me, 'cases.act', row);
    if (row.closed) throw new CaseRefusal('CONFLICT', 'claim', 'case.closed');
    // A case is claimed for the next step; an officer whose duty has no step in its state cannot hold it.
    if (staffActionsFor(me, row).length === 0) throw new AppError('FORBIDDEN');
    if (!(await claimCase(tx, caseNumber, me.badgeNo, now)))
      throw new CaseRefusal('CONFLICT', 'claim', 'case.claimedByOther');
    if (row.claimedBy !== me.badgeNo)
      await recordAudit(tx, {
        ...by,
        action: 'case.claim',
        target: `case:${caseNumber}`,
        detail: {},
        at: now,
      });
  });
}

/** The holder gives the case back to the queue (he cannot take its next step, or should not). */
export async function release(services: ZoneServices, me: CurrentStaff, by: AuditActor, caseNumber: string) {
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const row = await lockedCase(tx, me, caseNumber);
    mustAllow(workbenchPolicy, me, 'cases.act', row);
    if (row.claimedBy !== me.badgeNo)
      throw new CaseRefusal('CONFLICT', 'claim', row.claimedBy ? 'case.claimedByOther' : 'case.notClaimed');
    await assignCase(tx, caseNumber, null, now);
    await recordAudit(tx, {
      ...by,
      action: 'case.release',
      target: `case:${caseNumber}`,
      detail: {},
      at: now,
    });
  });
}

/** A supervisor hands the case to an officer who can work on it (or back to the queue with an empty badge). */
export async function assign(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  caseNumber: string,
  badgeNo: string,
) {
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const row = await lockedCase(tx, me, caseNumber);
    mustAllow(workbenchPolicy, me, 'cases.assign', row);
    if (row.closed) throw new CaseRefusal('CONFLICT', 'badgeNo', 'case.closed');
    const target = badgeNo.trim();
    if (target && !(await staffExists(tx, target)))
      throw new CaseRefusal('VALIDATION', 'badgeNo', 'case.assign.unknown');
    await assignCase(tx, caseNumber, target || null, now);
    await recordAudit(tx, {
      ...by,
      action: 'case.assign',
      target: `case:${caseNumber}`,
      detail: { from: row.claimedBy, to: target || null },
      at: now,
    });
  });
}

async function lockedCase(ex: Executor, me: CurrentStaff, caseNumber: string): Promise<CaseRow> {
  if (!CASE_NUMBER.test(caseNumber)) throw new AppError('NOT_FOUND');
  const row = await findCase(ex, caseNumber, { lock: true });
  if (!row) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, me, 'cases.read', row);
  return row;
}

export interface ActionInput {
  message?: string | undefined;
  legalBasis?: string | undefined;
  /** For a one-time notice: the material codes chosen, each with its problem. */
  missing?: readonly { code: string; problem: string }[] | undefined;
}

const needsReason: readonly CaseAction[] = ['not-accept', 'refuse', 'request-materials', 'return'];
const needsLegalBasis: readonly CaseAction[] = ['not-accept', 'refuse', 'approve', 'grant'];
/** 审批: the approver's written opinion, for the deciding officer; like a return's reason, never the applicant's. */
const approval: readonly CaseAction[] = ['agree', 'disagree'];
const internalNote = (action: CaseAction) => action === 'return' || approval.includes(action);

/** One officer's step on a case he holds, through the case's workflow. */
export async function act(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  caseNumber: string,
  action: CaseAction,
  input: ActionInput,
): Promise<void> {
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const row = await lockedCase(tx, me, caseNumber);
    if (row.claimedBy !== me.badgeNo)
      throw new CaseRefusal('CONFLICT', 'claim', row.claimedBy ? 'case.claimedByOther' : 'case.notClaimed');
    // A due fee holds the result back until the portal reports it paid (case-fees).
    if (WAITS_FOR_FEE.includes(action) && (await feeIsDue(tx, caseNumber)))
      throw new CaseRefusal('CONFLICT', 'action', 'case.fee.due');
    const data = await checkInput(tx, row, action, input);
    const moved = await transition(tx, {
      versions: caseWorkflows.versionsOf(row.workflowId),
      store: caseStore,
      ports: workbenchPorts(by, services.calendar),
      key: { caseNumber },
      action,
      actor: caseActor(me, row),
      data,
      now,
    });
    await recordStep(tx, {
      before: row,
      action,
      publicStep: stepOf[action],
      to: moved.to,
      actor: me.badgeNo,
      unitCode: me.unitCode,
      // A return's reason and an approval opinion are for the officers: the applicant hears only of the step.
      data: internalNote(action) ? { note: data.message } : data,
      stateDueOn: moved.dueOn,
      contributor: action === 'accept' || action === 'review' || action === 'check' ? me.badgeNo : undefined,
      startsOverallLimit: action === 'accept',
      at: now,
    });
  });
}

async function checkInput(
  ex: Executor,
  row: CaseRow,
  action: CaseAction,
  input: ActionInput,
): Promise<StepData> {
  const message = input.message?.trim() ?? '';
  const legalBasis = input.legalBasis?.trim() ?? '';
  const problems: { field: string; key: CaseMessage }[] = [];
  if (needsReason.includes(action) && action !== 'request-materials' && !message)
    problems.push({
      field: 'message',
      key: action === 'return' ? 'case.return.reason' : 'case.message.missing',
    });
  if (approval.includes(action) && !message) problems.push({ field: 'message', key: 'case.opinion.missing' });
  if (needsLegalBasis.includes(action) && !legalBasis)
    problems.push({ field: 'legalBasis', key: 'case.legalBasis.missing' });
  let missing: MissingMaterial[] | undefined;
  if (action === 'request-materials') {
    const known = new Map((await materialsOf(ex, row)).map((m) => [m.code, m.name]));
    const chosen = input.missing ?? [];
    if (chosen.length === 0) problems.push({ field: 'missing', key: 'case.missing.none' });
    missing = [];
    for (const m of chosen) {
      const name = known.get(m.code);
      if (!name) problems.push({ field: 'missing', key: 'case.missing.unknown' });
      else if (!m.problem.trim()) problems.push({ field: `problem-${m.code}`, key: 'case.missing.problem' });
      else missing.push({ code: m.code, name, problem: m.problem.trim().slice(0, 500) });
    }
  }
  if (problems.length > 0) throw CaseRefusal.many(problems);
  return {
    ...(message ? { message } : {}),
    ...(legalBasis ? { legalBasis } : {}),
    ...(missing?.length ? { missing } : {}),
  };
}

/** Whether the officer may reassign cases of this unit (for the page). */
export function mayAssign(me: CurrentStaff, row: CaseRow): boolean {
  return allows(me, 'cases.assign', row.unitPath);
}
