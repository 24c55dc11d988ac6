import { eq } from 'drizzle-orm';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { staff } from '../db/schema.ts';
import { loadCurrentStaff, type CurrentStaff } from '../session.ts';

// A demo officer as the seeds act through him: his roles as a signed-in request would load them, and the audit
// entries naming him, so demo data takes the same paths (and leaves the same trail) as an officer's work.

export async function demoOfficer(
  services: ZoneServices,
  badgeNo: string,
): Promise<{ me: CurrentStaff; by: AuditActor } | undefined> {
  const [row] = await services.db.select({ id: staff.id }).from(staff).where(eq(staff.badgeNo, badgeNo));
  const me = row ? await loadCurrentStaff(services.db, row.id) : undefined;
  return me ? { me, by: { actor: me.badgeNo, actorUnit: me.unitCode, sourceIp: null } } : undefined;
}
