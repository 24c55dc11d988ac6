import { approvedVersion, approvedOverrides } from './workbench/holidays/holidays.repository.ts';
import { storedOverrides, storedVersion } from './portal/calendar/calendar.repository.ts';
import type { WorkingDayCalendar } from './shared/calendar/working-days.ts';
import type { Db } from './shared/db/database.ts';
import type { ZoneServices } from './shared/zone.ts';
import type { ZoneName } from './zones.ts';

// Each zone's calendar follows its database: several instances of a zone run behind a load balancer, and the
// one that approves a schedule (workbench) or takes it in (portal) is not the one answering the next request.
// Each instance checks a cheap version of the table each minute and reloads when it changed.

/** How often an instance looks whether the schedules in its database changed. */
export const CALENDAR_CHECK_MS = 60_000;

const sources: Record<
  ZoneName,
  { version: (db: Db) => Promise<string>; load: (db: Db) => ReturnType<typeof storedOverrides> }
> = {
  portal: { version: storedVersion, load: storedOverrides },
  workbench: { version: approvedVersion, load: approvedOverrides },
};

/** The version each calendar was last loaded at. */
const loaded = new WeakMap<WorkingDayCalendar, string>();

interface CalendarZone {
  name: ZoneName;
  database: { db: Db };
  services: Pick<ZoneServices, 'calendar' | 'now'>;
}

/** Reloads the zone's calendar from its database if the schedules there changed; true when it did. */
export async function followCalendar(zone: CalendarZone): Promise<boolean> {
  const source = sources[zone.name];
  const db = zone.database.db;
  // The version before the days: a change committed in between is loaded now and seen again next time, never missed.
  const version = await source.version(db);
  if (loaded.get(zone.services.calendar) === version) return false;
  zone.services.calendar.replaceOverrides(await source.load(db));
  loaded.set(zone.services.calendar, version);
  return true;
}

/** The worker's step: at most once a minute on the zone's clock, the calendar follows the database. */
export function calendarStep(zone: CalendarZone): () => Promise<number> {
  let last: number | undefined;
  return async () => {
    const now = zone.services.now().getTime();
    if (last !== undefined && now >= last && now - last < CALENDAR_CHECK_MS) return 0;
    last = now;
    await followCalendar(zone);
    return 0;
  };
}
