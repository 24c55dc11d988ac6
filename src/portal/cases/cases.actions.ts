import { createHash, randomUUID } from 'node:crypto';
import {
  applicationSupplemented,
  applicationWithdrawn,
  attachmentSubmitted,
  type CaseAnswers,
} from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { MAX_UPLOAD_BYTES, uploadMediaTypes, type UploadType } from '../../shared/application-forms/index.ts';
import { inspectPdf } from '../../shared/files/pdf-active-content.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { CurrentCitizen } from '../session.ts';
import { formOf, uploadFor } from './cases.forms.ts';
import type { CaseMessage } from './cases.messages.ts';
import * as repo from './cases.repository.ts';
import { detailView, loadCase } from './cases.service.ts';

// The applicant's two requests on a case: withdraw it, or answer a notice of missing materials. Each is kept
// once per status the case was in, and crosses to the workbench on the case's own stream, so it can never
// overtake the submission; the case's status changes only when the workbench answers.

const refuse = (
  field: string,
  message: CaseMessage | string,
  code: 'VALIDATION' | 'CONFLICT' = 'VALIDATION',
) => new AppError(code, { fields: [{ field, message }] });

export async function withdraw(
  services: ZoneServices,
  citizen: CurrentCitizen,
  caseNumber: string,
  reason: string,
): Promise<void> {
  const row = await loadCase(services, citizen, 'cases.withdraw', caseNumber);
  const text = reason.trim();
  if ([...text].length > 500) throw refuse('reason', 'reasonTooLong');
  if (!row.applicantMay.includes('withdraw')) throw refuse('reason', 'withdrawNotAllowed', 'CONFLICT');
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const first = await repo.insertWithdrawal(tx, {
      applicationId: row.id,
      requestedBy: citizen.id,
      statusSeq: row.statusSeq,
      reason: text,
      requestedAt: now,
    });
    // Asked already while the case is in this status: the first request is on its way, nothing more goes.
    if (!first) throw refuse('reason', 'withdrawPending', 'CONFLICT');
    await send(
      tx,
      applicationWithdrawn,
      {
        applicationId: row.id,
        caseNumber: row.caseNumber,
        citizenRef: citizen.id,
        reason: text,
        requestedAt: now.toISOString(),
      },
      { stream: `case:${row.caseNumber}` },
    );
  });
}

export interface SuppliedFile {
  /** The material code of the notice the file answers. */
  material: string;
  name: string;
  bytes: Buffer;
  tooLarge: boolean;
}

const typeOf = (bytes: Buffer): UploadType | undefined => {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  return undefined;
};

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The field name of a material's file input on the supplement page. */
export const fileField = (material: string) => `file-${material}`;

interface CheckedFile {
  id: string;
  field: string;
  material: string;
  name: string;
  type: string;
  bytes: Buffer;
}

/**
 * Holds each file to the rules of the upload question that asked for the material in the form version the
 * application kept (its types and size), or to the portal's general rules when the form did not ask for it:
 * the type read from the bytes, never the name, and no PDF with active content.
 */
async function checkFiles(row: repo.CaseRow, missing: readonly string[], files: readonly SuppliedFile[]) {
  const form = formOf(row.formId, row.formVersion);
  const errors: FieldError[] = [];
  const checked: CheckedFile[] = [];
  const perMaterial = new Map<string, number>();
  for (const file of files) {
    if (!missing.includes(file.material)) continue;
    const field = fileField(file.material);
    const question = uploadFor(form, file.material);
    const accept = question?.accept ?? (['pdf', 'jpeg', 'png'] as const);
    const maxBytes = question?.maxBytes ?? MAX_UPLOAD_BYTES;
    const maxFiles = question?.maxFiles ?? 1;
    const count = (perMaterial.get(file.material) ?? 0) + 1;
    perMaterial.set(file.material, count);
    const type = typeOf(file.bytes);
    if (count > maxFiles) errors.push({ field, message: `tooManyFiles|n=${maxFiles}` });
    else if (file.tooLarge || file.bytes.length > maxBytes)
      errors.push({ field, message: `fileTooLarge|size=${megabytes(maxBytes)}` });
    else if (file.bytes.length === 0) errors.push({ field, message: 'fileEmpty' });
    else if (!type || !accept.includes(type))
      errors.push({ field, message: `fileType|types=${accept.map((t) => t.toUpperCase()).join('、')}` });
    else if (type === 'pdf' && (await inspectPdf(file.bytes))) errors.push({ field, message: 'fileActive' });
    else
      checked.push({
        id: randomUUID(),
        field: question?.id ?? file.material,
        material: file.material,
        name: file.name.slice(0, 200) || `${file.material}.${type}`,
        type: uploadMediaTypes[type],
        bytes: file.bytes,
      });
  }
  return { errors, checked };
}

export async function supplement(
  services: ZoneServices,
  citizen: CurrentCitizen,
  caseNumber: string,
  input: { note: string; files: readonly SuppliedFile[] },
): Promise<void> {
  const row = await loadCase(services, citizen, 'cases.supplement', caseNumber);
  const view = await detailView(services, citizen, caseNumber, 'zh', 'cases.supplement');
  if (row.status !== 'missing-materials') throw refuse('note', 'supplementNotAllowed', 'CONFLICT');
  if (!view.canSupplement) throw refuse('note', 'supplementDone', 'CONFLICT');
  const note = input.note.trim();
  const { errors, checked } = await checkFiles(
    row,
    view.missing.map((m) => m.code),
    input.files,
  );
  if ([...note].length > 1000) errors.push({ field: 'note', message: 'noteTooLong' });
  if (errors.length) throw new AppError('VALIDATION', { fields: errors });
  if (checked.length === 0 && !note) throw refuse('note', 'nothingSupplied');

  const answers: CaseAnswers = {};
  for (const file of checked) {
    const list = (answers[file.field] ??= []) as {
      id: string;
      name: string;
      mediaType: string;
      size: number;
    }[];
    list.push({ id: file.id, name: file.name, mediaType: file.type, size: file.bytes.length });
  }
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const supplementId = await repo.insertSupplement(tx, {
      applicationId: row.id,
      submittedBy: citizen.id,
      statusSeq: row.statusSeq,
      note,
      answers,
      submittedAt: now,
    });
    if (!supplementId) throw refuse('note', 'supplementDone', 'CONFLICT');
    const stream = { stream: `case:${row.caseNumber}` };
    for (const file of checked) {
      await repo.insertSupplementFile(tx, {
        id: file.id,
        supplementId,
        field: file.field,
        material: file.material,
        name: file.name,
        mediaType: file.type,
        bytes: file.bytes.length,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        content: file.bytes,
      });
      // The files go first on the case's stream, so the workbench holds them when the supplement names them.
      await send(
        tx,
        attachmentSubmitted,
        {
          attachmentId: file.id,
          citizenRef: citizen.id,
          purpose: 'application-material',
          file: { name: file.name, declaredType: file.type, data: file.bytes.toString('base64') },
        },
        stream,
      );
    }
    await send(
      tx,
      applicationSupplemented,
      {
        applicationId: row.id,
        caseNumber: row.caseNumber,
        citizenRef: citizen.id,
        answers,
        note,
        supplementedAt: now.toISOString(),
      },
      stream,
    );
  });
}
