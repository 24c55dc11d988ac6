import Type from 'typebox';
import { defineContract } from './contract.ts';

/**
 * An Open311 API key issued in the workbench, as the portal needs it to check a client's POST: only the key's
 * SHA-256 (the key itself is shown once to the administrator and never stored or sent), a label saying whose
 * client it is, and a short hint for recognising it in logs. Sent on the stream `open311-key:<keyId>`, so a
 * revocation never overtakes its issuance.
 */
export const open311KeyIssued = defineContract({
  type: 'open311.key.issued',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      keyId: Type.String({ format: 'uuid' }),
      keyHash: Type.String({ pattern: '^[0-9a-f]{64}$', maxLength: 64 }),
      label: Type.String({ minLength: 1, maxLength: 100 }),
      hint: Type.String({ pattern: '^[A-Za-z0-9_-]{4,12}$', maxLength: 12 }),
      issuedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 2 * 1024,
});
