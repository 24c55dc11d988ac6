import Type from 'typebox';
import { defineContract } from './contract.ts';

/** The workbench takes a published article off the portal (by hand, or when its withdrawal time comes). */
export const contentWithdrawn = defineContract({
  type: 'content.withdrawn',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      id: Type.Integer({ minimum: 1 }),
      // The version withdrawn: a higher version already on the portal is left alone.
      version: Type.Integer({ minimum: 1 }),
      withdrawnAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 512,
});
