import { applyPublishedUnit } from '../../src/portal/directory/directory.repository.ts';
import { demoBeats } from '../../src/workbench/org/demo-beats.ts';
import { demoCityUnits } from '../../src/workbench/org/demo-city.ts';
import type { TestZone } from '../helpers/zones.ts';

/** The demo city's public units in the portal's directory, as the exchange would leave them. */
export const publishedDemoUnits = demoCityUnits().filter((u) => u.isPublic);

/** Each demo community office's area and officer, by code. */
export const demoBeatsByCode = new Map(demoBeats(demoCityUnits()).map((b) => [b.code, b]));

export async function publishDemoDirectory(zone: TestZone): Promise<void> {
  const publishedAt = zone.services.now().toISOString();
  await zone.services.db.transaction(async (tx) => {
    for (const u of publishedDemoUnits) {
      const beat = demoBeatsByCode.get(u.code);
      await applyPublishedUnit(tx, {
        code: u.code,
        revision: 1,
        kind: u.kind,
        name: u.name,
        nameEn: u.nameEn,
        parentName: null,
        district: u.district,
        address: u.address,
        phone: u.phone,
        hours: u.hours,
        schedule: u.schedule,
        lat: u.lat,
        lng: u.lng,
        beat: beat?.beat ?? null,
        officer: beat ? { name: beat.officerName, badgeNo: beat.officerBadge } : null,
        publishedAt,
      });
    }
  });
}
