import type { Tx } from '../../shared/db/database.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { parseIdNumber } from '../../shared/validators/id-number.ts';
import { systemActor, transition } from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import {
  trafficDecisionRequested,
  trafficLookupRequest,
  trafficViolationsPublished,
} from '../../exchange/contracts/index.ts';
import { onMessage, send, type MessageHandler } from '../../exchange/facade.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { workbenchPorts } from '../workflow/workflow.ports.ts';
import { offenceOf, vehicleKinds } from './traffic.offences.ts';
import { currentCycle } from './traffic.points.ts';
import * as repo from './traffic.repository.ts';
import { trafficViolationWorkflow, violationStore } from './traffic.workflow.ts';

// The police zone's side of traffic fines: it answers an owner's lookup with his own vehicles and nothing
// else, records his acceptance of a decision with the points, and a payment the portal reports. Every answer
// is the owner's whole picture, sent on his stream, so the portal's copy is replaced, never patched.

const EXCHANGE: AuditActor = { actor: 'exchange', actorUnit: null, sourceIp: null };

export function trafficStream(citizenRef: string): string {
  return `traffic:${citizenRef}`;
}

/** The decision number (处罚决定书编号): the unit, the day, the record; the same for a redelivered request. */
export function decisionNumberOf(violation: { id: string; unitCode: string }, now: Date): string {
  const day = todayInShanghai(now).replaceAll('-', '');
  return `${violation.unitCode}-${day}-${violation.id.slice(0, 8).toUpperCase()}`;
}

/** Sends the owner's vehicles, licence points and violations (with pictures) to the portal for him. */
export async function publishOwner(
  tx: Tx,
  services: ZoneServices,
  to: { citizenRef: string; idNumberHash: string; requestId: string | null },
): Promise<void> {
  const now = services.now();
  const owned = await repo.vehiclesOfOwner(tx, to.idNumberHash);
  const violations = await repo.violationsOfPlates(
    tx,
    owned.map((v) => v.plate),
  );
  const licence = await repo.licenceOf(tx, to.idNumberHash);
  const cycle = licence ? currentCycle(licence, now) : undefined;
  await send(
    tx,
    trafficViolationsPublished,
    {
      citizenRef: to.citizenRef,
      requestId: to.requestId,
      asOf: now.toISOString(),
      vehicles: owned.map((v) => ({ plate: v.plate, kind: vehicleKinds[v.kind], brand: v.brand })),
      licence:
        licence && cycle
          ? {
              licenceClass: licence.licenceClass,
              pointsDeducted: Math.min(cycle.pointsDeducted, 99),
              cycleStart: cycle.cycleStart,
              cycleEnd: cycle.cycleEnd,
            }
          : null,
      violations: violations.map((v) => {
        const offence = offenceOf(v.offenceCode);
        return {
          id: v.id,
          plate: v.plate,
          occurredAt: v.occurredAt.toISOString(),
          place: v.place,
          offenceCode: v.offenceCode,
          offence: { zh: offence.zh, en: offence.en },
          points: v.points,
          fineFen: v.fineFen,
          state: v.state,
          decisionNo: v.decisionNo,
          decidedAt: v.decidedAt?.toISOString() ?? null,
          unitCode: v.unitCode,
          photo: `${v.id}.png`,
        };
      }),
      photos: violations.map((v) => ({
        name: `${v.id}.png`,
        declaredType: 'image/png',
        data: v.photo.toString('base64'),
      })),
    },
    { stream: trafficStream(to.citizenRef) },
  );
}

/** The keyed hash of a well-formed ID number; a malformed one names nobody. */
function ownerHash(services: ZoneServices, idNumber: string): string | undefined {
  const parsed = parseIdNumber(idNumber);
  return parsed.ok ? services.sealer.lookupHash(parsed.value) : undefined;
}

export function trafficLookupHandler(services: ZoneServices): MessageHandler {
  return onMessage(trafficLookupRequest, async (tx, request, message) => {
    const idNumberHash = ownerHash(services, request.idNumber) ?? 'none';
    await recordAudit(tx, {
      ...EXCHANGE,
      action: 'traffic.owner.lookup',
      target: `citizen:${request.citizenRef}`,
      detail: { requestId: request.requestId, messageId: message.messageId },
      at: services.now(),
    });
    await publishOwner(tx, services, {
      citizenRef: request.citizenRef,
      idNumberHash,
      requestId: request.requestId,
    });
  });
}

/**
 * 接受处理: only for a violation of a vehicle the requester owns and not yet decided. The decision, its audit
 * entry, the points and the answer commit together; a repeated request finds the decision made and only
 * answers again. A request for someone else's vehicle is audited as refused and changes nothing.
 */
export function trafficDecisionHandler(services: ZoneServices): MessageHandler {
  return onMessage(trafficDecisionRequested, async (tx, request, message) => {
    const now = services.now();
    const idNumberHash = ownerHash(services, request.idNumber) ?? 'none';
    const violation = await repo.violationById(tx, request.violationId, { lock: true });
    const vehicle = violation ? await repo.vehicleByPlate(tx, violation.plate) : undefined;
    const owns = vehicle?.ownerIdHash === idNumberHash;
    if (!violation || !owns) {
      await recordAudit(tx, {
        ...EXCHANGE,
        action: 'traffic.decision.refused',
        target: `citizen:${request.citizenRef}`,
        detail: { requestId: request.requestId, messageId: message.messageId },
        at: now,
      });
    } else if (violation.state === 'unhandled') {
      const decisionNo = decisionNumberOf(violation, now);
      await transition(tx, {
        versions: trafficViolationWorkflow,
        store: violationStore,
        ports: workbenchPorts(EXCHANGE, services.calendar),
        key: { id: violation.id },
        action: 'accept',
        actor: systemActor,
        data: { decisionNo, requestId: request.requestId },
        now,
      });
      await repo.recordDecision(tx, violation.id, { decisionNo, at: now, idNumberHash });
      await deductPoints(tx, idNumberHash, violation.points, now);
    }
    await publishOwner(tx, services, {
      citizenRef: request.citizenRef,
      idNumberHash,
      requestId: request.requestId,
    });
  });
}

/** Adds the points to the licence's current cycle (an owner without a licence here has none to lose). */
async function deductPoints(tx: Tx, idNumberHash: string, points: number, now: Date): Promise<void> {
  const licence = await repo.licenceOf(tx, idNumberHash, { lock: true });
  if (!licence || points === 0) return;
  const cycle = currentCycle(licence, now);
  await repo.setLicencePoints(tx, idNumberHash, {
    cycleStart: cycle.cycleStart,
    pointsDeducted: cycle.pointsDeducted + points,
  });
}

/**
 * The portal reports the fine paid (payment.settled version 2): the violation moves to paid once; a repeated or
 * late report finds it paid and changes nothing. The owner's picture goes back either way.
 */
export async function settleTrafficFine(
  tx: Tx,
  services: ZoneServices,
  paid: { violationId: string; citizenRef: string; orderNo: string; amountFen: number; paidAt: string },
): Promise<void> {
  const violation = await repo.violationById(tx, paid.violationId, { lock: true });
  // Left failed in the inbox for an operator: the portal opens a fine only for a decision made here.
  if (!violation) throw new Error('a fine paid for a violation the police zone does not hold');
  if (violation.state === 'decision-accepted') {
    // What was paid beyond the fine is its late-payment surcharge, as the portal charged it on the day of the order.
    const surchargeFen = Math.max(0, paid.amountFen - violation.fineFen);
    await transition(tx, {
      versions: trafficViolationWorkflow,
      store: violationStore,
      ports: workbenchPorts(EXCHANGE, services.calendar),
      key: { id: violation.id },
      action: 'pay',
      actor: systemActor,
      data: { orderNo: paid.orderNo, surchargeFen },
      now: services.now(),
    });
    await repo.recordPayment(tx, violation.id, {
      orderNo: paid.orderNo,
      amountFen: paid.amountFen,
      surchargeFen,
      at: new Date(paid.paidAt),
    });
  } else if (violation.state !== 'paid') {
    throw new Error('a fine paid before its decision was accepted');
  }
  if (!violation.decidedForIdHash) return;
  await publishOwner(tx, services, {
    citizenRef: paid.citizenRef,
    idNumberHash: violation.decidedForIdHash,
    requestId: null,
  });
}
