import Type from 'typebox';
import { Applicant, CaseAnswers, CaseNumber, ItemSlug } from './case-shapes.ts';
import { defineContract } from './contract.ts';

/**
 * A citizen or company submits an application online. The portal numbered it (the case number the applicant
 * was shown); the workbench opens the case in the queue of the unit that decides it. Sent on the stream
 * `case:<caseNumber>`, so the withdrawal or supplement that follows can never overtake it. The uploads the
 * answers name cross separately as attachment.submitted (purpose application-material) with the same ids.
 */
export const applicationSubmitted = defineContract({
  type: 'application.submitted',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      applicationId: Type.String({ format: 'uuid' }),
      caseNumber: CaseNumber,
      itemId: ItemSlug,
      itemVersion: Type.Integer({ minimum: 1 }),
      formId: ItemSlug,
      formVersion: Type.Integer({ minimum: 1 }),
      // sha256 of the form version's canonical JSON: the workbench refuses a case whose form it holds differently.
      formHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
      applicant: Applicant,
      answers: CaseAnswers,
      submittedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 256 * 1024,
});
