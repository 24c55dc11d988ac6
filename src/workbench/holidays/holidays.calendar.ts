import { WorkingDayCalendar } from '../../shared/calendar/working-days.ts';

// The workbench zone's calendar for the few workflow steps that run below any services object (the platform's
// sweeps and the exchange's intake pass only a transaction). openZone registers services.calendar here, the
// same instance, so these steps read the approved schedules too; one workbench runs per process, as one
// signer and one document issuer do.

let registered = new WorkingDayCalendar();

export function registerWorkbenchCalendar(calendar: WorkingDayCalendar): void {
  registered = calendar;
}

export function workbenchCalendar(): WorkingDayCalendar {
  return registered;
}
