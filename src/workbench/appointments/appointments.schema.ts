import Type from 'typebox';
import { FormBody } from '../../shared/http/schemas.ts';

export const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
export const CodeParams = Type.Object({ bookingCode: Type.String({ maxLength: 8 }) });
export const LookupQuery = Type.Object({ code: Type.Optional(Type.String({ maxLength: 20 })) });

export const PatternBody = FormBody({
  unitCode: Type.Optional(Type.String({ maxLength: 40 })),
  itemId: Type.Optional(Type.String({ maxLength: 80 })),
  weekday: Type.Optional(Type.String({ maxLength: 1 })),
  start: Type.Optional(Type.String({ maxLength: 5 })),
  end: Type.Optional(Type.String({ maxLength: 5 })),
  quota: Type.Optional(Type.String({ maxLength: 3 })),
});

export const PublishBody = FormBody({
  unitCode: Type.Optional(Type.String({ maxLength: 40 })),
  itemId: Type.Optional(Type.String({ maxLength: 80 })),
});

export const AttendanceBody = FormBody({ outcome: Type.Optional(Type.String({ maxLength: 10 })) });

export const ButtonBody = FormBody({});
