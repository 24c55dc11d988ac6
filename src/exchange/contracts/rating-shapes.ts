import Type, { type Static } from 'typebox';

// Shapes the 好差评 contracts share: what was rated (a finished case or an answered letter) and the rating.

/** What a rating is about: a case by its number, or a letter by its number. */
export const ratingSubjectKinds = ['case', 'letter'] as const;
export type RatingSubjectKind = (typeof ratingSubjectKinds)[number];

export const RatingSubject = Type.Object(
  {
    kind: Type.Enum(ratingSubjectKinds),
    number: Type.String({ pattern: '^[A-Z0-9-]{6,40}$', maxLength: 40 }),
  },
  { additionalProperties: false },
);
export type RatingSubject = Static<typeof RatingSubject>;

/** 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意; 1 and 2 are 差评. */
export const RatingLevel = Type.Integer({ minimum: 1, maximum: 5 });

/** The option codes of the reasons chosen; which codes exist is listed in src/shared/ratings. */
export const RatingReasons = Type.Array(Type.String({ pattern: '^[0-9]{3}$', maxLength: 3 }), {
  maxItems: 12,
});

/** Where the rating was given: the portal, the link in the SMS, or the hall's terminal by case number. */
export const ratingChannels = ['web', 'sms', 'window'] as const;
export type RatingChannel = (typeof ratingChannels)[number];
