import Type from 'typebox';
import { FormBody } from '../../shared/http/schemas.ts';

// What the letter pages take. A number of the wrong shape is simply not found.

export const LetterParams = Type.Object({ letterNumber: Type.String({ maxLength: 20 }) });
export const PhotoParams = Type.Object({
  letterNumber: Type.String({ maxLength: 20 }),
  photoId: Type.String({ maxLength: 36 }),
});
/** `kb`: the knowledge-base entry the reply starts from. */
export const LetterQuery = Type.Object({ kb: Type.Optional(Type.String({ format: 'uuid', maxLength: 36 })) });
export const QueueQuery = Type.Object({
  view: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('overdue'), Type.Literal('closed')])),
});
export const ClaimBody = FormBody({});
export const ReplyBody = FormBody({ text: Type.Optional(Type.String({ maxLength: 4400 })) });
export const ForwardBody = FormBody({
  unitCode: Type.Optional(Type.String({ maxLength: 48 })),
  reason: Type.Optional(Type.String({ maxLength: 1200 })),
});
export const TransferBody = FormBody({
  target: Type.Optional(Type.String({ maxLength: 20 })),
  reason: Type.Optional(Type.String({ maxLength: 1200 })),
});
export const RevealBody = FormBody({ revealReason: Type.Optional(Type.String({ maxLength: 300 })) });
export const ReclassifyBody = FormBody({
  kind: Type.Optional(Type.String({ maxLength: 20 })),
  reclassifyReason: Type.Optional(Type.String({ maxLength: 1200 })),
});
