import { randomUUID } from 'node:crypto';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { Tx } from '../../shared/db/database.ts';
import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { systemActor, transition } from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import { roleHolds, reaches } from '../staff/staff.policy.ts';
import { staffActor, workbenchPorts } from '../workflow/workflow.ports.ts';
import { SupervisionRefusal, type SupervisionMessage } from './supervision.messages.ts';
import {
  findUrging,
  insertEscalation,
  insertUrging,
  recordAnswer,
  unitInfo,
  urgingCount,
} from './supervision.repository.ts';
import { escalationRules, ruleCovers, type EscalationRule } from './supervision.rules.ts';
import { findItem, sourceOf, type SupervisedItem } from './supervision.sources.ts';
import type { ItemNote } from './supervision.source.ts';
import type { UrgingRow } from './supervision.tables.ts';
import { URGING_WORKFLOW_ID, urgingStore, urgingWorkflows } from './supervision.workflow.ts';

// Reverse urging (反向催办): an upper unit urges open items of the units it supervises, each notice with a
// reply date in working days; the urged unit answers with the reason and a promised date. Every notice,
// answer and escalation is a line in the item's history and an entry in the audit log, in one transaction.

export const MAX_URGED_AT_ONCE = 500;
const SYSTEM: AuditActor = { actor: 'system', actorUnit: null, sourceIp: null };

export interface UrgeInput {
  /** One source's items only; otherwise each reference is looked up in every source. */
  source?: string | undefined;
  refs: readonly string[];
  message: string;
  replyDays: number;
}

/** The urging unit: the highest unit from which the officer's urging duty reaches the item. */
function urgingUnitOf(me: CurrentStaff, item: SupervisedItem) {
  const from = me.assignments
    .filter((a) => roleHolds(a.role, 'supervision.urge') && reaches(a, item.unitPath))
    .sort((a, b) => a.unitPath.length - b.unitPath.length)[0];
  if (!from) throw new AppError('NOT_FOUND');
  return from;
}

export async function urge(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  input: UrgeInput,
): Promise<UrgingRow[]> {
  const problems: { field: string; key: SupervisionMessage }[] = [];
  const message = input.message.trim();
  if (!message) problems.push({ field: 'message', key: 'urging.message.missing' });
  if (!Number.isInteger(input.replyDays) || input.replyDays < 1 || input.replyDays > 10)
    problems.push({ field: 'replyDays', key: 'urging.replyDays' });
  const refs = [...new Set(input.refs)];
  if (refs.length === 0) problems.push({ field: 'cases', key: 'urging.none' });
  if (refs.length > MAX_URGED_AT_ONCE) problems.push({ field: 'cases', key: 'urging.tooMany' });
  if (problems.length) throw SupervisionRefusal.many(problems);
  const only = input.source === undefined ? undefined : sourceOf(input.source);
  if (input.source !== undefined && !only) throw new AppError('NOT_FOUND');

  const now = services.now();
  const today = todayInShanghai(now);
  const replyDueOn = services.calendar.addWorkingDays(today, input.replyDays);
  const batchId = randomUUID();
  return services.db.transaction(async (tx) => {
    const sent: UrgingRow[] = [];
    for (const ref of refs) {
      const item = only ? await only.find(tx, ref) : await findItem(tx, ref);
      const source = item && sourceOf(item.source);
      if (!item || !source) throw new AppError('NOT_FOUND');
      mustAllow(workbenchPolicy, me, 'supervision.urge', item);
      if (item.closed) throw new SupervisionRefusal('CONFLICT', 'cases', 'urging.closed');
      const from = urgingUnitOf(me, item);
      const round = (await urgingCount(tx, source.id, ref)) + 1;
      const urging = await insertUrging(tx, {
        batchId,
        source: source.id,
        itemRef: ref,
        unitCode: item.unitCode,
        unitPath: item.unitPath,
        fromUnitCode: from.unitCode,
        fromUnitPath: from.unitPath,
        sentBy: me.badgeNo,
        message,
        round,
        workflowId: URGING_WORKFLOW_ID,
        workflowVersion: urgingWorkflows.current.version,
        state: urgingWorkflows.current.initial,
        replyDueOn,
        replyDays: input.replyDays,
        sentAt: now,
        updatedAt: now,
      });
      await source.note(tx, ref, {
        actor: me.badgeNo,
        unitCode: from.unitCode,
        action: 'urge',
        reason: message,
        data: { urgingId: urging.id, replyDueOn, round, batchId },
        at: now,
      });
      await recordAudit(tx, {
        ...by,
        action: 'supervision.urging.send',
        target: `urging:${urging.id}`,
        detail: { source: source.id, item: ref, replyDueOn, round, batchId },
        at: now,
      });
      // A repeated urging escalates as it is sent, by whichever rule counts this round.
      const repeated = escalationRules.find(
        (rule) =>
          rule.trigger.kind === 'repeated' &&
          round >= rule.trigger.urgings &&
          rule.urgingStates.includes(urging.state) &&
          ruleCovers(rule, { source: item.source, workflowId: item.workflowId, state: item.step }),
      );
      sent.push(repeated ? await escalate(tx, urging, repeated, now) : urging);
    }
    return sent;
  });
}

export interface AnswerInput {
  reason: string;
  promisedOn: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: string) =>
  DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

/** The urging as the officer may see it: one sent to a unit he answers for, or 404. */
export async function visibleUrging(
  tx: Parameters<typeof findUrging>[0],
  me: CurrentStaff,
  id: string,
  action: 'supervision.answer' | 'supervision.urge' = 'supervision.answer',
  options: { lock?: boolean } = {},
): Promise<UrgingRow> {
  const found = await findUrging(tx, id, options);
  if (!found) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, me, action, found);
  return found;
}

export async function answerUrging(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  id: string,
  input: AnswerInput,
): Promise<UrgingRow> {
  const now = services.now();
  const today = todayInShanghai(now);
  return services.db.transaction(async (tx) => {
    const urging = await visibleUrging(tx, me, id, 'supervision.answer', { lock: true });
    if (urging.state === 'answered') throw new SupervisionRefusal('CONFLICT', 'reason', 'urging.answered');
    if (urging.sentBy === me.badgeNo) throw new SupervisionRefusal('FORBIDDEN', 'reason', 'urging.ownNotice');
    const problems: { field: string; key: SupervisionMessage }[] = [];
    const reason = input.reason.trim();
    const promisedOn = input.promisedOn.trim();
    if (!reason) problems.push({ field: 'reason', key: 'urging.reason.missing' });
    if (!isDate(promisedOn) || promisedOn < today)
      problems.push({ field: 'promisedOn', key: 'urging.promisedOn.invalid' });
    if (problems.length) throw SupervisionRefusal.many(problems);
    await transition(tx, {
      versions: urgingWorkflows,
      store: urgingStore,
      ports: workbenchPorts(by, services.calendar),
      key: { id },
      action: 'answer',
      actor: staffActor(me, urging.unitPath),
      data: { reason, promisedOn },
      now,
    });
    await recordAnswer(tx, id, { reason, promisedOn, by: me.badgeNo, at: now });
    await noteOn(tx, urging, {
      actor: me.badgeNo,
      unitCode: me.unitCode,
      action: 'urge-answer',
      reason,
      data: { urgingId: id, promisedOn },
      at: now,
    });
    const answered = await findUrging(tx, id);
    if (!answered) throw new Error('the urging vanished');
    return answered;
  });
}

/** A line in the urged item's history, whichever source it is of. */
async function noteOn(tx: Tx, urging: UrgingRow, note: ItemNote): Promise<void> {
  const source = sourceOf(urging.source);
  if (!source) throw new Error(`no supervised source ${urging.source}`);
  await source.note(tx, urging.itemRef, note);
}

/** The unit so many levels above another along its path (the root when the path is shorter). */
export function unitAbove(path: string, levels: number): { code: string; path: string } {
  const codes = path.split('/');
  const keep = Math.max(1, codes.length - levels);
  return { code: codes[keep - 1]!, path: codes.slice(0, keep).join('/') };
}

/** Escalates one urging by a rule: its state, one row per role alerted, the item's history, the audit log. */
export async function escalate(
  tx: Tx,
  urging: UrgingRow,
  rule: EscalationRule,
  now: Date,
): Promise<UrgingRow> {
  await transition(tx, {
    versions: urgingWorkflows,
    store: urgingStore,
    ports: workbenchPorts(SYSTEM),
    key: { id: urging.id },
    action: 'escalate',
    actor: systemActor,
    data: { ruleId: rule.id },
    now,
  });
  const to = unitAbove(urging.fromUnitPath, rule.levelsUp);
  for (const role of rule.roles)
    await insertEscalation(tx, {
      urgingId: urging.id,
      ruleId: rule.id,
      toUnitCode: to.code,
      toUnitPath: to.path,
      toRole: role,
      at: now,
    });
  const unit = await unitInfo(tx, to.code);
  await noteOn(tx, urging, {
    actor: 'system',
    unitCode: null,
    action: 'urge-escalate',
    reason: null,
    data: {
      urgingId: urging.id,
      rule: rule.id,
      toUnit: to.code,
      toUnitName: unit?.name ?? to.code,
      roles: rule.roles,
    },
    at: now,
  });
  const escalated = await findUrging(tx, urging.id);
  if (!escalated) throw new Error('the urging vanished');
  return escalated;
}
