import Type from 'typebox';
import { defineContract } from './contract.ts';
import { LetterKindSchema, LetterNumber, PublicLetterStatusSchema } from './letter-shapes.ts';

/**
 * One step of a letter as its writer sees it: routed to a unit, forwarded, replied to, or handed to 12345.
 * `seq` counts a letter's steps from 1, so the portal keeps each once and an older step never overwrites a
 * newer status. Sent on the stream `letter:<letterNumber>`.
 */
export const letterStatusChanged = defineContract({
  type: 'letter.status.changed',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      letterNumber: LetterNumber,
      seq: Type.Integer({ minimum: 1, maximum: 10_000 }),
      status: PublicLetterStatusSchema,
      // routed, reclassified, forwarded, replied, transferred-12345
      step: Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 48 }),
      at: Type.String({ format: 'date-time' }),
      unit: Type.Object(
        { code: Type.String({ maxLength: 48 }), name: Type.String({ minLength: 1, maxLength: 100 }) },
        { additionalProperties: false },
      ),
      // The reply, or the reason for a hand-off, in the words the officer wrote for the writer.
      message: Type.Optional(Type.String({ maxLength: 4000 })),
      // The letter's kind after an officer reclassified it (step "reclassified"); absent otherwise.
      kind: Type.Optional(LetterKindSchema),
      // When the writer can expect an answer (YYYY-MM-DD, Beijing); null once answered.
      dueOn: Type.Union([Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }), Type.Null()]),
    },
    { additionalProperties: false },
  ),
  maxBytes: 32 * 1024,
});
