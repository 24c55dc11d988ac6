import { directoryUnitPublished, directoryUnitWithdrawn } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import type { Tx } from '../../shared/db/database.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { demoBeats } from './demo-beats.ts';
import { demoCityUnits } from './demo-city.ts';
import {
  fillBeats,
  fillDirectoryFields,
  findUnit,
  markPublished,
  unpublishedUnits,
  type Unit,
} from './org.repository.ts';

// What the portal's directory (机构名录) is sent of a unit. A public, open unit goes whole after every change;
// a unit that closes or stops being public is withdrawn, once, if the portal ever had it. One stream per unit,
// so its messages arrive in the order they were sent.

export const streamOfUnit = (code: string) => `unit:${code}`;

/** Sends the unit's current state to the portal in the caller's transaction, when the portal should know. */
export async function publishUnit(tx: Tx, unit: Unit, now: Date): Promise<void> {
  if (unit.isPublic && !unit.closedAt) {
    const parent = unit.parentCode ? await findUnit(tx, unit.parentCode) : undefined;
    await send(
      tx,
      directoryUnitPublished,
      {
        code: unit.code,
        revision: unit.revision,
        kind: unit.kind,
        name: unit.name,
        nameEn: unit.nameEn || null,
        parentName: parent?.name ?? null,
        district: unit.district,
        address: unit.address,
        phone: unit.phone,
        hours: unit.hours,
        schedule: unit.schedule,
        lat: unit.lat,
        lng: unit.lng,
        // Only a community office answers 找片警; its officer goes by name and badge number, never a mobile.
        beat: unit.kind === 'community-office' ? unit.beat : null,
        officer:
          unit.kind === 'community-office' && unit.officerName && unit.officerBadge
            ? { name: unit.officerName, badgeNo: unit.officerBadge }
            : null,
        publishedAt: now.toISOString(),
      },
      { stream: streamOfUnit(unit.code) },
    );
  } else if (unit.publishedRevision > 0) {
    await send(
      tx,
      directoryUnitWithdrawn,
      { code: unit.code, revision: unit.revision, withdrawnAt: now.toISOString() },
      { stream: streamOfUnit(unit.code) },
    );
  } else return;
  await markPublished(tx, unit);
}

/**
 * Sends every change the portal has not been sent: on the first start, the demo city's public units. Idempotent,
 * as a re-run finds nothing left to send.
 */
export async function publishPendingUnits(services: ZoneServices): Promise<number> {
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const pending = await unpublishedUnits(tx);
    for (const unit of pending) await publishUnit(tx, unit, now);
    return pending.length;
  });
}

/**
 * The demo city's directory: the directory fields for units seeded before they existed, then every public unit
 * the portal has not been sent, through the exchange like any later change.
 */
export async function seedDirectory(services: ZoneServices): Promise<number> {
  await services.db.transaction(async (tx) => {
    const units = demoCityUnits();
    await fillDirectoryFields(tx, units);
    await fillBeats(tx, demoBeats(units));
  });
  return publishPendingUnits(services);
}
