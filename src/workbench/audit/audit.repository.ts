import { and, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../shared/db/database.ts';
import { auditLog, units } from '../db/schema.ts';
import type { Reach } from '../staff/staff.policy.ts';
import { reachCondition } from '../staff/staff.repository.ts';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  /** Exclusive. */
  until?: Date | undefined;
  /** Keyset paging: only rows older than this seq, so deep pages cost no more than the first. */
  before?: number | undefined;
}

/** Entries an auditor may read: all, or those written by officers of units within his reach. */
function visible(reach: Reach): SQL | undefined {
  if (reach.all) return undefined;
  return inArray(
    auditLog.actorUnit,
    sql`(SELECT ${units.code} FROM ${units} WHERE ${reachCondition(reach)})`,
  );
}

function matching(reach: Reach, filter: AuditFilter): SQL | undefined {
  return and(
    visible(reach),
    filter.actor ? eq(auditLog.actor, filter.actor) : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.from ? gte(auditLog.at, filter.from) : undefined,
    filter.until ? lt(auditLog.at, filter.until) : undefined,
    filter.before ? lt(auditLog.seq, filter.before) : undefined,
  );
}

export async function listAudit(
  db: Executor,
  reach: Reach,
  filter: AuditFilter,
  limit: number,
): Promise<{ rows: AuditRow[]; more: boolean }> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(matching(reach, filter))
    .orderBy(desc(auditLog.seq))
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

export async function countAudit(db: Executor, reach: Reach, filter: AuditFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog).where(matching(reach, filter));
  return Number(row?.n ?? 0);
}

export async function findAuditRow(db: Executor, seq: number): Promise<AuditRow | undefined> {
  const [row] = await db.select().from(auditLog).where(eq(auditLog.seq, seq));
  return row;
}
