import Type from 'typebox';
import { defineContract } from './contract.ts';

/** The workbench takes a published version of a guide off the portal. */
export const catalogItemWithdrawn = defineContract({
  type: 'catalog.item.withdrawn',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      id: Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 64 }),
      // The version withdrawn: a higher version already on the portal is left alone.
      version: Type.Integer({ minimum: 1 }),
      withdrawnAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 512,
});
