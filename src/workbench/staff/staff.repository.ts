import { rows } from '../../shared/db/database.ts';
import { and, asc, count, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../shared/db/database.ts';
import { roleAssignments, staff, units, type Role, type Scope } from '../db/schema.ts';
import { escapeLike, withinPath } from '../org/org.repository.ts';
import type { Reach } from './staff.policy.ts';

export type StaffRow = typeof staff.$inferSelect;

export interface StaffRecord extends StaffRow {
  unitName: string;
  unitPath: string;
  /** Until when login attempts with this badge number are refused, and the failures that led there. */
  lockedUntil: Date | null;
  failedLogins: number;
}

// The login throttle (staff.auth.ts) keeps its counters per badge number typed, in lower case since badge
// numbers are matched without regard to case.
const BADGE_KEY_PREFIX = 'staff-login:badge:';

export function badgeKey(badgeNo: string): string {
  return BADGE_KEY_PREFIX + badgeNo.toLowerCase();
}

const badgeCounter = sql`auth_throttle.key = ${BADGE_KEY_PREFIX} || lower(${staff.badgeNo})`;
const lockedUntil = sql<Date | null>`(SELECT blocked_until FROM auth_throttle WHERE ${badgeCounter})`.mapWith(
  staff.createdAt,
);
const failedLogins =
  sql<number>`coalesce((SELECT failures FROM auth_throttle WHERE ${badgeCounter}), 0)`.mapWith(Number);

export interface AssignmentRecord {
  id: string;
  role: Role;
  scope: Scope;
  unitCode: string;
  unitName: string;
  unitPath: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export async function findStaff(db: Executor, id: string): Promise<StaffRecord | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({ s: staff, unitName: units.name, unitPath: units.path, lockedUntil, failedLogins })
    .from(staff)
    .innerJoin(units, eq(units.code, staff.unitCode))
    .where(eq(staff.id, id));
  if (!row) return undefined;
  const { s: columns, ...joined } = row;
  return { ...columns, ...joined };
}

/** Badge numbers are matched without regard to case: people type "sf1001" as often as "SF1001". */
export async function findStaffByBadge(db: Executor, badgeNo: string): Promise<StaffRow | undefined> {
  const [row] = await db
    .select()
    .from(staff)
    .where(sql`lower(${staff.badgeNo}) = lower(${badgeNo})`);
  return row;
}

export async function assignmentsOf(db: Executor, staffId: string): Promise<AssignmentRecord[]> {
  return db
    .select({
      id: roleAssignments.id,
      role: roleAssignments.role,
      scope: roleAssignments.scope,
      unitCode: roleAssignments.unitCode,
      unitName: units.name,
      unitPath: units.path,
    })
    .from(roleAssignments)
    .innerJoin(units, eq(units.code, roleAssignments.unitCode))
    .where(eq(roleAssignments.staffId, staffId))
    .orderBy(asc(roleAssignments.createdAt));
}

/** A condition on `units.path` that keeps only units inside a reach. */
export function reachCondition(reach: Reach): SQL | undefined {
  if (reach.all) return undefined;
  const parts = [
    ...reach.exact.map((p) => sql`${units.path} = ${p}`),
    ...reach.subtrees.map((p) => withinPath(p)),
  ];
  return parts.length ? or(...parts) : sql`false`;
}

export interface StaffListQuery {
  q?: string;
  pendingTotp?: boolean;
  page: number;
  pageSize: number;
}

export async function listStaff(db: Executor, reach: Reach, query: StaffListQuery) {
  const q = query.q?.trim();
  const where = and(
    reachCondition(reach),
    q ? or(ilike(staff.badgeNo, `%${escapeLike(q)}%`), ilike(staff.name, `%${escapeLike(q)}%`)) : undefined,
    query.pendingTotp ? and(eq(staff.mustEnrolTotp, true), isNull(staff.disabledAt)) : undefined,
  );
  const [total] = await db
    .select({ n: count() })
    .from(staff)
    .innerJoin(units, eq(units.code, staff.unitCode))
    .where(where);
  const rows = await db
    .select({
      id: staff.id,
      badgeNo: staff.badgeNo,
      name: staff.name,
      unitName: units.name,
      mustEnrolTotp: staff.mustEnrolTotp,
      disabled: isNotNull(staff.disabledAt).mapWith(Boolean),
      lockedUntil,
    })
    .from(staff)
    .innerJoin(units, eq(units.code, staff.unitCode))
    .where(where)
    .orderBy(asc(units.path), asc(staff.badgeNo))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Active accounts in reach that have not set up their second factor yet. */
export async function countPendingTotp(db: Executor, reach: Reach): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(staff)
    .innerJoin(units, eq(units.code, staff.unitCode))
    .where(and(reachCondition(reach), eq(staff.mustEnrolTotp, true), isNull(staff.disabledAt)));
  return Number(row?.n ?? 0);
}

/** The units an officer may pick from, e.g. for a new account: those inside his reach, in tree order. */
export async function unitsInReach(db: Executor, reach: Reach) {
  return (
    db
      .select({ code: units.code, name: units.name, path: units.path })
      .from(units)
      // A closed unit takes no new officers or roles.
      .where(and(reachCondition(reach), isNull(units.closedAt)))
      .orderBy(asc(units.path))
  );
}

/**
 * The officers who, since `since`, created the account with this badge or gave it a role, and in turn whoever
 * created or empowered those accounts since then: an administrator's chain of fresh accounts leads back to
 * him. Seeded accounts and grants name nobody and end the chain.
 */
export async function recentSponsorsOf(db: Executor, badgeNo: string, since: Date): Promise<string[]> {
  const result = await db.execute(sql`
    WITH RECURSIVE grants(account, sponsor) AS (
      SELECT ${staff.id}, ${staff.createdBy} FROM ${staff}
      WHERE ${staff.createdBy} IS NOT NULL AND ${staff.createdAt} >= ${since.toISOString()}::timestamptz
      UNION ALL
      SELECT ${roleAssignments.staffId}, ${roleAssignments.grantedBy} FROM ${roleAssignments}
      WHERE ${roleAssignments.grantedBy} IS NOT NULL
        AND ${roleAssignments.createdAt} >= ${since.toISOString()}::timestamptz
    ), chain(id) AS (
      SELECT ${staff.id} FROM ${staff} WHERE ${staff.badgeNo} = ${badgeNo}
      UNION
      SELECT grants.sponsor FROM grants JOIN chain ON grants.account = chain.id
    )
    SELECT ${staff.badgeNo} AS badge FROM chain JOIN ${staff} ON ${staff.id} = chain.id
    WHERE ${staff.badgeNo} <> ${badgeNo}`);
  return rows<{ badge: string }>(result).map((row) => row.badge);
}

/** The sealed second-factor secrets of the named accounts, for the demo tooling only (`openpsb demo-codes`). */
export async function sealedSecretsOf(
  db: Executor,
  badgeNos: readonly string[],
): Promise<{ badgeNo: string; totpSealed: string | null; disabled: boolean }[]> {
  if (badgeNos.length === 0) return [];
  const found = await db
    .select({ badgeNo: staff.badgeNo, totpSealed: staff.totpSealed, disabledAt: staff.disabledAt })
    .from(staff)
    .where(inArray(staff.badgeNo, [...badgeNos]));
  return found.map((row) => ({
    badgeNo: row.badgeNo,
    totpSealed: row.totpSealed,
    disabled: row.disabledAt !== null,
  }));
}
