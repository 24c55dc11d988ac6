import Type from 'typebox';
import { defineContract } from './contract.ts';

const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', maxLength: 5 });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });

/**
 * An office releases the slots of one service for a window of days. The portal owns the booking ledger of what
 * it was given (ADR 0007): it books against these quotas at once and tells the workbench afterwards. Slots of
 * the window that the message does not list are closed to new bookings; bookings already made stand.
 * `recountOf` (optional, added within version 1: a portal that predates it quarantines such a message, so the
 * portal is upgraded first) names the approved holiday schedule whose recount sent it: the slots it closes are on
 * a day the office no longer opens, and their holders are told.
 */
export const appointmentSlotsPublished = defineContract({
  type: 'appointment.slots.published',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      releaseId: Type.String({ format: 'uuid' }),
      unitCode: Type.String({ maxLength: 40 }),
      unitName: Type.String({ maxLength: 100 }),
      itemId: Type.String({ maxLength: 80 }),
      releasedAt: Type.String({ format: 'date-time', maxLength: 40 }),
      recountOf: Type.Optional(Type.String({ format: 'uuid' })),
      from: Day,
      to: Day,
      slots: Type.Array(
        Type.Object(
          { date: Day, start: Time, end: Time, quota: Type.Integer({ minimum: 0, maximum: 999 }) },
          { additionalProperties: false },
        ),
        { maxItems: 1000 },
      ),
    },
    { additionalProperties: false },
  ),
  maxBytes: 96_000,
});
