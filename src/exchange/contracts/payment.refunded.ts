import Type from 'typebox';
import { CaseNumber } from './case-shapes.ts';
import { defineContract } from './contract.ts';

/**
 * A case's paid fee is being refunded (the case was refused, not accepted or withdrawn): the refund is booked
 * and the gateway asked. Sent once, in the transaction that booked it, on the case's stream `case:<caseNumber>`,
 * after the payment.settled it undoes, so the police zone takes it off the fee income of the same departments.
 * A second payment refunded as a duplicate was never income and is not sent.
 */
export const paymentRefunded = defineContract({
  type: 'payment.refunded',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      caseNumber: CaseNumber,
      orderNo: Type.String({ pattern: '^P[0-9]{20}$', maxLength: 64 }),
      refundNo: Type.String({ pattern: '^R[0-9]{22}$', maxLength: 64 }),
      amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
      reason: Type.Union([Type.Literal('refused'), Type.Literal('withdrawn'), Type.Literal('not-accepted')]),
      refundedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 1024,
});
