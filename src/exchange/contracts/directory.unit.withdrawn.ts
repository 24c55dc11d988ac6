import Type from 'typebox';
import { defineContract } from './contract.ts';

/** The workbench takes a unit out of the portal's directory: closed, or no longer open to the public. */
export const directoryUnitWithdrawn = defineContract({
  type: 'directory.unit.withdrawn',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      code: Type.String({ pattern: '^[A-Z0-9]+(?:-[A-Z0-9]+)*$', maxLength: 40 }),
      // A later publication (a unit made public again) has a higher revision and wins.
      revision: Type.Integer({ minimum: 1 }),
      withdrawnAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 512,
});
