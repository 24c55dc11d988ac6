import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../src/shared/audit/audit-log.ts';
import {
  issueLicence,
  recordViolation,
  registerVehicle,
} from '../../src/workbench/traffic/traffic.records.ts';
import { trafficViolations } from '../../src/workbench/traffic/traffic.tables.ts';
import { verifiedCitizen, type Person } from '../portal/applications.helpers.ts';
import { crossBothWays, type FeeWorld } from './fees.support.ts';

// Owners with vehicles and camera violations in the police zone, and their lookup from the portal.

export interface Owner {
  person: Person;
  plate: string;
  /** Red light (6 points, ¥200) first, then parking (0 points, ¥150). */
  violations: [string, string];
}

const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

function freshPlate(): string {
  const tail = Array.from({ length: 5 }, () => String(randomInt(10))).join('');
  return `示${letters[randomInt(letters.length)]}${tail}`;
}

export async function ownerWithViolations(world: FeeWorld, name = '林示范'): Promise<Owner> {
  const services = world.workbench.services;
  const person = await verifiedCitizen(world.pay.zone, name);
  const plate = freshPlate();
  await issueLicence(services, { idNumber: person.idNumber, firstIssuedOn: '2010-01-01' });
  await registerVehicle(services, { plate, ownerIdNumber: person.idNumber, brand: '测试牌轿车' });
  const at = services.now().getTime();
  const red = await recordViolation(services, {
    plate,
    occurredAt: new Date(at - 3 * 86_400_000),
    place: '示范大道与滨江路交叉口',
    offenceCode: '1625',
  });
  const parked = await recordViolation(services, {
    plate,
    occurredAt: new Date(at - 5 * 86_400_000),
    place: '解放路200号前',
    offenceCode: '1039',
  });
  return { person, plate, violations: [red, parked] };
}

/** The owner asks from 我的交通违法 and the answer comes back. */
export async function lookedUp(world: FeeWorld, owner: Owner): Promise<void> {
  const asked = await owner.person.client.post('/my/traffic/lookup', {}, { formUrl: '/my/traffic' });
  if (asked.statusCode !== 303)
    throw new Error(`lookup refused: ${asked.statusCode} ${asked.body.slice(0, 300)}`);
  await crossBothWays(world);
}

export async function policeRecord(world: FeeWorld, id: string) {
  const [row] = await world.workbench.services.db
    .select()
    .from(trafficViolations)
    .where(eq(trafficViolations.id, id));
  return row;
}

export async function auditCount(world: FeeWorld, action: string, target: string): Promise<number> {
  const rows = await world.workbench.services.db
    .select({ seq: auditLog.seq })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.target, target)));
  return rows.length;
}
