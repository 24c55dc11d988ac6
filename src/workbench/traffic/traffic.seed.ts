import { sql } from 'drizzle-orm';
import type { ZoneServices } from '../../shared/zone.ts';
import { DEMO_RESIDENT, syntheticResidents } from '../registry/registry.seed.ts';
import { issueLicence, recordViolation, registerVehicle } from './traffic.records.ts';
import { vehicles } from './traffic.tables.ts';

// Demo vehicles of the fictional city ('示' is the demo province's plate character, used by no real
// province): two of the demo resident (李示范, whose ID number the demo citizen verifies his account with),
// with violations to look up, accept and pay, and vehicles of other residents, whom he must never see.

const places = [
  '示范大道与滨江路交叉口',
  '人民路明湖桥北口',
  '解放路200号前',
  '环城高速K12+300（往东）',
  '建设路与文昌街交叉口',
];

export async function seedTraffic(services: ZoneServices): Promise<void> {
  const [existing] = await services.db.select({ n: sql<number>`count(*)` }).from(vehicles);
  if (Number(existing?.n ?? 0) > 0) return;
  const day = 86_400_000;
  const now = services.now().getTime();
  await issueLicence(services, { idNumber: DEMO_RESIDENT.idNumber, firstIssuedOn: '2008-03-15' });
  await registerVehicle(services, {
    plate: '示A12345',
    ownerIdNumber: DEMO_RESIDENT.idNumber,
    brand: '示范牌轿车',
  });
  await registerVehicle(services, {
    plate: '示A8K2Q7',
    ownerIdNumber: DEMO_RESIDENT.idNumber,
    brand: '明湖牌SUV',
    registeredOn: '2023-09-20',
  });
  const demo: [string, number, number, string][] = [
    ['示A12345', 3, 0, '1625'],
    ['示A12345', 12, 1, '1039'],
    ['示A8K2Q7', 20, 2, '1352'],
  ];
  for (const [plate, daysAgo, place, code] of demo)
    await recordViolation(services, {
      plate,
      occurredAt: new Date(now - daysAgo * day - 5 * 3_600_000),
      place: places[place]!,
      offenceCode: code,
    });
  // Other owners, each with a vehicle and a violation of their own.
  const others = syntheticResidents(3, 20261206);
  for (const [i, person] of others.entries()) {
    const plate = `示B${String(61_000 + i * 137)}`;
    await issueLicence(services, { idNumber: person.idNumber, firstIssuedOn: '2015-06-01' });
    await registerVehicle(services, { plate, ownerIdNumber: person.idNumber, brand: '示范牌轿车' });
    await recordViolation(services, {
      plate,
      occurredAt: new Date(now - (5 + i) * day),
      place: places[(i + 3) % places.length]!,
      offenceCode: i % 2 === 0 ? '1344' : '6011',
    });
  }
}
