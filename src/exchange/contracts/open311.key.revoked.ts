import Type from 'typebox';
import { defineContract } from './contract.ts';

/** An Open311 API key revoked in the workbench: the portal refuses it from then on. Stream `open311-key:<keyId>`. */
export const open311KeyRevoked = defineContract({
  type: 'open311.key.revoked',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      keyId: Type.String({ format: 'uuid' }),
      revokedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 1024,
});
