import Type from 'typebox';
import { defineContract } from './contract.ts';

/**
 * The answer carries which claim and one outcome word, never the registry's record: the portal can say why
 * a claim failed without learning the registered name or representative.
 */
export const companyVerifyResult = defineContract({
  type: 'company.verify.result',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      requestId: Type.String({ format: 'uuid' }),
      claimRef: Type.String({ format: 'uuid' }),
      outcome: Type.Union([
        Type.Literal('verified'),
        Type.Literal('not-found'),
        Type.Literal('not-operating'),
        Type.Literal('name-mismatch'),
        Type.Literal('representative-mismatch'),
      ]),
    },
    { additionalProperties: false },
  ),
  maxBytes: 512,
});
