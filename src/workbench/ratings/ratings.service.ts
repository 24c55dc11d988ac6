import { rectificationReplied } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { transition } from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import { allows, reachOf } from '../staff/staff.policy.ts';
import { staffActor, workbenchPorts } from '../workflow/workflow.ports.ts';
import * as repo from './ratings.repository.ts';
import { proposalsOf, supervisesFor } from './ratings.set-aside.ts';
import type { OrderActionRow, OrderRow, RatingRow, SetAsideRow } from './ratings.tables.ts';
import { orderStore, rectificationWorkflow, STEP_FROM, type OrderStep } from './ratings.workflow.ts';

// What officers do with bad reviews: the handling unit works its rectification orders step by step (verify,
// fix, call back, reply), the reply crossing to the person; a unit above samples closed orders. Ratings
// themselves are never changed here.

export type OrderView = 'open' | 'closed';

export function ordersOf(services: ZoneServices, me: CurrentStaff, view: OrderView) {
  return repo.ordersIn(services.db, reachOf(me, 'ratings.read'), view === 'open');
}

export interface OrderDetail {
  order: OrderRow;
  rating: RatingRow;
  actions: OrderActionRow[];
  unitName: string | null;
  /** The step the officer may take now, if any. */
  step: OrderStep | null;
  maySample: boolean;
  /** The set-aside proposals about the rating, newest first, and what the officer may do about them. */
  proposals: SetAsideRow[];
  mayPropose: boolean;
  mayDecide: boolean;
}

export async function loadOrder(
  services: ZoneServices,
  me: CurrentStaff,
  action:
    'ratings.read' | 'ratings.rectify' | 'ratings.sample' | 'ratings.set_aside' | 'ratings.review_set_aside',
  id: string,
): Promise<OrderRow> {
  const order = await repo.findOrder(services.db, id);
  if (!order) throw new AppError('NOT_FOUND');
  // Reading is the door: an order out of reach is not there; a step he may not take is refused as such.
  mustAllow(workbenchPolicy, me, 'ratings.read', { unitPath: order.unitPath });
  if (action !== 'ratings.read' && !workbenchPolicy.can(me, action, { unitPath: order.unitPath }))
    throw new AppError('FORBIDDEN');
  return order;
}

/** A unit above the order's: the supervising unit samples, never the unit that did the work. */
function supervises(me: CurrentStaff, order: OrderRow): boolean {
  return me.assignments.some(
    (a) =>
      allows({ ...me, assignments: [a] }, 'ratings.sample', order.unitPath) && a.unitPath !== order.unitPath,
  );
}

export async function detailOf(
  services: ZoneServices,
  me: CurrentStaff,
  order: OrderRow,
): Promise<OrderDetail> {
  const rating = await repo.findRating(services.db, order.ratingId);
  if (!rating) throw new AppError('NOT_FOUND');
  const step = STEP_FROM[order.state] ?? null;
  const proposals = await proposalsOf(services.db, rating.id);
  const pending = proposals.find((p) => p.state === 'proposed');
  return {
    order,
    rating,
    actions: await repo.actionsOf(services.db, order.id),
    unitName: (await repo.unitName(services.db, order.unitCode)) ?? null,
    step: step && workbenchPolicy.can(me, 'ratings.rectify', { unitPath: order.unitPath }) ? step : null,
    maySample: order.state === 'closed' && !order.sample && supervises(me, order),
    proposals,
    mayPropose:
      !rating.setAside &&
      !pending &&
      workbenchPolicy.can(me, 'ratings.set_aside', { unitPath: order.unitPath }),
    mayDecide: pending !== undefined && supervisesFor(me, 'ratings.review_set_aside', order.unitPath),
  };
}

const refuse = (field: string, message: string): never => {
  throw new AppError('VALIDATION', { fields: [{ field, message }] });
};

/** One step of the order by the handling unit's officer; the reply also crosses to the person. */
export async function takeStep(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  order: OrderRow,
  input: { action?: string | undefined; text?: string | undefined },
): Promise<void> {
  const text = (input.text ?? '').trim();
  const expected = STEP_FROM[order.state];
  if (!expected || input.action !== expected)
    throw new AppError('CONFLICT', { fields: [{ field: 'text', message: 'ratings.moved' }] });
  if (!text || text.length > 2000) refuse('text', 'ratings.text');
  const now = services.now();
  await services.db.transaction(async (tx) => {
    await transition(tx, {
      versions: rectificationWorkflow,
      store: orderStore,
      ports: workbenchPorts(by, services.calendar),
      key: { id: order.id },
      action: expected,
      actor: staffActor(me, order.unitPath),
      data: { text },
      now,
    });
    await repo.recordAction(tx, { orderId: order.id, action: expected, actor: me.badgeNo, text, at: now });
    if (expected !== 'reply') return;
    const rating = await repo.findRating(tx, order.ratingId);
    if (!rating) throw new AppError('NOT_FOUND');
    await send(
      tx,
      rectificationReplied,
      {
        ratingId: rating.id,
        subject: { kind: rating.subjectKind, number: rating.subjectNumber },
        round: order.round,
        reply: text,
        unitName: ((await repo.unitName(tx, order.unitCode)) ?? '示范市公安局').slice(0, 100),
        repliedAt: now.toISOString(),
      },
      { stream: `${rating.subjectKind}:${rating.subjectNumber}` },
    );
  });
}

/** The supervising unit's sampling of a closed order: checked, or unsatisfactory with its reasons. */
export async function sampleOrder(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  order: OrderRow,
  input: { result?: string | undefined; text?: string | undefined },
): Promise<void> {
  const result = input.result;
  const text = (input.text ?? '').trim();
  if (result !== 'checked' && result !== 'unsatisfactory') refuse('result', 'ratings.result');
  if (result === 'unsatisfactory' && !text) refuse('text', 'ratings.text');
  if (text.length > 2000) refuse('text', 'ratings.text');
  if (order.state !== 'closed' || order.sample)
    throw new AppError('CONFLICT', { fields: [{ field: 'result', message: 'ratings.sampled' }] });
  if (!supervises(me, order)) throw new AppError('FORBIDDEN');
  const now = services.now();
  await services.db.transaction(async (tx) => {
    await repo.updateOrder(tx, order.id, {
      sample: result as 'checked' | 'unsatisfactory',
      sampledBy: me.badgeNo,
    });
    await repo.recordAction(tx, {
      orderId: order.id,
      action: `sample-${result}`,
      actor: me.badgeNo,
      text,
      at: now,
    });
    await recordAudit(tx, {
      ...by,
      action: 'rectification.sample',
      target: `rectification:${order.id}`,
      detail: { result },
      at: now,
    });
  });
}

/** For the start page: working orders of the officer's units, and how many are overdue. */
export function workingCount(services: ZoneServices, me: CurrentStaff) {
  return repo.countWorking(services.db, reachOf(me, 'ratings.rectify'), todayInShanghai(services.now()));
}
