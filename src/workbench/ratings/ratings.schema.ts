import Type from 'typebox';
import { FormBody } from '../../shared/http/schemas.ts';

// What the rating pages take. An id of the wrong shape is simply not found.

export const OrderParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) });
export const OrdersQuery = Type.Object({
  view: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
});
export const StepBody = FormBody({
  action: Type.Optional(Type.String({ maxLength: 20 })),
  text: Type.Optional(Type.String({ maxLength: 2400 })),
});
export const SampleBody = FormBody({
  result: Type.Optional(Type.String({ maxLength: 20 })),
  text: Type.Optional(Type.String({ maxLength: 2400 })),
});
export const ProposeBody = FormBody({
  reason: Type.Optional(Type.String({ maxLength: 2400 })),
  evidence: Type.Optional(Type.String({ maxLength: 2400 })),
});
export const DecideBody = FormBody({
  decision: Type.Optional(Type.String({ maxLength: 20 })),
  note: Type.Optional(Type.String({ maxLength: 2400 })),
});
const Code = Type.String({ maxLength: 3 });
export const WindowBody = FormBody({
  number: Type.Optional(Type.String({ maxLength: 40 })),
  level: Type.Optional(Type.String({ maxLength: 1 })),
  reasons: Type.Optional(Type.Union([Code, Type.Array(Code, { maxItems: 20 })])),
  comment: Type.Optional(Type.String({ maxLength: 600 })),
});
