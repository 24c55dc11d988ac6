import Type from 'typebox';
import { FormBody } from '../../shared/http/schemas.ts';

// What the finance pages take. A day or id of the wrong shape is simply not found.

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });

export const DayParams = Type.Object({ day: Day });
export const DifferenceParams = Type.Object({
  day: Day,
  id: Type.String({ format: 'uuid', maxLength: 36 }),
});
export const IncomeQuery = Type.Object({ day: Type.Optional(Type.String({ maxLength: 10 })) });
export const RequestBody = FormBody({ day: Type.Optional(Type.String({ maxLength: 10 })) });
export const ResolveBody = FormBody({
  resolution: Type.Optional(Type.String({ maxLength: 40 })),
  reason: Type.Optional(Type.String({ maxLength: 600 })),
});
