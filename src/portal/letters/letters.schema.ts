import Type from 'typebox';
import { FormBody } from '../../shared/http/schemas.ts';

// What the letter pages take. A kind or number of the wrong shape is simply not found.

export const KindParams = Type.Object({ kind: Type.String({ maxLength: 20 }) });
export const LetterParams = Type.Object({ letterNumber: Type.String({ maxLength: 20 }) });

export const LetterBody = FormBody({
  topic: Type.Optional(Type.String({ maxLength: 20 })),
  subject: Type.Optional(Type.String({ maxLength: 200 })),
  body: Type.Optional(Type.String({ maxLength: 6000 })),
  place: Type.Optional(Type.String({ maxLength: 300 })),
  concernedUnit: Type.Optional(Type.String({ maxLength: 200 })),
  latitude: Type.Optional(Type.String({ maxLength: 20 })),
  longitude: Type.Optional(Type.String({ maxLength: 20 })),
  publish: Type.Optional(Type.String({ maxLength: 3 })),
  anonymous: Type.Optional(Type.String({ maxLength: 3 })),
  // Where a click on the map landed, in the picture's pixels (letters.pick.ts).
  'pick.x': Type.Optional(Type.String({ maxLength: 6 })),
  'pick.y': Type.Optional(Type.String({ maxLength: 6 })),
});

export const AddBody = FormBody({ text: Type.Optional(Type.String({ maxLength: 2400 })) });

export const FollowUpBody = FormBody({
  code: Type.Optional(Type.String({ maxLength: 40 })),
  text: Type.Optional(Type.String({ maxLength: 2400 })),
});
export const TipQuery = Type.Object({ topic: Type.Optional(Type.String({ maxLength: 20 })) });

/** The question typed on 查看相关答复, carried back as the consultation's subject. */
export const WriteQuery = Type.Object({ subject: Type.Optional(Type.String({ maxLength: 100 })) });
