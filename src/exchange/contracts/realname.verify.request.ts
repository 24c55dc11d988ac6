import Type from 'typebox';
import { defineContract } from './contract.ts';

/** The portal asks the police network to check a citizen's name against the population registry. */
export const realnameVerifyRequest = defineContract({
  type: 'realname.verify.request',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      requestId: Type.String({ format: 'uuid' }),
      citizenRef: Type.String({ format: 'uuid' }),
      name: Type.String({ minLength: 1, maxLength: 64 }),
      // 18-character resident ID (GB 11643); the checksum is the registry's business, the shape is ours.
      idNumber: Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 1024,
});
