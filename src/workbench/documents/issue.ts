import { createHash } from 'node:crypto';
import type { caseDocumentIssued, CaseDocumentKind } from '../../exchange/contracts/case.document.issued.ts';
import type { PayloadOf } from '../../exchange/contracts/contract.ts';
import { beijingDate, maskName } from './codes.ts';
import type { CaseDocumentInput, IsoDate } from './document.types.ts';
import { renderCaseDocument, type RenderOptions } from './render.ts';

type Issued = PayloadOf<typeof caseDocumentIssued>;

/**
 * What `case.document.issued` says of a document besides its ids and file: all the verification page shows.
 * (The contract's `kind` is a union built from a list, which TypeBox types as `never`, hence the kind here.)
 */
export type VerificationEntry = { kind: CaseDocumentKind } & Pick<
  Issued,
  | 'caseNumber'
  | 'documentNumber'
  | 'verificationCode'
  | 'holderMasked'
  | 'unitName'
  | 'issuedAt'
  | 'validUntil'
  | 'sha256'
>;

export interface IssuedCaseDocument {
  pdf: Buffer;
  /** A plain ASCII file name for the download and the attachment: `SF-ZA-20261206-000123-certificate.pdf`. */
  fileName: string;
  entry: VerificationEntry;
}

/**
 * Whom the verification page names: the certificate's holder, or the applicant. A person's name is masked
 * (the page is public and anyone with the code can open it); a company's name is shown whole, as the company
 * register itself publishes it.
 */
export function holderMasked(input: CaseDocumentInput): string {
  if (input.kind === 'certificate') return maskName(input.holder.name);
  return input.addressee.companyName ?? maskName(input.addressee.name);
}

/** Until when the document is valid, where its kind has such a date: the verification page says so. */
export function validUntilOf(input: CaseDocumentInput): IsoDate | null {
  switch (input.kind) {
    case 'certificate':
      return input.validUntil;
    case 'approval-decision':
      return input.validUntil ?? null;
    case 'pre-approval-notice':
      return input.visit.by ?? null;
    default:
      return null;
  }
}

/** How long a 无犯罪记录证明 is valid unless the issuing unit says otherwise, as local practice sets it. */
export const CERTIFICATE_VALID_MONTHS = 3;

/**
 * The last day of validity of a document issued at `issuedAt` for `months` months, on the Beijing calendar:
 * the day before the same date `months` later (6 December → 5 March), and the month's last day when that
 * month is shorter (30 November + 3 months → 28 or 29 February).
 */
export function validUntilAfter(issuedAt: Date, months: number = CERTIFICATE_VALID_MONTHS): IsoDate {
  if (!Number.isInteger(months) || months < 1) throw new RangeError('months must be a positive integer');
  const { year, month, day } = beijingDate(issuedAt);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const sameDay = Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(day, lastDay));
  // A clamped date is the period's last day already; an existing same date is the next period's first.
  const end = new Date(day <= lastDay ? sameDay - 86_400_000 : sameDay);
  return ymd(end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate());
}

function ymd(year: number, month: number, day: number): IsoDate {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as IsoDate;
}

function isoDate(date: Date): IsoDate {
  const { year, month, day } = beijingDate(date);
  return ymd(year, month, day);
}

/**
 * Renders a document and describes it for the verification entry, so that what the page shows is taken from
 * the same input as what the PDF prints, and its hash from the very bytes issued.
 */
export async function issueCaseDocument(
  input: CaseDocumentInput,
  options: RenderOptions = {},
): Promise<IssuedCaseDocument> {
  const validUntil = validUntilOf(input);
  if (validUntil !== null && validUntil < isoDate(input.issuedAt))
    throw new RangeError('validUntil is before the issue date');
  const pdf = await renderCaseDocument(input, options);
  return {
    pdf,
    fileName: `${input.caseNumber}-${input.kind}.pdf`,
    entry: {
      caseNumber: input.caseNumber,
      kind: input.kind,
      documentNumber: input.documentNumber,
      verificationCode: input.verificationCode,
      holderMasked: holderMasked(input),
      unitName: input.unitName,
      issuedAt: input.issuedAt.toISOString(),
      validUntil,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    },
  };
}
