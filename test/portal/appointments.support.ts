import { randomUUID } from 'node:crypto';
import { citizens } from '../../src/portal/db/schema.ts';
import { applyRelease } from '../../src/portal/appointments/appointments.repository.ts';
import { todayInShanghai } from '../../src/shared/calendar/working-days.ts';
import type { CurrentCitizen } from '../../src/portal/session.ts';
import type { TestZone } from '../helpers/zones.ts';

// Shared steps of the appointment tests: an office's release written as the inbox handler writes it, and
// verified people inserted directly (fifty sign-ups through the pages would only test the sign-up).

export const FAMILY_VISIT = 'detainee-family-visit-booking';
export const OPEN_DAY = 'detention-open-day-booking';
export const OFFICE = { unitCode: 'SF-JG', unitName: '示范市拘留所' };

/** The Beijing date some days after the zone's now. */
export function dayAfter(zone: TestZone, days: number): string {
  return todayInShanghai(new Date(zone.services.now().getTime() + days * 86_400_000));
}

/** Beijing date and HH:MM of a moment some minutes after the zone's now (whole minutes). */
export function beijingIn(zone: TestZone, minutes: number): { date: string; start: string } {
  const at = new Date(zone.services.now().getTime() + minutes * 60_000 + 8 * 3_600_000);
  return { date: at.toISOString().slice(0, 10), start: at.toISOString().slice(11, 16) };
}

export async function release(
  zone: TestZone,
  itemId: string,
  slots: { date: string; start: string; end: string; quota: number }[],
): Promise<void> {
  const dates = slots.map((s) => s.date).sort();
  await zone.services.db.transaction((tx) =>
    applyRelease(tx, { ...OFFICE, itemId, from: dates[0]!, to: dates.at(-1)!, slots }, zone.services.now()),
  );
}

let next = 0;
/** A person whose real-name check has passed, as the portal stores it. */
export async function verifiedPerson(zone: TestZone): Promise<CurrentCitizen> {
  const n = ++next;
  const mobile = `1370000${String(n).padStart(4, '0')}`;
  const [row] = await zone.services.db
    .insert(citizens)
    .values({
      mobile,
      passwordHash: 'not-for-sign-in',
      displayName: `预约人${n}`,
      realName: `林预约${n}`,
      realNameStatus: 'verified',
      idNumberMasked: '350***********0011',
      idNumberHash: randomUUID(),
    })
    .returning({ id: citizens.id, displayName: citizens.displayName, mobile: citizens.mobile });
  return row!;
}
