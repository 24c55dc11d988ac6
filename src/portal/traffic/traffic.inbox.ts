import { eq } from 'drizzle-orm';
import { paymentSettledV2, trafficViolationsPublished } from '../../exchange/contracts/index.ts';
import { onMessage, send, type MessageHandler } from '../../exchange/facade.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { citizens } from '../db/schema.ts';
import { onPayablesSettled, onSurcharge } from '../payments/payments.payables.ts';
import { newVerificationCode } from '../../shared/pdf/verified-slip.ts';
import type { WorkingDayCalendar } from '../../shared/calendar/working-days.ts';
import { lateSurcharge } from '../../shared/traffic/late-surcharge.ts';
import { openPayable } from '../payments/payments.repository.ts';
import * as repo from './traffic.repository.ts';
import { trafficStream } from './traffic.service.ts';

// The police zone's answers replace the owner's copy whole; a decided violation opens its fine as a payable on
// the payment engine, and a paid fine goes back as payment.settled (version 2) on the owner's stream.

export function violationsPublishedHandler(services: ZoneServices): MessageHandler {
  return onMessage(trafficViolationsPublished, async (tx, answer) => {
    const [citizen] = await tx
      .select({ id: citizens.id })
      .from(citizens)
      .where(eq(citizens.id, answer.citizenRef));
    // Left failed in the inbox for an operator: an answer for an account this portal does not hold.
    if (!citizen) throw new Error('a traffic answer for an unknown account');
    const now = services.now();
    const asOf = new Date(answer.asOf);
    const lookup = await repo.lookupOf(tx, citizen.id, { lock: true });
    // The stream keeps answers in order; this also keeps a replayed old one from undoing a newer picture.
    if (lookup?.asOf && lookup.asOf > asOf) return;
    await repo.storeAnswer(tx, citizen.id, {
      requestId: lookup?.requestId ?? answer.requestId ?? crypto.randomUUID(),
      answeredAt: now,
      asOf,
      vehicles: answer.vehicles,
      licence: answer.licence,
    });
    const photos = new Map(answer.photos.map((p) => [p.name, Buffer.from(p.data, 'base64')]));
    const before = new Map((await repo.violationsOf(tx, citizen.id)).map((v) => [v.id, v]));
    await repo.dropOthers(
      tx,
      citizen.id,
      answer.violations.map((v) => v.id),
    );
    for (const v of answer.violations) {
      const photo = photos.get(v.photo);
      if (!photo) throw new Error('a traffic answer without the picture it names');
      const pending = before.get(v.id);
      // His acceptance is no longer pending once the police zone has answered it or moved the record on.
      const answered = v.state !== 'unhandled' || pending?.acceptRequestId === answer.requestId;
      await repo.upsertViolation(tx, {
        id: v.id,
        citizenId: citizen.id,
        plate: v.plate,
        occurredAt: new Date(v.occurredAt),
        place: v.place,
        offenceCode: v.offenceCode,
        offence: v.offence,
        points: v.points,
        fineFen: v.fineFen,
        state: v.state,
        decisionNo: v.decisionNo,
        decidedAt: v.decidedAt ? new Date(v.decidedAt) : null,
        unitCode: v.unitCode,
        photo,
        acceptRequestId: answered ? null : (pending?.acceptRequestId ?? null),
        acceptRequestedAt: answered ? null : (pending?.acceptRequestedAt ?? null),
        updatedAt: now,
      });
      if (v.state !== 'unhandled' && v.decisionNo && v.decidedAt)
        await repo.keepDecisionDocument(tx, {
          violationId: v.id,
          citizenId: citizen.id,
          decisionNo: v.decisionNo,
          verificationCode: newVerificationCode(),
          plate: v.plate,
          occurredAt: new Date(v.occurredAt),
          place: v.place,
          offenceCode: v.offenceCode,
          offence: v.offence,
          points: v.points,
          fineFen: v.fineFen,
          unitCode: v.unitCode,
          decidedAt: new Date(v.decidedAt),
          issuedAt: now,
        });
      if (v.state === 'decision-accepted' && v.fineFen > 0)
        await openPayable(tx, {
          kind: 'traffic-fine',
          reference: v.id,
          citizenId: citizen.id,
          amountFen: v.fineFen,
          description: {
            zh: `交通违法罚款（${v.plate}，${v.offence.zh}）`.slice(0, 120),
            en: `Traffic fine (${v.plate}, ${v.offence.en})`.slice(0, 200),
          },
          payeeUnit: v.unitCode,
          createdAt: now,
        });
    }
  });
}

/** A paid fine tells the police zone, in the settling transaction, on the owner's stream. */
export function registerTrafficFineSettlement(): void {
  onPayablesSettled('traffic-fine', async (tx, payables, at) => {
    for (const payable of payables) {
      if (!payable.paidOrderNo) continue;
      await send(
        tx,
        paymentSettledV2,
        {
          payable: { kind: 'traffic-fine', violationId: payable.reference, citizenRef: payable.citizenId },
          orderNo: payable.paidOrderNo,
          amountFen: payable.amountFen,
          payeeUnit: payable.payeeUnit,
          paidAt: at.toISOString(),
        },
        { stream: trafficStream(payable.citizenId) },
      );
    }
  });
}

/**
 * A fine paid more than 15 days after its decision grows by 3% a day up to the fine (加处罚款), counted from the
 * decision's time the police zone sent; the order made today asks it.
 */
export function registerTrafficFineSurcharge(calendar: WorkingDayCalendar): void {
  onSurcharge('traffic-fine', async (ex, payable, fineFen, now) => {
    // The violation's copy goes when the police zone stops listing it (a vehicle sold); the decision document
    // stays, so the fine still carries its surcharge.
    const violation = await repo.violationById(ex, payable.reference);
    const decidedAt =
      violation?.decidedAt ?? (await repo.decisionDocumentOf(ex, payable.reference))?.decidedAt;
    if (!decidedAt) return { surchargeFen: 0, overdueDays: 0, dueOn: null };
    return lateSurcharge(fineFen, decidedAt, now, calendar);
  });
}

export function trafficInboxHandlers(services: ZoneServices): MessageHandler[] {
  registerTrafficFineSettlement();
  registerTrafficFineSurcharge(services.calendar);
  return [violationsPublishedHandler(services)];
}
