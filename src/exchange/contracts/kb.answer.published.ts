import Type from 'typebox';
import { defineContract } from './contract.ts';
import { LetterTopicSchema } from './letter-shapes.ts';

/**
 * A reply-knowledge-base entry marked public, as its reviewed version now in use reads: the portal offers it as
 * an instant answer. A later version replaces an earlier one; the publication check has passed on both sides.
 */
export const kbAnswerPublished = defineContract({
  type: 'kb.answer.published',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      entryId: Type.String({ format: 'uuid' }),
      version: Type.Integer({ minimum: 1, maximum: 100_000 }),
      question: Type.String({ minLength: 1, maxLength: 300 }),
      answer: Type.String({ minLength: 1, maxLength: 4000 }),
      keywords: Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 20 }),
      area: LetterTopicSchema,
      publishedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 24 * 1024,
});
