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
