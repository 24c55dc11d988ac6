import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../shared/db/database.ts';
import { isUniqueViolation } from '../../shared/db/unique-violation.ts';
import { AppError } from '../../shared/http/errors.ts';
import { transition } from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import type { CurrentStaff } from '../session.ts';
import { allows, type Permission } from '../staff/staff.policy.ts';
import { staffActor, workbenchPorts } from '../workflow/workflow.ports.ts';
import * as repo from './ratings.repository.ts';
import { setAsideStore, setAsideWorkflow } from './ratings.set-aside.workflow.ts';
import { ratings, ratingSetAsides, type OrderRow, type SetAsideRow } from './ratings.tables.ts';

// A malicious rating is set aside only by a reviewed decision: the handling unit's supervisor proposes it
// with a reason and an evidence note; a leader of a unit above, never the proposer, approves or rejects it
// with a note. Each step is audited and written in the order's history. The rating itself is never changed,
// only marked: it leaves the figures and stays visible as set aside.

const MAX = 2000;

const refuse = (field: string, message: string): never => {
  throw new AppError('VALIDATION', { fields: [{ field, message }] });
};

/** A unit above the rated one, with the permission named: the unit's own leader does not judge its rating. */
export function supervisesFor(me: CurrentStaff, permission: Permission, unitPath: string): boolean {
  return me.assignments.some(
    (a) => allows({ ...me, assignments: [a] }, permission, unitPath) && a.unitPath !== unitPath,
  );
}

/** The proposals about a rating, newest first. */
export function proposalsOf(q: Executor, ratingId: string): Promise<SetAsideRow[]> {
  return q
    .select()
    .from(ratingSetAsides)
    .where(eq(ratingSetAsides.ratingId, ratingId))
    .orderBy(desc(ratingSetAsides.proposedAt));
}

export async function proposeSetAside(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  order: OrderRow,
  input: { reason?: string | undefined; evidence?: string | undefined },
): Promise<void> {
  const reason = (input.reason ?? '').trim();
  const evidence = (input.evidence ?? '').trim();
  if (!reason || reason.length > MAX) refuse('reason', 'ratings.setAsideReason');
  if (!evidence || evidence.length > MAX) refuse('evidence', 'ratings.setAsideEvidence');
  const rating = await repo.findRating(services.db, order.ratingId);
  if (!rating) throw new AppError('NOT_FOUND');
  const conflict = () =>
    new AppError('CONFLICT', { fields: [{ field: 'reason', message: 'ratings.setAsidePending' }] });
  if (rating.setAside) throw conflict();
  const now = services.now();
  const definition = setAsideWorkflow.current;
  try {
    await services.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(ratingSetAsides)
        .values({
          ratingId: rating.id,
          unitPath: order.unitPath,
          workflowId: definition.id,
          workflowVersion: definition.version,
          state: definition.initial,
          reason,
          evidence,
          proposedBy: me.badgeNo,
          proposedAt: now,
          updatedAt: now,
        })
        .returning({ id: ratingSetAsides.id });
      await recordAudit(tx, {
        ...by,
        action: 'rating.set_aside.proposed',
        target: `rating-set-aside:${row!.id}`,
        detail: { ratingId: rating.id, reason, evidence },
        at: now,
      });
      await repo.recordAction(tx, {
        orderId: order.id,
        action: 'set-aside-proposed',
        actor: me.badgeNo,
        text: `${reason}\n${evidence}`,
        at: now,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}

export async function decideSetAside(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  order: OrderRow,
  input: { decision?: string | undefined; note?: string | undefined },
): Promise<void> {
  const decision = input.decision;
  const note = (input.note ?? '').trim();
  if (decision !== 'approve' && decision !== 'reject') refuse('decision', 'ratings.decision');
  if (!note || note.length > MAX) refuse('note', 'ratings.text');
  if (!supervisesFor(me, 'ratings.review_set_aside', order.unitPath)) throw new AppError('FORBIDDEN');
  const [pending] = await services.db
    .select()
    .from(ratingSetAsides)
    .where(and(eq(ratingSetAsides.ratingId, order.ratingId), eq(ratingSetAsides.state, 'proposed')));
  if (!pending)
    throw new AppError('CONFLICT', { fields: [{ field: 'decision', message: 'ratings.noProposal' }] });
  const now = services.now();
  await services.db.transaction(async (tx) => {
    await transition(tx, {
      versions: setAsideWorkflow,
      store: setAsideStore,
      ports: workbenchPorts(by, services.calendar),
      key: { id: pending.id },
      action: decision as 'approve' | 'reject',
      actor: staffActor(me, order.unitPath),
      data: { note },
      now,
    });
    await tx
      .update(ratingSetAsides)
      .set({ decidedBy: me.badgeNo, decisionNote: note })
      .where(eq(ratingSetAsides.id, pending.id));
    if (decision === 'approve')
      await tx.update(ratings).set({ setAside: true }).where(eq(ratings.id, order.ratingId));
    await repo.recordAction(tx, {
      orderId: order.id,
      action: `set-aside-${decision}d`,
      actor: me.badgeNo,
      text: note,
      at: now,
    });
  });
}
