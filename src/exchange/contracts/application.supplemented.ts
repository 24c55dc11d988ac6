import Type from 'typebox';
import { CaseAnswers, CaseNumber } from './case-shapes.ts';
import { defineContract } from './contract.ts';

/**
 * The applicant answers a one-time notice of missing materials (一次性告知): the answers given again (the
 * uploads by reference, their bytes crossing as attachment.submitted) and a note. Stream `case:<caseNumber>`.
 */
export const applicationSupplemented = defineContract({
  type: 'application.supplemented',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      applicationId: Type.String({ format: 'uuid' }),
      caseNumber: CaseNumber,
      citizenRef: Type.String({ format: 'uuid' }),
      answers: CaseAnswers,
      note: Type.String({ maxLength: 1000 }),
      supplementedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 64 * 1024,
});
