import { createHash } from 'node:crypto';
import {
  caseDocumentIssued,
  caseDocumentIssuedV2,
  caseStatusChanged,
  type CaseDocumentKind,
} from '../../exchange/contracts/index.ts';
import type { PayloadOf } from '../../exchange/contracts/contract.ts';
import { onMessage, onVersions, type MessageHandler } from '../../exchange/facade.ts';
import type { Tx } from '../../shared/db/database.ts';
import { queueNotification } from '../../shared/notify/notifications.ts';
import { RATING_PERIOD_DAYS } from '../../shared/ratings/ratings.scale.ts';
import { ratingLinkUrl } from '../ratings/ratings.link.ts';
import { RATEABLE_CASE_STATUSES } from '../ratings/ratings.repository.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import {
  documentInSite,
  documentKindWords,
  documentSms,
  stepInSite,
  stepSms,
  stepWords,
} from './cases.messages.ts';
import { closeCaseFee } from '../payments/payments.refunds.ts';
import * as repo from './cases.repository.ts';

// What the workbench tells the portal about a case: each step of its progress, and each document issued.
// Redelivery and reordering are harmless: a step is kept once, and only a newer one moves the case's status.

type Recipient = NonNullable<Awaited<ReturnType<typeof repo.applicationOfCase>>>;

async function caseOf(tx: Tx, applicationId: string, caseNumber: string): Promise<Recipient> {
  const application = await repo.applicationOfCase(tx, applicationId, caseNumber);
  // Left failed in the inbox for an operator to look at: a step for a case this portal never numbered.
  if (!application) throw new Error('the message names a case this portal does not hold');
  return application;
}

const serviceName = (c: Recipient) => (c.nameZh && c.nameEn ? { zh: c.nameZh, en: c.nameEn } : null);

/** Tells the applicant by SMS and in-site message, in the transaction that stored what happened. */
async function notify(
  tx: Tx,
  to: Recipient,
  at: Date,
  message: {
    template: string;
    sms: string;
    subject: { zh: string; en: string };
    body: { zh: string; en: string };
  },
): Promise<void> {
  await queueNotification(tx, {
    channel: 'sms',
    recipient: to.mobile,
    template: message.template,
    body: message.sms,
  });
  await repo.insertMessage(tx, {
    citizenId: to.citizenId,
    subject: message.subject,
    body: message.body,
    link: `/my/cases/${encodeURIComponent(to.caseNumber!)}`,
    createdAt: at,
  });
}

export function caseStatusHandler(services: ZoneServices): MessageHandler {
  return onMessage(caseStatusChanged, async (tx, step) => {
    const application = await caseOf(tx, step.applicationId, step.caseNumber);
    const now = services.now();
    const stored = await repo.insertEvent(tx, {
      applicationId: application.id,
      caseNumber: step.caseNumber,
      seq: step.seq,
      status: step.status,
      step: step.step,
      at: new Date(step.at),
      unitCode: step.unit.code,
      unitName: step.unit.name,
      message: step.message ?? null,
      missingMaterials: step.missingMaterials ?? null,
      legalBasis: step.legalBasis ?? null,
      dueOn: step.dueOn,
      applicantMay: step.applicantMay,
      visit: step.visit ?? null,
      receivedAt: now,
    });
    if (!stored) return;
    await repo.advanceStatus(tx, application.id, {
      seq: step.seq,
      status: step.status,
      dueOn: step.dueOn,
      applicantMay: step.applicantMay,
      final: repo.FINAL_STATUSES.includes(step.status),
      now,
    });
    // A case ended without its result gives back a fee paid for it (and a fee still due is no longer owed).
    if (step.status === 'refused' || step.status === 'withdrawn' || step.status === 'not-accepted')
      await closeCaseFee(tx, step.caseNumber, step.status, now);
    const words = stepWords(step.step, step.status);
    // A finished case's SMS carries the signed link to rate it, good until the rating period ends.
    const rateable = (RATEABLE_CASE_STATUSES as readonly string[]).includes(step.status);
    const link = rateable
      ? ratingLinkUrl(
          services.sealer,
          'case',
          step.caseNumber,
          new Date(new Date(step.at).getTime() + RATING_PERIOD_DAYS * 86_400_000),
        )
      : null;
    await notify(tx, application, now, {
      template: `case.step.${step.step}`,
      sms: stepSms(step.caseNumber, words, link),
      ...stepInSite(step.caseNumber, words, serviceName(application)),
    });
  });
}

const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** A document, with its English copy where version 2 carries one; version 1 never does. */
async function keepDocument(
  tx: Tx,
  services: ZoneServices,
  issued: PayloadOf<typeof caseDocumentIssuedV2>,
): Promise<void> {
  const application = await caseOf(tx, issued.applicationId, issued.caseNumber);
  const content = Buffer.from(issued.file.data, 'base64');
  // The hash is what the verification page shows against a printed copy: it must be the content's own.
  if (sha256Of(content) !== issued.sha256) throw new Error('the document does not match its hash');
  if ((issued.englishFile === undefined) !== (issued.englishSha256 === undefined))
    throw new Error('an English copy comes with its hash, or not at all');
  const english = issued.englishFile ? Buffer.from(issued.englishFile.data, 'base64') : undefined;
  if (english && sha256Of(english) !== issued.englishSha256)
    throw new Error('the English copy does not match its hash');
  const now = services.now();
  // The schema's union of literals reaches here only as a string; the contract checked it is one of the kinds.
  const kindCode = issued.kind as CaseDocumentKind;
  const kind = documentKindWords[kindCode];
  const stored = await repo.insertDocument(tx, {
    id: issued.documentId,
    applicationId: application.id,
    caseNumber: issued.caseNumber,
    kind: kindCode,
    documentNumber: issued.documentNumber,
    verificationCode: issued.verificationCode,
    holderMasked: issued.holderMasked,
    unitName: issued.unitName,
    issuedAt: new Date(issued.issuedAt),
    validUntil: issued.validUntil,
    sha256: issued.sha256,
    fileName: `${kind.zh}-${issued.documentNumber}.pdf`,
    content,
    bytes: content.length,
    ...(english
      ? { englishContent: english, englishSha256: issued.englishSha256 ?? null, englishBytes: english.length }
      : {}),
    receivedAt: now,
  });
  if (!stored) return;
  await notify(tx, application, now, {
    template: `case.document.${kindCode}`,
    sms: documentSms(issued.caseNumber, kind),
    ...documentInSite(issued.caseNumber, kind),
  });
}

export function caseDocumentHandler(services: ZoneServices): MessageHandler {
  return onVersions([
    onMessage(caseDocumentIssued, (tx, issued) => keepDocument(tx, services, issued)),
    onMessage(caseDocumentIssuedV2, (tx, issued) => keepDocument(tx, services, issued)),
  ]);
}

export function caseInboxHandlers(services: ZoneServices): MessageHandler[] {
  return [caseStatusHandler(services), caseDocumentHandler(services)];
}
