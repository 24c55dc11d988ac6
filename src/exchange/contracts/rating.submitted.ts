import Type from 'typebox';
import { defineContract } from './contract.ts';
import { RatingLevel, RatingReasons, RatingSubject, ratingChannels } from './rating-shapes.ts';

/**
 * A rating of a finished case or an answered letter (好差评), given by the applicant or writer, or recorded as
 * the default once the rating period passed (`defaulted`). One per case or letter; the portal numbered it.
 * Sent on the subject's own stream (`case:<n>` or `letter:<n>`), after everything else about it.
 */
export const ratingSubmitted = defineContract({
  type: 'rating.submitted',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      ratingId: Type.String({ format: 'uuid' }),
      subject: RatingSubject,
      level: RatingLevel,
      reasons: RatingReasons,
      comment: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
      defaulted: Type.Boolean(),
      channel: Type.Enum(ratingChannels),
      ratedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 8 * 1024,
});
