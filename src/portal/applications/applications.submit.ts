import {
  applicationSubmitted,
  attachmentSubmitted,
  type Applicant,
  type CaseAnswers,
} from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { firstIncompletePage, submission, type Answers } from '../../shared/application-forms/index.ts';
import { isUniqueViolation } from '../../shared/db/unique-violation.ts';
import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { queueNotification } from '../../shared/notify/notifications.ts';
import { liveItem } from '../catalog/catalog.service.ts';
import * as companies from '../companies/companies.repository.ts';
import { portalPolicy } from '../policy.ts';
import type { CurrentCitizen } from '../session.ts';
import * as repo from './applications.repository.ts';
import { nextCaseNumber } from './case-numbers.ts';
import {
  applicationFor,
  beijingDay,
  isUuid,
  verifiedIdentity,
  type ApplyServices,
} from './applications.service.ts';

/**
 * Submits the application in one transaction: the case number, the application marked in flight, the
 * message to the police network and one message per uploaded file. A second submission of the same
 * application (a double click, a retry, a stale page) finds the first and returns its case number.
 */
export async function submitApplication(
  services: ApplyServices,
  citizen: CurrentCitizen,
  id: string,
  submitKey: string,
): Promise<{ caseNumber: string; created: boolean }> {
  const loaded = await applicationFor(services, citizen, id, 'applications.view');
  if (loaded.row.caseNumber) return { caseNumber: loaded.row.caseNumber, created: false };
  // Only now the stricter right: a representative who may see an agent's draft does not send it for him.
  mustAllow(portalPolicy, citizen, 'applications.edit', {
    citizenId: loaded.row.citizenId,
    company: loaded.company && (await companies.findCompany(services.db, loaded.company.id)),
  });
  if (!isUuid(submitKey)) {
    throw new AppError('VALIDATION', { fields: [{ field: 'submitKey', message: 'submitKeyMissing' }] });
  }
  const identity = await verifiedIdentity(services, loaded.row.citizenId);
  if (!identity)
    throw new AppError('VALIDATION', { fields: [{ field: 'submitKey', message: 'realNameNeeded' }] });
  const published = await liveItem(services.db, loaded.row.itemId);
  if (!published) throw new AppError('NOT_FOUND');
  const now = services.now();
  // Numbered before the transaction, so submissions to one unit do not queue on its counter (case-numbers.ts).
  const caseNumber = await nextCaseNumber(
    services.db,
    published.item.implementingUnit.unitCode,
    beijingDay(now).replaceAll('-', ''),
  );
  try {
    return await services.db.transaction(async (tx) => {
      const row = await repo.lockApplication(tx, id);
      if (!row) throw new AppError('NOT_FOUND');
      if (row.caseNumber) return { caseNumber: row.caseNumber, created: false };
      const form = services.forms.get(row.formId, row.formVersion);
      const incomplete = firstIncompletePage(form, row.answers as Answers);
      if (incomplete)
        throw new AppError('VALIDATION', {
          detail: incomplete.id,
          fields: [{ field: 'submitKey', message: 'incomplete' }],
        });
      const { answers } = submission(form, row.answers as Answers);
      if (row.companyId && (await repo.companyInFlight(tx, row.companyId, row.itemId)))
        throw new AppError('CONFLICT');
      await repo.markSubmitted(tx, row.id, { submitKey, caseNumber, answers: answers as CaseAnswers, now });
      const applicant: Applicant = {
        citizenRef: row.citizenId,
        name: identity.name,
        idNumber: identity.idNumber,
        mobile: identity.mobile,
        ...(loaded.company
          ? {
              company: {
                companyRef: loaded.company.id,
                creditCode: loaded.company.creditCode,
                name: loaded.company.name,
                role: loaded.company.role,
              },
            }
          : {}),
      };
      const stream = `case:${caseNumber}`;
      await send(
        tx,
        applicationSubmitted,
        {
          applicationId: row.id,
          caseNumber,
          itemId: row.itemId,
          itemVersion: row.itemVersion,
          formId: form.id,
          formVersion: form.version,
          formHash: services.forms.hashOf(form.id, form.version)!,
          applicant,
          answers: answers as CaseAnswers,
          submittedAt: now.toISOString(),
        },
        // A case number is never handed out twice (case-numbers.ts): the case's stream begins here.
        { stream, opens: true },
      );
      const fileIds = Object.values(answers).flatMap((value) =>
        Array.isArray(value)
          ? value.flatMap((v) =>
              typeof v === 'object' && v !== null && 'mediaType' in v ? [String(v.id)] : [],
            )
          : [],
      );
      for (const file of await repo.fileContents(tx, row.id, fileIds)) {
        await send(
          tx,
          attachmentSubmitted,
          {
            attachmentId: file.id,
            citizenRef: row.citizenId,
            purpose: 'application-material',
            file: { name: file.name, declaredType: file.mediaType, data: file.content.toString('base64') },
          },
          { stream },
        );
      }
      // In the same transaction: the text goes out exactly when the case exists. No personal data in it.
      await queueNotification(tx, {
        channel: 'sms',
        recipient: identity.mobile,
        template: 'application.submitted',
        body: `【示范市公安局】您的“${published.item.name.zh}”申请已提交，办件编号 ${caseNumber}。办理进展请在“我的办件”查看。`,
      });
      return { caseNumber, created: true };
    });
  } catch (error) {
    // The partial unique index: another submission of the same service by the same person won the race.
    if (isUniqueViolation(error)) throw new AppError('CONFLICT');
    throw error;
  }
}
