import Type from 'typebox';
import { defineContract } from './contract.ts';
import {
  MAX_QUESTIONS,
  MAX_TEXT_ANSWER,
  QuestionAnswer,
  questionnaireAudiences,
} from './questionnaire-shapes.ts';

/**
 * One response to a questionnaire, as the portal took it: the version answered, the audience it was taken
 * under, and the answers of the questions shown. Nothing about who answered crosses; the portal alone keeps
 * the one-response guard. The portal numbered it (`responseId`), so a redelivery is recognised.
 */
export const questionnaireResponseSubmitted = defineContract({
  type: 'questionnaire.response.submitted',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      responseId: Type.String({ format: 'uuid' }),
      questionnaireId: Type.String({ format: 'uuid' }),
      version: Type.Integer({ minimum: 1, maximum: 10_000 }),
      audience: Type.Enum(questionnaireAudiences),
      answers: Type.Array(QuestionAnswer, { maxItems: MAX_QUESTIONS }),
      submittedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  // Room for the longest response the form accepts: every question a free text at its longest, each character
  // at its longest in escaped JSON (six bytes), so a valid response is never refused at the boundary.
  maxBytes: MAX_QUESTIONS * MAX_TEXT_ANSWER * 6 + 16 * 1024,
});
