import { and, eq } from 'drizzle-orm';
import { hashPassword, passwordMessageKey, passwordProblem } from '../../shared/auth/password.ts';
import { clearAttempts } from '../../shared/auth/throttle.ts';
import type { Tx } from '../../shared/db/database.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { revokeSessionsOf } from '../../shared/http/session-store.ts';
import { parseMobile } from '../../shared/validators/mobile.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { roleAssignments, staff } from '../db/schema.ts';
import { findUnit } from '../org/org.repository.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import type { StaffMessage } from './staff.messages.ts';
import { allows, mayGrant, offeredRoles } from './staff.policy.ts';
import {
  assignmentsOf,
  badgeKey,
  type AssignmentRecord,
  findStaff,
  findStaffByBadge,
  type StaffRecord,
} from './staff.repository.ts';
import { isRole, isScope, roles } from './roles.ts';

// Roles with nothing behind them yet are refused like an unknown one (see offeredRoles).
const offered = offeredRoles(roles);

// Account administration. Every change and its audit entry commit together, and each one re-checks the
// officer's jurisdiction inside the transaction rather than trusting what the page showed.

type Problems = { field: string; message: StaffMessage }[];

function invalid(fields: Problems): AppError {
  return new AppError('VALIDATION', { fields: fields as FieldError[] });
}

/**
 * Loads an account the officer may see. Out of jurisdiction and not found get the same answer, so account
 * ids cannot be probed.
 */
export async function visibleStaff(
  services: ZoneServices,
  me: CurrentStaff,
  id: string,
): Promise<StaffRecord> {
  const target = await findStaff(services.db, id);
  if (!target) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, me, 'staff.read', target);
  return target;
}

/** Whether the officer may change this account (its roles are part of the question, see mayManage). */
export function mayChange(
  me: CurrentStaff,
  target: StaffRecord,
  assignments: readonly AssignmentRecord[],
): boolean {
  return workbenchPolicy.can(me, 'staff.manage', { unitPath: target.unitPath, assignments });
}

/**
 * An account the officer may see and change. Seeing it without the right to change it is 403, not 404: he
 * already knows it is there.
 */
async function manageableStaff(
  services: ZoneServices,
  me: CurrentStaff,
  id: string,
  options: { notSelf?: boolean } = {},
) {
  const target = await visibleStaff(services, me, id);
  const assignments = await assignmentsOf(services.db, target.id);
  if (!mayChange(me, target, assignments)) throw new AppError('FORBIDDEN');
  // Nobody changes his own roles or status: that needs a second administrator (separation of duties).
  if (options.notSelf && target.id === me.id) throw new AppError('FORBIDDEN');
  return { target, assignments };
}

/** Records that an officer opened an account's details: a read of personal data. */
export async function recordView(services: ZoneServices, by: AuditActor, target: StaffRecord): Promise<void> {
  await services.db.transaction((tx) =>
    recordAudit(tx, {
      ...by,
      action: 'staff.view',
      target: `staff:${target.badgeNo}`,
      detail: { unit: target.unitCode },
      at: services.now(),
    }),
  );
}

export interface NewStaffInput {
  badgeNo?: string | undefined;
  name?: string | undefined;
  unitCode?: string | undefined;
  mobile?: string | undefined;
  password?: string | undefined;
  role?: string | undefined;
  scope?: string | undefined;
}

export async function createStaff(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  input: NewStaffInput,
): Promise<string> {
  const problems: Problems = [];
  const badgeNo = input.badgeNo?.trim() ?? '';
  if (!badgeNo) problems.push({ field: 'badgeNo', message: 'badgeRequired' });
  else if (!/^[A-Za-z0-9]{3,20}$/.test(badgeNo)) problems.push({ field: 'badgeNo', message: 'badgeInvalid' });
  const name = input.name?.trim() ?? '';
  if ([...name].length < 2 || [...name].length > 30 || /[<>\d]/.test(name))
    problems.push({ field: 'name', message: 'nameRequired' });
  const unit = input.unitCode ? await findUnit(services.db, input.unitCode) : undefined;
  if (!unit) problems.push({ field: 'unitCode', message: 'unitRequired' });
  else if (!allows(me, 'staff.manage', unit.path))
    problems.push({ field: 'unitCode', message: 'unitOutside' });
  let mobile: string | null = null;
  if (input.mobile?.trim()) {
    const parsed = parseMobile(input.mobile);
    if (parsed.ok) mobile = parsed.value;
    else problems.push({ field: 'mobile', message: 'mobileInvalid' });
  }
  const password = input.password ?? '';
  const weak = password
    ? await passwordProblem(password, { kind: 'staff', personal: [badgeNo, mobile] })
    : undefined;
  if (!password) problems.push({ field: 'password', message: 'passwordRequired' });
  else if (weak) problems.push({ field: 'password', message: passwordMessageKey[weak] });
  if (!isRole(input.role) || !offered.includes(input.role))
    problems.push({ field: 'role', message: 'roleRequired' });
  if (!isScope(input.scope)) problems.push({ field: 'scope', message: 'scopeRequired' });
  else if (unit && !mayGrant(me, { scope: input.scope, unitPath: unit.path }))
    problems.push({ field: 'scope', message: 'grantOutside' });
  if (problems.length || !unit || !isRole(input.role) || !isScope(input.scope)) throw invalid(problems);
  const role = input.role;
  const scope = input.scope;

  const passwordHash = await hashPassword(password);
  return services.db.transaction(async (tx) => {
    if (await findStaffByBadge(tx, badgeNo)) throw invalid([{ field: 'badgeNo', message: 'badgeTaken' }]);
    const [created] = await tx
      .insert(staff)
      .values({
        badgeNo,
        name,
        unitCode: unit.code,
        mobile,
        passwordHash,
        mustEnrolTotp: true,
        createdAt: services.now(),
        createdBy: me.id,
      })
      .onConflictDoNothing({ target: staff.badgeNo })
      .returning({ id: staff.id });
    if (!created) throw invalid([{ field: 'badgeNo', message: 'badgeTaken' }]);
    await tx.insert(roleAssignments).values({
      staffId: created.id,
      role,
      unitCode: unit.code,
      scope,
      createdAt: services.now(),
      grantedBy: me.id,
    });
    await recordAudit(tx, {
      ...by,
      action: 'staff.create',
      target: `staff:${badgeNo}`,
      detail: { unit: unit.code, role, scope, roleUnit: unit.code },
      at: services.now(),
    });
    return created.id;
  });
}

export async function addAssignment(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  id: string,
  input: { role?: string | undefined; unitCode?: string | undefined; scope?: string | undefined },
): Promise<void> {
  const { target, assignments } = await manageableStaff(services, me, id, { notSelf: true });
  const problems: Problems = [];
  if (!isRole(input.role) || !offered.includes(input.role))
    problems.push({ field: 'role', message: 'roleRequired' });
  const unit = input.unitCode ? await findUnit(services.db, input.unitCode) : undefined;
  if (!unit) problems.push({ field: 'unitCode', message: 'unitRequired' });
  if (!isScope(input.scope)) problems.push({ field: 'scope', message: 'scopeRequired' });
  else if (unit && !mayGrant(me, { scope: input.scope, unitPath: unit.path }))
    problems.push({ field: 'scope', message: 'grantOutside' });
  if (problems.length || !unit || !isRole(input.role) || !isScope(input.scope)) throw invalid(problems);
  const role = input.role;
  const scope = input.scope;
  if (assignments.some((a) => a.role === role && a.unitCode === unit.code && a.scope === scope)) {
    throw invalid([{ field: 'role', message: 'assignmentExists' }]);
  }
  await services.db.transaction(async (tx) => {
    await tx.insert(roleAssignments).values({
      staffId: target.id,
      role,
      unitCode: unit.code,
      scope,
      createdAt: services.now(),
      grantedBy: me.id,
    });
    await audit(tx, services, by, 'staff.role.assign', target, { role, unit: unit.code, scope });
  });
}

export async function removeAssignment(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  id: string,
  assignmentId: string,
): Promise<void> {
  const { target, assignments } = await manageableStaff(services, me, id, { notSelf: true });
  const assignment = assignments.find((a) => a.id === assignmentId);
  if (!assignment) throw new AppError('NOT_FOUND');
  await services.db.transaction(async (tx) => {
    const removed = await tx
      .delete(roleAssignments)
      .where(and(eq(roleAssignments.id, assignment.id), eq(roleAssignments.staffId, target.id)))
      .returning({ id: roleAssignments.id });
    if (removed.length === 0) throw new AppError('NOT_FOUND');
    await audit(tx, services, by, 'staff.role.remove', target, {
      role: assignment.role,
      unit: assignment.unitCode,
      scope: assignment.scope,
    });
  });
}

/** Disabling also ends every open session, so the officer is out at his next click, not at session expiry. */
export async function setDisabled(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  id: string,
  disabled: boolean,
): Promise<void> {
  const { target } = await manageableStaff(services, me, id, { notSelf: true });
  await services.db.transaction(async (tx) => {
    if (disabled) {
      await tx.update(staff).set({ disabledAt: services.now() }).where(eq(staff.id, target.id));
      const sessions = await revokeSessionsOf(tx, `staff:${target.id}`);
      await audit(tx, services, by, 'staff.disable', target, { sessionsEnded: sessions });
    } else {
      await tx.update(staff).set({ disabledAt: null }).where(eq(staff.id, target.id));
      await clearAttempts(tx, [badgeKey(target.badgeNo)]);
      await audit(tx, services, by, 'staff.enable', target, {});
    }
  });
}

/** A forgotten password: the administrator sets a new one (handed over in person), which also lifts a lock. */
export async function resetPassword(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  id: string,
  password: string | undefined,
): Promise<void> {
  const { target } = await manageableStaff(services, me, id, { notSelf: true });
  if (!password) throw invalid([{ field: 'newPassword', message: 'passwordRequired' }]);
  const weak = await passwordProblem(password, { kind: 'staff', personal: [target.badgeNo, target.mobile] });
  if (weak) throw invalid([{ field: 'newPassword', message: passwordMessageKey[weak] }]);
  const passwordHash = await hashPassword(password);
  await services.db.transaction(async (tx) => {
    await tx.update(staff).set({ passwordHash }).where(eq(staff.id, target.id));
    await clearAttempts(tx, [badgeKey(target.badgeNo)]);
    const sessions = await revokeSessionsOf(tx, `staff:${target.id}`);
    await audit(tx, services, by, 'staff.password.reset', target, { sessionsEnded: sessions });
  });
}

/** A lost or replaced phone: the old secret is dropped and the officer enrols again at his next login. */
export async function resetTotp(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  id: string,
): Promise<void> {
  const { target } = await manageableStaff(services, me, id);
  await services.db.transaction(async (tx) => {
    await tx
      .update(staff)
      .set({ totpSealed: null, mustEnrolTotp: true, totpLastStep: 0 })
      .where(eq(staff.id, target.id));
    // Whoever holds the old phone may also hold a session: end them too.
    const sessions = await revokeSessionsOf(tx, `staff:${target.id}`);
    await audit(tx, services, by, 'staff.totp.reset', target, { sessionsEnded: sessions });
  });
}

export async function revokeSessions(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  id: string,
): Promise<number> {
  const { target } = await manageableStaff(services, me, id);
  return services.db.transaction(async (tx) => {
    const sessions = await revokeSessionsOf(tx, `staff:${target.id}`);
    await audit(tx, services, by, 'staff.sessions.revoke', target, { sessionsEnded: sessions });
    return sessions;
  });
}

function audit(
  tx: Tx,
  services: ZoneServices,
  by: AuditActor,
  action: string,
  target: StaffRecord,
  detail: Record<string, unknown>,
) {
  return recordAudit(tx, { ...by, action, target: `staff:${target.badgeNo}`, detail, at: services.now() });
}
