import Type from 'typebox';
import { CaseNumber } from './case-shapes.ts';
import { defineContract } from './contract.ts';

/**
 * A fee falls due in a case: fixed by the catalogue item or assessed by the officer. The portal opens a payable
 * for the applicant (once per case, however often this is delivered). Stream `case:<caseNumber>`.
 */
export const caseFeeDue = defineContract({
  type: 'case.fee.due',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      applicationId: Type.String({ format: 'uuid' }),
      caseNumber: CaseNumber,
      amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
      description: Type.Object(
        {
          zh: Type.String({ minLength: 1, maxLength: 200 }),
          en: Type.String({ minLength: 1, maxLength: 200 }),
        },
        { additionalProperties: false },
      ),
      /** The unit the income is booked to. */
      payeeUnit: Type.String({ pattern: '^[A-Z]{2}(?:-[A-Z0-9]+)*$', maxLength: 32 }),
      assessedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 4096,
});
