import Type from 'typebox';
import { defineContract } from './contract.ts';
import { RatingSubject } from './rating-shapes.ts';

/**
 * The unit's reply to a bad review after verifying, fixing and calling the person back. `round` is 1 for the
 * first reply and 2 for the reply after the person's one appeal, after which no appeal is offered.
 */
export const rectificationReplied = defineContract({
  type: 'rectification.replied',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      ratingId: Type.String({ format: 'uuid' }),
      subject: RatingSubject,
      round: Type.Integer({ minimum: 1, maximum: 2 }),
      reply: Type.String({ minLength: 1, maxLength: 2000 }),
      unitName: Type.String({ minLength: 1, maxLength: 100 }),
      repliedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 16 * 1024,
});
