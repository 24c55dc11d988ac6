import Type from 'typebox';
import { deliveryStatuses } from '../../shared/delivery/delivery.status.ts';
import { CaseNumber } from './case-shapes.ts';
import { defineContract } from './contract.ts';

const Party = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 60 }),
    phone: Type.String({ minLength: 1, maxLength: 30 }),
    address: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

/**
 * A step of a case's delivery: the waybill created (with both parties, for the officer's printout), each signed
 * tracking callback of the courier as it came, or that the applicant collects at the hall. Sent once per
 * event; they may arrive in any order, and the receiver's state only moves forward. Stream `case:<caseNumber>`.
 */
export const deliveryTracked = defineContract({
  type: 'delivery.tracked',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      applicationId: Type.String({ format: 'uuid' }),
      caseNumber: CaseNumber,
      eventId: Type.String({ minLength: 1, maxLength: 64 }),
      status: Type.Enum(deliveryStatuses),
      waybillNo: Type.Union([Type.String({ pattern: '^[A-Z0-9]{6,20}$', maxLength: 20 }), Type.Null()]),
      occurredAt: Type.String({ format: 'date-time' }),
      note: Type.String({ maxLength: 200 }),
      parties: Type.Optional(
        Type.Object({ sender: Party, recipient: Party }, { additionalProperties: false }),
      ),
    },
    { additionalProperties: false },
  ),
  maxBytes: 4096,
});
