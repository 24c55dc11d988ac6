import Type from 'typebox';
import { CaseNumber } from './case-shapes.ts';
import { defineContract } from './contract.ts';
import { FileAttachment } from './file.ts';

export const caseDocumentKinds = [
  'acceptance-notice', // 受理通知书 / 受理回执
  'supplement-notice', // 补正材料告知书
  'non-acceptance-decision', // 不予受理决定书
  'approval-decision', // 准予许可决定书
  'refusal-decision', // 不予许可决定书
  'certificate', // 电子证明 (无犯罪记录证明 first)
  'pre-approval-notice', // 预审通过通知 (先批后办)
] as const;
export type CaseDocumentKind = (typeof caseDocumentKinds)[number];

/**
 * A document the workbench issued on a case, for the applicant to download and for anyone holding it to
 * verify. The PDF crosses as a file (checked and kept as the relay's PDF rules say); the verification entry
 * carries only what the public verification page may show: the kind, the unit, the dates, the case number and
 * the holder's name masked (张*, 李*明; a company's name whole, as its register publishes it). `verificationCode` is what the document's QR code points to; it is random,
 * not derived from anything on the document.
 */
export const caseDocumentIssued = defineContract({
  type: 'case.document.issued',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      documentId: Type.String({ format: 'uuid' }),
      caseNumber: CaseNumber,
      applicationId: Type.String({ format: 'uuid' }),
      kind: Type.Enum(caseDocumentKinds),
      documentNumber: Type.String({ minLength: 1, maxLength: 64 }),
      verificationCode: Type.String({ pattern: '^[A-Z2-7]{26}$' }),
      holderMasked: Type.String({ minLength: 1, maxLength: 100 }),
      unitName: Type.String({ minLength: 1, maxLength: 100 }),
      issuedAt: Type.String({ format: 'date-time' }),
      validUntil: Type.Union([Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }), Type.Null()]),
      // sha256 of the PDF's bytes: the verification page shows it so a printed copy can be matched.
      sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
      file: FileAttachment,
    },
    { additionalProperties: false },
  ),
  maxBytes: 2_000_000,
  files: ['file'],
});
