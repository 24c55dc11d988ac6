import Type from 'typebox';
import { defineContract } from './contract.ts';

/** A published question and answer taken down by the network spokesperson. */
export const qaWithdrawn = defineContract({
  type: 'qa.withdrawn',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    { id: Type.String({ format: 'uuid' }), withdrawnAt: Type.String({ format: 'date-time' }) },
    { additionalProperties: false },
  ),
  maxBytes: 1024,
});
