import Type from 'typebox';
import { defineContract } from './contract.ts';
import { LetterTopicSchema } from './letter-shapes.ts';

/**
 * A question and its answer, published by the network spokesperson from a letter whose writer allowed it, with
 * personal data removed by the publication check. Nothing names the letter or its writer. `unitCode` (optional,
 * so messages sent before it stay valid) names the answering unit beside its Chinese name, for the directory's
 * English name on the portal's English pages.
 */
export const qaPublished = defineContract({
  type: 'qa.published',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      id: Type.String({ format: 'uuid' }),
      topic: LetterTopicSchema,
      question: Type.String({ minLength: 1, maxLength: 6000 }),
      answer: Type.String({ minLength: 1, maxLength: 4400 }),
      unitName: Type.String({ minLength: 1, maxLength: 100 }),
      unitCode: Type.Optional(Type.String({ minLength: 1, maxLength: 48 })),
      askedOn: Type.String({ format: 'date' }),
      publishedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 32 * 1024,
});
