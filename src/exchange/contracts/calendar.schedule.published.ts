import Type from 'typebox';
import { defineContract } from './contract.ts';

/**
 * A year's holiday schedule approved in the workbench by a second administrator: every day off (休) and
 * make-up working day (班) with its holiday's name. The portal replaces the year's days with these, so its
 * counter hours, booking days and case deadlines count the same days as the workbench. Sent on the stream
 * `calendar-schedule:<year>`, so a correction never overtakes the schedule it corrects.
 */
export const calendarSchedulePublished = defineContract({
  type: 'calendar.schedule.published',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      scheduleId: Type.String({ format: 'uuid' }),
      year: Type.Integer({ minimum: 2000, maximum: 2100 }),
      approvedAt: Type.String({ format: 'date-time' }),
      days: Type.Array(
        Type.Object(
          {
            date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 }),
            work: Type.Boolean(),
            name: Type.String({ minLength: 1, maxLength: 20 }),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 120 },
      ),
    },
    { additionalProperties: false },
  ),
  maxBytes: 16 * 1024,
});
