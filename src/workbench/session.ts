import type { FastifyReply, FastifyRequest } from 'fastify';
import { eq, isNull, and } from 'drizzle-orm';
import { AppError } from '../shared/http/errors.ts';
import { touchSession, type IdlePolicy } from '../shared/http/idle-session.ts';
import type { Db } from '../shared/db/database.ts';
import { roleAssignments, staff, units, type Role, type Scope } from './db/schema.ts';

export interface Assignment {
  role: Role;
  unitCode: string;
  unitPath: string;
  scope: Scope;
}

export interface CurrentStaff {
  id: string;
  badgeNo: string;
  name: string;
  unitCode: string;
  assignments: Assignment[];
}

declare module 'fastify' {
  interface FastifyRequest {
    staff: CurrentStaff | undefined;
  }
}

/** Loads the signed-in officer with the roles and jurisdictions in force now; a disabled account is signed out. */
/** The officer with the roles and jurisdictions in force now; none for a disabled or unknown account. */
export async function loadCurrentStaff(db: Db, id: string): Promise<CurrentStaff | undefined> {
  // One round trip, not two: every workbench request loads its officer before anything else.
  const found = await db
    .select({
      id: staff.id,
      badgeNo: staff.badgeNo,
      name: staff.name,
      unitCode: staff.unitCode,
      role: roleAssignments.role,
      roleUnit: roleAssignments.unitCode,
      unitPath: units.path,
      scope: roleAssignments.scope,
    })
    .from(staff)
    .leftJoin(roleAssignments, eq(roleAssignments.staffId, staff.id))
    .leftJoin(units, eq(units.code, roleAssignments.unitCode))
    .where(and(eq(staff.id, id), isNull(staff.disabledAt)));
  const [first] = found;
  if (!first) return undefined;
  const assignments = found.flatMap((r) =>
    r.role && r.roleUnit && r.unitPath && r.scope
      ? [{ role: r.role, unitCode: r.roleUnit, unitPath: r.unitPath, scope: r.scope }]
      : [],
  );
  return { id: first.id, badgeNo: first.badgeNo, name: first.name, unitCode: first.unitCode, assignments };
}

/** Loads the signed-in officer into the request; a disabled account is signed out. */
export function staffLoader(db: Db, idle: IdlePolicy) {
  return async (request: FastifyRequest): Promise<void> => {
    request.staff = undefined;
    if (!touchSession(request, idle)) return;
    const subject = request.session?.subject;
    if (!subject?.startsWith('staff:')) return;
    request.staff = await loadCurrentStaff(db, subject.slice('staff:'.length));
  };
}

export function staffOf(request: FastifyRequest): CurrentStaff {
  if (!request.staff) throw new AppError('UNAUTHENTICATED');
  return request.staff;
}

/**
 * The workbench's API documentation lists every staff route and its shapes: signed-in staff only. Its routes
 * sit inside the docs plugin, so the officer is loaded here rather than by the zone-wide hook. The UI page
 * sends a visitor to the login page and back; the JSON and YAML documents answer 401.
 */
export function staffOnlyDocs(db: Db, idle: IdlePolicy) {
  const load = staffLoader(db, idle);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await load(request);
    if (request.staff) return;
    if (/^\/api\/docs\/?(?:\?|$)/.test(request.url)) {
      await reply.redirect(`/staff/login?next=${encodeURIComponent('/api/docs')}`, 303);
      return;
    }
    throw new AppError('UNAUTHENTICATED');
  };
}
