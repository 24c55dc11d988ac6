import {
  approvalDecisions,
  approvalResultPublished,
  type ApprovalDecision,
} from './approval.result.published.ts';
import { appointmentAttendance } from './appointment.attendance.ts';
import { appointmentBooked } from './appointment.booked.ts';
import { appointmentCancelled } from './appointment.cancelled.ts';
import { appointmentSlotsPublished } from './appointment.slots.published.ts';
import { applicationSubmitted } from './application.submitted.ts';
import { applicationSupplemented } from './application.supplemented.ts';
import { applicationWithdrawn } from './application.withdrawn.ts';
import { attachmentSubmitted } from './attachment.submitted.ts';
import { caseDocumentIssued } from './case.document.issued.ts';
import { caseDocumentIssuedV2 } from './case.document.issued.v2.ts';
import { caseFeeDue } from './case.fee.due.ts';
import { caseStatusChanged } from './case.status.changed.ts';
import { catalogDocumentPublished } from './catalog.document.published.ts';
import { catalogItemPublished } from './catalog.item.published.ts';
import { catalogItemWithdrawn } from './catalog.item.withdrawn.ts';
import { contentPublished, contentPublishedV1 } from './content.published.ts';
import { contentWithdrawn } from './content.withdrawn.ts';
import { contentImagePublished } from './content.image.published.ts';
import { companyVerifyRequest } from './company.verify.request.ts';
import { companyVerifyResult } from './company.verify.result.ts';
import {
  directoryUnitKinds,
  directoryUnitPublished,
  directoryUnitPublishedV1,
} from './directory.unit.published.ts';
import { directoryUnitWithdrawn } from './directory.unit.withdrawn.ts';
import { contractKey, directionOf, type Contract, type ExchangeZone } from './contract.ts';
import { letterStatusChanged } from './letter.status.changed.ts';
import { letterSubmitted } from './letter.submitted.ts';
import { letterSupplemented } from './letter.supplemented.ts';
import { calendarSchedulePublished } from './calendar.schedule.published.ts';
import { open311KeyIssued } from './open311.key.issued.ts';
import { open311KeyRevoked } from './open311.key.revoked.ts';
import { paymentSettled } from './payment.settled.ts';
import { paymentReconciliationReported, paymentReconciliationRequested } from './payment.reconciliation.ts';
import { paymentRefunded } from './payment.refunded.ts';
import { paymentSettledV2 } from './payment.settled.v2.ts';
import { trafficDecisionRequested } from './traffic.decision.requested.ts';
import { trafficLookupRequest } from './traffic.lookup.request.ts';
import { trafficViolationsPublished } from './traffic.violations.published.ts';
import { deliveryRequested } from './delivery.requested.ts';
import { deliveryTracked } from './delivery.tracked.ts';
import { realnameVerifyRequest } from './realname.verify.request.ts';
import { realnameVerifyResult } from './realname.verify.result.ts';
import { statisticsPublished } from './statistics.published.ts';
import { ratingSubmitted } from './rating.submitted.ts';
import { kbAnswerHelped } from './kb.answer.helped.ts';
import { kbAnswerPublished } from './kb.answer.published.ts';
import { kbAnswerWithdrawn } from './kb.answer.withdrawn.ts';
import { qaPublished } from './qa.published.ts';
import { qaWithdrawn } from './qa.withdrawn.ts';
import { rectificationAnswered } from './rectification.answered.ts';
import { rectificationReplied } from './rectification.replied.ts';
import { ratingWindowRecorded } from './rating.window.recorded.ts';
import { questionnaireClosed } from './questionnaire.closed.ts';
import { questionnairePublished } from './questionnaire.published.ts';
import { questionnaireResponseSubmitted } from './questionnaire.response.submitted.ts';

export * from './contract.ts';
export { realnameVerifyRequest, realnameVerifyResult };
export { catalogItemPublished, catalogItemWithdrawn, catalogDocumentPublished };
export { attachmentSubmitted };
export { companyVerifyRequest, companyVerifyResult };
export { applicationSubmitted, applicationWithdrawn, applicationSupplemented };
export { caseStatusChanged, caseDocumentIssued, caseDocumentIssuedV2 };
export { contentImagePublished, contentPublished, contentPublishedV1, contentWithdrawn };
export { appointmentSlotsPublished, appointmentBooked, appointmentCancelled, appointmentAttendance };
export {
  paymentReconciliationReported,
  paymentReconciliationRequested,
  reconciliationDifferenceKinds,
  MAX_REPORTED_DIFFERENCES,
} from './payment.reconciliation.ts';
export { caseFeeDue, paymentRefunded, paymentSettled, paymentSettledV2 };
export { trafficLookupRequest, trafficDecisionRequested, trafficViolationsPublished };
export * from './traffic-shapes.ts';
export { statisticsPublished };
export { approvalResultPublished, approvalDecisions, type ApprovalDecision };
export { deliveryRequested, deliveryTracked };
export { directoryUnitPublished, directoryUnitPublishedV1, directoryUnitWithdrawn, directoryUnitKinds };
export * from './case-shapes.ts';
export { letterSubmitted, letterSupplemented, letterStatusChanged };
export * from './letter-shapes.ts';
export { ratingSubmitted, rectificationReplied, rectificationAnswered, ratingWindowRecorded };
export { open311KeyIssued, open311KeyRevoked };
export { calendarSchedulePublished };
export * from './rating-shapes.ts';
export { kbAnswerPublished, kbAnswerWithdrawn, kbAnswerHelped, qaPublished, qaWithdrawn };
export { caseDocumentKinds, type CaseDocumentKind } from './case.document.issued.ts';
export { FileAttachment } from './file.ts';
export { questionnairePublished, questionnaireClosed, questionnaireResponseSubmitted };
export * from './questionnaire-shapes.ts';

/** The whitelist. A type@version absent from this list does not cross, in either direction. */
export const whitelist: ReadonlyMap<string, Contract> = new Map(
  [
    realnameVerifyRequest,
    realnameVerifyResult,
    catalogItemPublished,
    catalogItemWithdrawn,
    catalogDocumentPublished,
    attachmentSubmitted,
    companyVerifyRequest,
    companyVerifyResult,
    applicationSubmitted,
    applicationWithdrawn,
    applicationSupplemented,
    caseStatusChanged,
    caseDocumentIssued,
    caseDocumentIssuedV2,
    contentPublishedV1,
    contentPublished,
    contentWithdrawn,
    contentImagePublished,
    appointmentSlotsPublished,
    appointmentBooked,
    appointmentCancelled,
    appointmentAttendance,
    letterSubmitted,
    letterSupplemented,
    letterStatusChanged,
    caseFeeDue,
    paymentSettled,
    paymentReconciliationReported,
    paymentReconciliationRequested,
    paymentSettledV2,
    paymentRefunded,
    trafficLookupRequest,
    trafficDecisionRequested,
    trafficViolationsPublished,
    statisticsPublished,
    approvalResultPublished,
    deliveryRequested,
    deliveryTracked,
    directoryUnitPublishedV1,
    directoryUnitPublished,
    directoryUnitWithdrawn,
    ratingSubmitted,
    rectificationReplied,
    rectificationAnswered,
    open311KeyIssued,
    open311KeyRevoked,
    calendarSchedulePublished,
    kbAnswerPublished,
    kbAnswerWithdrawn,
    kbAnswerHelped,
    qaPublished,
    qaWithdrawn,
    ratingWindowRecorded,
    questionnairePublished,
    questionnaireClosed,
    questionnaireResponseSubmitted,
  ].map((c): [string, Contract] => [contractKey(c.type, c.version), c]),
);

export type RouteResult =
  { ok: true; contract: Contract } | { ok: false; reason: 'unknown-type' | 'wrong-direction' };

/** Deny by default: the pair must be listed and listed for exactly this direction. */
export function routeContract(
  type: string,
  version: number,
  from: ExchangeZone,
  to: ExchangeZone,
): RouteResult {
  const contract = whitelist.get(contractKey(type, version));
  if (!contract) return { ok: false, reason: 'unknown-type' };
  if (from === to || contract.direction !== directionOf(from, to))
    return { ok: false, reason: 'wrong-direction' };
  return { ok: true, contract };
}

/** The registered contract object itself, so a caller cannot pass a look-alike with a looser schema. */
export function isWhitelisted(contract: Contract): boolean {
  return whitelist.get(contractKey(contract.type, contract.version)) === contract;
}
