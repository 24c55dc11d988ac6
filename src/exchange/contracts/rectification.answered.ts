import Type from 'typebox';
import { defineContract } from './contract.ts';
import { RatingSubject } from './rating-shapes.ts';

/** The person accepts the reply to a bad review, or appeals it once with his reasons. */
export const rectificationAnswered = defineContract({
  type: 'rectification.answered',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      ratingId: Type.String({ format: 'uuid' }),
      subject: RatingSubject,
      answer: Type.Enum(['accept', 'appeal']),
      reason: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
      answeredAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 8 * 1024,
});
