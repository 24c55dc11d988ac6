import Type from 'typebox';
import { defineContract } from './contract.ts';

/** A public entry retired, or its new version no longer public: the portal stops offering it. */
export const kbAnswerWithdrawn = defineContract({
  type: 'kb.answer.withdrawn',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      entryId: Type.String({ format: 'uuid' }),
      version: Type.Integer({ minimum: 1, maximum: 100_000 }),
      withdrawnAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 1024,
});
