import Type from 'typebox';
import { FormBody } from '../../shared/http/schemas.ts';

// What the knowledge-base pages take. An id of the wrong shape is simply not found.

export const EntryParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) });

export const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  state: Type.Optional(
    Type.Union([
      Type.Literal('draft'),
      Type.Literal('in-review'),
      Type.Literal('in-use'),
      Type.Literal('retired'),
    ]),
  ),
});

export const EntryBody = FormBody({
  question: Type.Optional(Type.String({ maxLength: 300 })),
  answer: Type.Optional(Type.String({ maxLength: 4400 })),
  keywords: Type.Optional(Type.String({ maxLength: 700 })),
  area: Type.Optional(Type.String({ maxLength: 20 })),
  public: Type.Optional(Type.String({ maxLength: 3 })),
  unitCode: Type.Optional(Type.String({ maxLength: 48 })),
});
export const SubmitBody = FormBody({});
export const ReviewBody = FormBody({
  decision: Type.Optional(Type.String({ maxLength: 10 })),
  comment: Type.Optional(Type.String({ maxLength: 600 })),
});
export const RetireBody = FormBody({ reason: Type.Optional(Type.String({ maxLength: 600 })) });
