import Type from 'typebox';
import { CaseNumber } from './case-shapes.ts';
import { defineContract } from './contract.ts';

/**
 * The applicant withdraws an application before a decision. The workbench ends the case when its workflow
 * still allows withdrawal, and answers with case.status.changed either way (withdrawn, or the status that
 * stands with the reason it could not be withdrawn). Stream `case:<caseNumber>`.
 */
export const applicationWithdrawn = defineContract({
  type: 'application.withdrawn',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      applicationId: Type.String({ format: 'uuid' }),
      caseNumber: CaseNumber,
      citizenRef: Type.String({ format: 'uuid' }),
      reason: Type.String({ maxLength: 500 }),
      requestedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 4096,
});
