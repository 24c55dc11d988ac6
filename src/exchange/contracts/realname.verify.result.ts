import Type from 'typebox';
import { defineContract } from './contract.ts';

/** The answer leaves the police network as the minimum: which request, whose, and yes or no. */
export const realnameVerifyResult = defineContract({
  type: 'realname.verify.result',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      requestId: Type.String({ format: 'uuid' }),
      citizenRef: Type.String({ format: 'uuid' }),
      outcome: Type.Union([Type.Literal('verified'), Type.Literal('not-matched')]),
    },
    { additionalProperties: false },
  ),
  maxBytes: 512,
});
