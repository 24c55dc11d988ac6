import { deliveryRequested, deliveryTracked } from '../../exchange/contracts/index.ts';
import { onMessage, send, type MessageHandler } from '../../exchange/facade.ts';
import { advanceDelivery } from '../../shared/delivery/delivery.status.ts';
import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import type { CaseRow } from '../cases/cases.tables.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import * as repo from './delivery.repository.ts';
import type { DeliveryParty } from './delivery.tables.ts';

export type DeliveryAction = 'create' | 'cancel';

// The states in which there is a result to send: issued, approved to collect, or the case ended with a decision.
const RESULT_READY = new Set(['approved', 'result-issued', 'completed', 'refused', 'not-accepted']);

/** What the officer may do about the delivery now: send the result once there is one, cancel before pickup. */
export function deliveryActions(row: CaseRow, delivery: repo.DeliveryRow | undefined): DeliveryAction[] {
  if (!RESULT_READY.has(row.publicStatus)) return [];
  if (!delivery || ['cancelled', 'collect-at-hall'].includes(delivery.status)) return ['create'];
  if (delivery.status === 'created') return ['cancel'];
  return [];
}

/**
 * The officer sends the case's result out, or calls back a waybill not yet picked up. The portal (which alone
 * talks to the courier) answers with delivery.tracked. Audited, in one transaction with the message.
 */
export async function requestDelivery(
  services: ZoneServices,
  me: CurrentStaff,
  actor: AuditActor,
  row: CaseRow,
  action: DeliveryAction,
): Promise<void> {
  mustAllow(workbenchPolicy, me, 'cases.act', row);
  await services.db.transaction(async (tx) => {
    const delivery = await repo.deliveryOf(tx, row.caseNumber, { lock: true });
    if (!deliveryActions(row, delivery).includes(action)) throw new AppError('CONFLICT');
    const now = services.now();
    if (action === 'create')
      await repo.saveRequest(tx, {
        caseNumber: row.caseNumber,
        applicationId: row.applicationId,
        status: 'requested',
        requestedBy: me.badgeNo,
        requestedAt: now,
        updatedAt: now,
      });
    await send(
      tx,
      deliveryRequested,
      {
        applicationId: row.applicationId,
        caseNumber: row.caseNumber,
        action,
        requestedAt: now.toISOString(),
      },
      { stream: `case:${row.caseNumber}` },
    );
    await recordAudit(tx, {
      ...actor,
      action: action === 'create' ? 'case.delivery.request' : 'case.delivery.cancel',
      target: `case:${row.caseNumber}`,
      at: now,
    });
  });
}

/**
 * A delivery step from the portal. Every event is kept once for the history; the case's delivery only moves
 * forward (a late 'in transit' after 'delivered' is history, not a state).
 */
export function deliveryTrackedHandler(services: ZoneServices): MessageHandler {
  return onMessage(deliveryTracked, async (tx, event) => {
    const delivery = await repo.deliveryOf(tx, event.caseNumber, { lock: true });
    // Left failed in the inbox for an operator: a step of a delivery nobody here asked for.
    if (!delivery) throw new Error('a delivery step for a case that requested none');
    const fresh = await repo.insertEvent(tx, {
      eventId: event.eventId,
      caseNumber: event.caseNumber,
      waybillNo: event.waybillNo,
      status: event.status,
      note: event.note,
      occurredAt: new Date(event.occurredAt),
      receivedAt: services.now(),
    });
    if (!fresh) return;
    const current =
      delivery.status === 'requested'
        ? undefined
        : { waybillNo: delivery.waybillNo, status: delivery.status };
    const next = advanceDelivery(current, event);
    if (!next) return;
    await repo.updateDelivery(tx, event.caseNumber, {
      status: next.status,
      waybillNo: next.waybillNo,
      updatedAt: services.now(),
      ...(event.parties
        ? {
            sender: event.parties.sender,
            recipientSealed: services.sealer.seal(JSON.stringify(event.parties.recipient)),
          }
        : {}),
    });
  });
}

export function deliveryInboxHandlers(services: ZoneServices): MessageHandler[] {
  return [deliveryTrackedHandler(services)];
}

/** The recipient, opened: for the printout only, which is audited. */
export function recipientOf(services: ZoneServices, delivery: repo.DeliveryRow): DeliveryParty | undefined {
  return delivery.recipientSealed
    ? (JSON.parse(services.sealer.open(delivery.recipientSealed)) as DeliveryParty)
    : undefined;
}
