import Type from 'typebox';
import { CaseNumber } from './case-shapes.ts';
import { defineContract } from './contract.ts';

/**
 * A case's fee is paid: the gateway's signed notification or an order query confirmed it (never the payer's
 * browser). Sent once, in the transaction that settled the payable. Stream `case:<caseNumber>`.
 */
export const paymentSettled = defineContract({
  type: 'payment.settled',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      applicationId: Type.String({ format: 'uuid' }),
      caseNumber: CaseNumber,
      orderNo: Type.String({ pattern: '^P[0-9]{20}$', maxLength: 64 }),
      amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
      payeeUnit: Type.String({ pattern: '^[A-Z]{2}(?:-[A-Z0-9]+)*$', maxLength: 32 }),
      paidAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 2048,
});
