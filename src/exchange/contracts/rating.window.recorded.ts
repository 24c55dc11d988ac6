import Type from 'typebox';
import { defineContract } from './contract.ts';
import { RatingLevel, RatingReasons, RatingSubject } from './rating-shapes.ts';

/**
 * A rating the person gave on the counter device at the window, recorded by the officer by case number or
 * booking code. The portal keeps ratings (one per case, within the period) and numbers them: it stores this
 * one with the channel `window` and sends it back as `rating.submitted`, or drops it when the case was rated
 * already or the period is over. Sent on the case's own stream.
 */
export const ratingWindowRecorded = defineContract({
  type: 'rating.window.recorded',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      subject: RatingSubject,
      level: RatingLevel,
      reasons: RatingReasons,
      comment: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
      recordedAt: Type.String({ format: 'date-time', maxLength: 40 }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 8 * 1024,
});
