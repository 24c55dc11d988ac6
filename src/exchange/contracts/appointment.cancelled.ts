import Type from 'typebox';
import { defineContract } from './contract.ts';

/** The person cancelled the booking in the portal; its place was given back there at once. */
export const appointmentCancelled = defineContract({
  type: 'appointment.cancelled',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      code: Type.String({ pattern: '^[0-9A-Z]{8}$', maxLength: 8 }),
      cancelledAt: Type.String({ format: 'date-time', maxLength: 40 }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 512,
});
