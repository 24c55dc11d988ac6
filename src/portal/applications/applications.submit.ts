import {
  applicationSubmitted,
  attachmentSubmitted,
  type Applicant,
  type CaseAnswers,
} from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import {
  firstIncompletePage,
  submission,
  type Answers,
  type FormDefinition,
} from '../../shared/application-forms/index.ts';
import type { Tx } from '../../shared/db/database.ts';
import { isUniqueViolation } from '../../shared/db/unique-violation.ts';
import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { queueNotification } from '../../shared/notify/notifications.ts';
import { liveItem } from '../catalog/catalog.service.ts';
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
  type LoadedApplication,
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
    company: loaded.companyRecord,
  });
  if (!isUuid(submitKey)) {
    throw new AppError('VALIDATION', { fields: [{ field: 'submitKey', message: 'submitKeyMissing' }] });
  }
  const identity = await verifiedIdentity(services, loaded.row.citizenId, citizen);
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
      const marked = await markAsRead(tx, loaded, { submitKey, caseNumber, now });
      const { row, form, answers } =
        marked ?? (await markLocked(tx, services, id, { submitKey, caseNumber, now }));
      if (!answers) return { caseNumber: row.caseNumber ?? caseNumber, created: false };
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

type Marking = { submitKey: string; caseNumber: string; now: Date };
type Marked = { row: repo.ApplicationRow; form: FormDefinition; answers?: Answers | undefined };

/**
 * The common case in one statement: the draft as the request read it, complete and unchanged since (its row
 * version), marked submitted without reading it again. Undefined when that cannot be decided without the lock:
 * a company's application, answers still missing, or a row changed or submitted meanwhile.
 */
async function markAsRead(tx: Tx, loaded: LoadedApplication, marking: Marking): Promise<Marked | undefined> {
  const { row, form } = loaded;
  if (row.companyId || loaded.rowVersion === undefined) return undefined;
  if (firstIncompletePage(form, loaded.answers)) return undefined;
  const { answers } = submission(form, loaded.answers);
  const done = await repo.markSubmitted(tx, row.id, {
    ...marking,
    answers: answers as CaseAnswers,
    unchangedSince: loaded.rowVersion,
  });
  return done ? { row, form, answers } : undefined;
}

/**
 * The row read again under its lock (two posts of the same application wait for each other here) and marked;
 * without answers when it was submitted already.
 */
async function markLocked(tx: Tx, services: ApplyServices, id: string, marking: Marking): Promise<Marked> {
  const row = await repo.lockApplication(tx, id);
  if (!row) throw new AppError('NOT_FOUND');
  const form = services.forms.get(row.formId, row.formVersion);
  if (row.caseNumber) return { row, form };
  const incomplete = firstIncompletePage(form, row.answers as Answers);
  if (incomplete)
    throw new AppError('VALIDATION', {
      detail: incomplete.id,
      fields: [{ field: 'submitKey', message: 'incomplete' }],
    });
  const { answers } = submission(form, row.answers as Answers);
  if (row.companyId && (await repo.companyInFlight(tx, row.companyId, row.itemId)))
    throw new AppError('CONFLICT');
  // A row submitted without a case number (by a repair, say) is refused: only a draft marked here becomes a case.
  if (!(await repo.markSubmitted(tx, row.id, { ...marking, answers: answers as CaseAnswers })))
    throw new AppError('CONFLICT');
  return { row, form, answers };
}
