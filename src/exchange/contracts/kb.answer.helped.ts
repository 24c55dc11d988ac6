import Type from 'typebox';
import { defineContract } from './contract.ts';

/**
 * How many writers have said a published answer answered their question, as the portal counts its marks: a
 * total, so a redelivered or late message can only keep the higher count.
 */
export const kbAnswerHelped = defineContract({
  type: 'kb.answer.helped',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      entryId: Type.String({ format: 'uuid' }),
      count: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
      countedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 1024,
});
