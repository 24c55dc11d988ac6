import Type from 'typebox';
import { defineContract } from './contract.ts';

/** What the window recorded: the person came, or did not (no-shows restrict booking in the portal). */
export const appointmentAttendance = defineContract({
  type: 'appointment.attendance',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      code: Type.String({ pattern: '^[0-9A-Z]{8}$', maxLength: 8 }),
      outcome: Type.Union([Type.Literal('attended'), Type.Literal('no-show')]),
      at: Type.String({ format: 'date-time', maxLength: 40 }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 512,
});
