import Type from 'typebox';
import { CaseNumber } from './case-shapes.ts';
import { defineContract } from './contract.ts';

/**
 * Version 2 of payment.settled names what was paid: a case's fee (as version 1 did) or a traffic fine. The
 * portal sends traffic fines with it on the owner's stream `traffic:<citizenRef>`; case fees still go as
 * version 1 on the case's stream until that version is retired, and both are accepted.
 */
export const paymentSettledV2 = defineContract({
  type: 'payment.settled',
  version: 2,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      payable: Type.Union([
        Type.Object(
          {
            kind: Type.Literal('case-fee'),
            applicationId: Type.String({ format: 'uuid' }),
            caseNumber: CaseNumber,
          },
          { additionalProperties: false },
        ),
        Type.Object(
          {
            kind: Type.Literal('traffic-fine'),
            violationId: Type.String({ format: 'uuid' }),
            citizenRef: Type.String({ format: 'uuid' }),
          },
          { additionalProperties: false },
        ),
      ]),
      orderNo: Type.String({ pattern: '^P[0-9]{20}$', maxLength: 64 }),
      amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
      payeeUnit: Type.String({ pattern: '^[A-Z]{2}(?:-[A-Z0-9]+)*$', maxLength: 32 }),
      paidAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 2048,
});
