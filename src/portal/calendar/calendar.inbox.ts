import { calendarSchedulePublished } from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import * as repo from './calendar.repository.ts';

/**
 * A schedule the workbench approved: the year's days are replaced (a redelivered message changes nothing). The
 * zone's calendar is not touched here, inside the inbox transaction, so a rollback cannot leave it ahead of the
 * table: the worker reloads it from the table after the commit, and each minute (zone-calendar.ts).
 */
export const calendarInboxHandlers: MessageHandler[] = [
  onMessage(calendarSchedulePublished, async (tx, schedule) => {
    await repo.replaceYear(
      tx,
      { scheduleId: schedule.scheduleId, year: schedule.year, approvedAt: new Date(schedule.approvedAt) },
      schedule.days,
    );
  }),
];
