import Type from 'typebox';
import { defineContract } from './contract.ts';

/**
 * The portal asks the police network whether a company claim matches the market-regulation registry: the
 * credit code and name as typed, and the claimant's own verified name and ID number as its representative.
 */
export const companyVerifyRequest = defineContract({
  type: 'company.verify.request',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      requestId: Type.String({ format: 'uuid' }),
      claimRef: Type.String({ format: 'uuid' }),
      // 统一社会信用代码 (GB 32100): the check characters are the registry's business, the shape is ours.
      creditCode: Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$' }),
      companyName: Type.String({ minLength: 1, maxLength: 100 }),
      representativeName: Type.String({ minLength: 1, maxLength: 64 }),
      representativeIdNumber: Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 1024,
});
