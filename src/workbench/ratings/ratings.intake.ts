import { ratingSubmitted, rectificationAnswered } from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import type { Tx } from '../../shared/db/database.ts';
import { isBadReview } from '../../shared/ratings/ratings.scale.ts';
import { systemActor, transition } from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { workbenchPorts } from '../workflow/workflow.ports.ts';
import * as repo from './ratings.repository.ts';
import { orderStore, rectificationWorkflow, type OrderActions } from './ratings.workflow.ts';

// Ratings arriving from the portal: kept once and read-only, under the unit that handled the case or letter. A
// bad review the person gave (not a default) opens a rectification order at that unit. The person's answer to
// the reply closes the order, or reopens it once.

const EXCHANGE: AuditActor = { actor: 'exchange', actorUnit: null, sourceIp: null };

async function move<A extends keyof OrderActions & string>(
  tx: Tx,
  id: string,
  action: A,
  data: OrderActions[A],
  now: Date,
  text: string | null = null,
) {
  await transition(tx, {
    versions: rectificationWorkflow,
    store: orderStore,
    ports: workbenchPorts(EXCHANGE),
    key: { id },
    action,
    actor: systemActor,
    data,
    now,
  });
  await repo.recordAction(tx, { orderId: id, action, actor: 'system', text, at: now });
}

export function ratingSubmittedHandler(services: ZoneServices): MessageHandler {
  return onMessage(ratingSubmitted, async (tx, rating) => {
    const now = services.now();
    const unit = await repo.handlingUnit(tx, rating.subject.kind, rating.subject.number);
    const stored = await repo.insertRating(tx, {
      id: rating.ratingId,
      subjectKind: rating.subject.kind,
      subjectNumber: rating.subject.number,
      level: rating.level,
      reasons: rating.reasons,
      comment: rating.comment,
      defaulted: rating.defaulted,
      channel: rating.channel,
      ratedAt: new Date(rating.ratedAt),
      unitCode: unit?.code ?? null,
      unitPath: unit?.path ?? '',
      receivedAt: now,
    });
    if (!stored) return;
    const target = `${rating.subject.kind}:${rating.subject.number}`;
    await recordAudit(tx, {
      ...EXCHANGE,
      action: 'rating.received',
      target,
      detail: { level: rating.level, defaulted: rating.defaulted },
      at: now,
    });
    if (!isBadReview(rating.level) || rating.defaulted) return;
    const definition = rectificationWorkflow.current;
    const order = await repo.insertOrder(tx, {
      ratingId: rating.ratingId,
      unitCode: unit?.code ?? null,
      unitPath: unit?.path ?? '',
      workflowId: definition.id,
      workflowVersion: definition.version,
      state: definition.initial,
      openedAt: now,
      updatedAt: now,
    });
    await move(tx, order.id, 'open', {}, now);
  });
}

export function rectificationAnsweredHandler(services: ZoneServices): MessageHandler {
  return onMessage(rectificationAnswered, async (tx, answered) => {
    const order = await repo.orderOfRating(tx, answered.ratingId);
    // The reply went from this order, so a missing one is a fault: the message waits for an operator.
    if (!order) throw new Error('an answer to a rectification order the workbench does not hold');
    // Already moved (or a second appeal the portal should have refused): nothing more to do.
    if (order.state !== 'replied') return;
    const now = services.now();
    if (answered.answer === 'accept') return move(tx, order.id, 'accept', {}, now);
    if (order.round >= 2) return;
    const reason = answered.reason ?? '';
    await move(tx, order.id, 'appeal', { reason }, now, reason);
    await repo.updateOrder(tx, order.id, { round: 2, appealReason: reason });
  });
}

export function ratingInboxHandlers(services: ZoneServices): MessageHandler[] {
  return [ratingSubmittedHandler(services), rectificationAnsweredHandler(services)];
}
