import { calendarSchedulePublished } from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import * as repo from './calendar.repository.ts';

/**
 * A schedule the workbench approved: the year's days are replaced, then the zone's calendar is reloaded from the
 * table, so it holds what the database holds (a redelivered message changes nothing).
 */
export function calendarInboxHandlers(services: ZoneServices): MessageHandler[] {
  return [
    onMessage(calendarSchedulePublished, async (tx, schedule) => {
      await repo.replaceYear(
        tx,
        { scheduleId: schedule.scheduleId, year: schedule.year, approvedAt: new Date(schedule.approvedAt) },
        schedule.days,
      );
      services.calendar.replaceOverrides(await repo.storedOverrides(tx));
    }),
  ];
}
