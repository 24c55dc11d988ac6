import Type from 'typebox';
import { defineContract } from './contract.ts';
import { LetterNumber } from './letter-shapes.ts';

/** The writer adds information to his letter (signed in, or with an anonymous tip's follow-up code). */
export const letterSupplemented = defineContract({
  type: 'letter.supplemented',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      letterNumber: LetterNumber,
      text: Type.String({ minLength: 1, maxLength: 2000 }),
      supplementedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 16 * 1024,
});
