import Type from 'typebox';
import { defineContract } from './contract.ts';

/**
 * A booking made (or moved to another slot: the same code again) in the portal, for the office's window. It
 * carries what the officer needs to receive the person: the verified name and a masked ID number to compare
 * with the card shown, and the answers the service asks for.
 */
export const appointmentBooked = defineContract({
  type: 'appointment.booked',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      code: Type.String({ pattern: '^[0-9A-Z]{8}$', maxLength: 8 }),
      unitCode: Type.String({ maxLength: 40 }),
      itemId: Type.String({ maxLength: 80 }),
      date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 }),
      start: Type.String({ maxLength: 5 }),
      end: Type.String({ maxLength: 5 }),
      name: Type.String({ maxLength: 50 }),
      idNumberMasked: Type.String({ maxLength: 20 }),
      details: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 100 })),
      caseNumber: Type.Optional(Type.String({ maxLength: 40 })),
      bookedAt: Type.String({ format: 'date-time', maxLength: 40 }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 4096,
});
