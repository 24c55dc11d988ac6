import Type from 'typebox';
import { defineContract } from './contract.ts';

/** A questionnaire closed before or at the end of its period: the portal stops taking responses. */
export const questionnaireClosed = defineContract({
  type: 'questionnaire.closed',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    { questionnaireId: Type.String({ format: 'uuid' }), closedAt: Type.String({ format: 'date-time' }) },
    { additionalProperties: false },
  ),
  maxBytes: 1024,
});
