import Type from 'typebox';
import { caseDocumentIssued } from './case.document.issued.ts';
import { defineContract } from './contract.ts';
import { FileAttachment } from './file.ts';

/**
 * Version 2 of case.document.issued may carry the document's English copy beside it, for the kinds drawn in
 * English (the acceptance notice, 受理回执): rendered by the workbench from the same input, with the same number,
 * verification code and QR code, and saying that the Chinese document is the legal text. `englishSha256` is the
 * English file's own hash, which the verification page shows beside the Chinese one. Both or neither. The
 * workbench sends version 2 only; version 1 is still accepted for messages sent before.
 */
export const caseDocumentIssuedV2 = defineContract({
  type: 'case.document.issued',
  version: 2,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      ...caseDocumentIssued.schema.properties,
      englishFile: Type.Optional(FileAttachment),
      englishSha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
    },
    { additionalProperties: false },
  ),
  maxBytes: 4_000_000,
  files: ['file', 'englishFile'],
});
