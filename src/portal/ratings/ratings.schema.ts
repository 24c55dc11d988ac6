import Type from 'typebox';
import { FormBody } from '../../shared/http/schemas.ts';

// What the rating pages take. A kind or number of the wrong shape is simply not found.

export const RatingParams = Type.Object({
  kind: Type.String({ maxLength: 10 }),
  number: Type.String({ maxLength: 40 }),
});

const Code = Type.String({ maxLength: 3 });

export const RatingBody = FormBody({
  level: Type.Optional(Type.String({ maxLength: 1 })),
  reasons: Type.Optional(Type.Union([Code, Type.Array(Code, { maxItems: 20 })])),
  comment: Type.Optional(Type.String({ maxLength: 600 })),
});

export const AnswerBody = FormBody({
  answer: Type.Optional(Type.String({ maxLength: 10 })),
  reason: Type.Optional(Type.String({ maxLength: 600 })),
});

/** The SMS link's token; one that does not read as signed is simply not found. */
export const LinkParams = Type.Object({ token: Type.String({ maxLength: 80 }) });
