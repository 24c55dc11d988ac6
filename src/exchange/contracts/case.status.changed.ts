import Type from 'typebox';
import { Bilingual, CaseNumber, PublicCaseStatusSchema } from './case-shapes.ts';
import { defineContract } from './contract.ts';

/**
 * One step of a case, as the applicant sees it: the public status it leaves the case in, what happened, by
 * which unit, the officer's words to the applicant, and what the applicant may do now. `seq` counts a case's
 * steps from 1, so the portal keeps each step once and never lets an older step overwrite a newer status,
 * whatever order redelivery brings. Sent on the stream `case:<caseNumber>`.
 */
export const caseStatusChanged = defineContract({
  type: 'case.status.changed',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      caseNumber: CaseNumber,
      applicationId: Type.String({ format: 'uuid' }),
      seq: Type.Integer({ minimum: 1, maximum: 10_000 }),
      status: PublicCaseStatusSchema,
      // The step itself, a stable code: submitted, accepted, deemed-accepted, missing-materials, not-accepted,
      // supplemented, review-passed, approval-done, approved, granted, refused, result-issued, completed,
      // withdrawn, withdrawal-refused, returned.
      step: Type.String({ pattern: '^[a-z]+(?:-[a-z]+)*$', maxLength: 48 }),
      at: Type.String({ format: 'date-time' }),
      unit: Type.Object(
        { code: Type.String({ maxLength: 48 }), name: Type.String({ minLength: 1, maxLength: 100 }) },
        { additionalProperties: false },
      ),
      // What the officer wrote to the applicant (reasons, instructions), in the language it was written.
      message: Type.Optional(Type.String({ maxLength: 2000 })),
      // 一次性告知: every missing or faulty material at once.
      missingMaterials: Type.Optional(
        Type.Array(
          Type.Object(
            {
              code: Type.String({ maxLength: 48 }),
              name: Type.String({ minLength: 1, maxLength: 200 }),
              problem: Type.String({ maxLength: 500 }),
            },
            { additionalProperties: false },
          ),
          { minItems: 1, maxItems: 50 },
        ),
      ),
      legalBasis: Type.Optional(Type.String({ maxLength: 500 })),
      // The case's overall time limit (YYYY-MM-DD, Beijing), once accepted; null while none runs.
      dueOn: Type.Union([Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }), Type.Null()]),
      // What the applicant may do in the state the case is now in.
      applicantMay: Type.Array(Type.Union([Type.Literal('withdraw'), Type.Literal('supplement')]), {
        uniqueItems: true,
        maxItems: 2,
      }),
      // For 先批后办 and visits: where and with what to come, in both languages.
      visit: Type.Optional(Bilingual),
    },
    { additionalProperties: false },
  ),
  maxBytes: 64 * 1024,
});
