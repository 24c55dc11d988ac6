import Type from 'typebox';
import { defineContract } from './contract.ts';
import { QuestionnaireDefinition, questionnaireAudiences } from './questionnaire-shapes.ts';

/**
 * A satisfaction questionnaire open to the public for a period (Beijing dates, both included) and an audience.
 * An edit after publishing is a new version: the portal keeps the highest version it was sent and shows it;
 * responses name the version they answered. Sent on the stream `questionnaire:<id>`.
 */
export const questionnairePublished = defineContract({
  type: 'questionnaire.published',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      questionnaireId: Type.String({ format: 'uuid' }),
      version: Type.Integer({ minimum: 1, maximum: 10_000 }),
      definition: QuestionnaireDefinition,
      audience: Type.Enum(questionnaireAudiences),
      opensOn: Type.String({ format: 'date' }),
      closesOn: Type.String({ format: 'date' }),
      publishedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 96 * 1024,
});
