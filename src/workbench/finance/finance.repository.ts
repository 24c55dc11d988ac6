import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { units } from '../db/schema.ts';
import type { Reach } from '../staff/staff.policy.ts';
import { reachCondition } from '../staff/staff.repository.ts';
import {
  feeIncomeLines,
  feeRefundLines,
  reconciliationDays,
  reconciliationDifferences,
  type DayRow,
  type DifferenceRow,
  type Totals,
} from './finance.tables.ts';

/**
 * Keeps a day's report unless a later computation is already stored (reports may arrive out of order): true
 * when this one is now the day's.
 */
export async function storeDay(
  tx: Tx,
  day: { day: string; here: Totals; there: Totals; omitted: number; computedAt: Date; receivedAt: Date },
): Promise<boolean> {
  const stored = await tx
    .insert(reconciliationDays)
    .values(day)
    .onConflictDoUpdate({
      target: reconciliationDays.day,
      set: {
        here: day.here,
        there: day.there,
        omitted: day.omitted,
        computedAt: day.computedAt,
        receivedAt: day.receivedAt,
      },
      setWhere: lt(reconciliationDays.computedAt, day.computedAt),
    })
    .returning({ day: reconciliationDays.day });
  return stored.length > 0;
}

/**
 * A difference as the latest report names it: a new one is inserted open; an open one gets the report's
 * amounts; a resolved one keeps what it was resolved on, and only its last sighting moves.
 */
export async function upsertDifference(
  tx: Tx,
  line: Pick<DifferenceRow, 'day' | 'kind' | 'type' | 'reference' | 'hereFen' | 'thereFen'>,
  start: {
    workflowId: string;
    workflowVersion: number;
    state: string;
    dueOn: string | null;
    dueSince: string | null;
  },
  seenAt: Date,
): Promise<void> {
  await tx
    .insert(reconciliationDifferences)
    .values({ ...line, ...start, updatedAt: seenAt, firstSeenAt: seenAt, lastSeenAt: seenAt })
    .onConflictDoUpdate({
      target: [
        reconciliationDifferences.day,
        reconciliationDifferences.type,
        reconciliationDifferences.reference,
      ],
      set: {
        kind: sql`CASE WHEN ${reconciliationDifferences.state} = 'open' THEN excluded.kind ELSE ${reconciliationDifferences.kind} END`,
        hereFen: sql`CASE WHEN ${reconciliationDifferences.state} = 'open' THEN excluded.here_fen ELSE ${reconciliationDifferences.hereFen} END`,
        thereFen: sql`CASE WHEN ${reconciliationDifferences.state} = 'open' THEN excluded.there_fen ELSE ${reconciliationDifferences.thereFen} END`,
        lastSeenAt: sql`greatest(${reconciliationDifferences.lastSeenAt}, excluded.last_seen_at)`,
      },
    });
}

export async function dayOf(ex: Executor, day: string): Promise<DayRow | undefined> {
  const [row] = await ex.select().from(reconciliationDays).where(eq(reconciliationDays.day, day));
  return row;
}

export async function markRequested(ex: Executor, day: string, by: string, at: Date): Promise<void> {
  await ex
    .update(reconciliationDays)
    .set({ requestedBy: by, requestedAt: at })
    .where(eq(reconciliationDays.day, day));
}

/** The reconciled days, newest first, with how many differences each still has open. */
export async function recentDays(ex: Executor, limit = 60) {
  return ex
    .select({
      day: reconciliationDays.day,
      here: reconciliationDays.here,
      there: reconciliationDays.there,
      computedAt: reconciliationDays.computedAt,
      open: sql<number>`(SELECT count(*)::int FROM ${reconciliationDifferences} d WHERE d.day = ${reconciliationDays.day} AND d.state = 'open')`,
      total: sql<number>`(SELECT count(*)::int FROM ${reconciliationDifferences} d WHERE d.day = ${reconciliationDays.day})`,
    })
    .from(reconciliationDays)
    .orderBy(desc(reconciliationDays.day))
    .limit(limit);
}

export async function differencesOf(ex: Executor, day: string): Promise<DifferenceRow[]> {
  return ex
    .select()
    .from(reconciliationDifferences)
    .where(eq(reconciliationDifferences.day, day))
    .orderBy(
      desc(reconciliationDifferences.state),
      asc(reconciliationDifferences.kind),
      asc(reconciliationDifferences.reference),
    );
}

export async function differenceById(ex: Executor, id: string): Promise<DifferenceRow | undefined> {
  const [row] = await ex.select().from(reconciliationDifferences).where(eq(reconciliationDifferences.id, id));
  return row;
}

export async function recordResolution(
  tx: Tx,
  id: string,
  resolved: { resolution: string; reason: string; by: string; at: Date },
): Promise<void> {
  await tx
    .update(reconciliationDifferences)
    .set({
      resolution: resolved.resolution,
      reason: resolved.reason,
      resolvedBy: resolved.by,
      resolvedAt: resolved.at,
    })
    .where(eq(reconciliationDifferences.id, id));
}

export async function insertIncomeLines(
  tx: Tx,
  lines: (typeof feeIncomeLines.$inferInsert)[],
): Promise<void> {
  if (lines.length === 0) return;
  await tx.insert(feeIncomeLines).values(lines).onConflictDoNothing();
}

export async function insertRefundLines(
  tx: Tx,
  lines: (typeof feeRefundLines.$inferInsert)[],
): Promise<void> {
  if (lines.length === 0) return;
  await tx.insert(feeRefundLines).values(lines).onConflictDoNothing();
}

export interface IncomeLine {
  unitCode: string;
  unitName: string | null;
  unitNameEn: string | null;
  payments: number;
  /** What was paid to the unit that day. */
  paidFen: number;
  refunds: number;
  /** What was refunded that day from the unit's income. */
  refundedFen: number;
  /** The day's income net of refunds. */
  amountFen: number;
}

/** The day's fee income by receiving department, net of the day's refunds, for the departments a reach covers. */
export async function incomeOn(ex: Executor, day: string, reach: Reach): Promise<IncomeLine[]> {
  const paid = await ex
    .select({
      unitCode: feeIncomeLines.unitCode,
      unitName: units.name,
      unitNameEn: units.nameEn,
      count: sql<number>`count(*)::int`,
      fen: sql<number>`sum(${feeIncomeLines.amountFen})::bigint`.mapWith(Number),
    })
    .from(feeIncomeLines)
    .innerJoin(units, eq(units.code, feeIncomeLines.unitCode))
    .where(and(eq(feeIncomeLines.bookedOn, day), reachCondition(reach)))
    .groupBy(feeIncomeLines.unitCode, units.name, units.nameEn);
  const refunded = await ex
    .select({
      unitCode: feeRefundLines.unitCode,
      unitName: units.name,
      unitNameEn: units.nameEn,
      count: sql<number>`count(*)::int`,
      fen: sql<number>`sum(${feeRefundLines.amountFen})::bigint`.mapWith(Number),
    })
    .from(feeRefundLines)
    .innerJoin(units, eq(units.code, feeRefundLines.unitCode))
    .where(and(eq(feeRefundLines.bookedOn, day), reachCondition(reach)))
    .groupBy(feeRefundLines.unitCode, units.name, units.nameEn);
  const lines = new Map<string, IncomeLine>();
  const lineOf = (r: { unitCode: string; unitName: string | null; unitNameEn: string | null }) => {
    const line = lines.get(r.unitCode) ?? {
      ...r,
      payments: 0,
      paidFen: 0,
      refunds: 0,
      refundedFen: 0,
      amountFen: 0,
    };
    lines.set(r.unitCode, line);
    return line;
  };
  for (const { count, fen, ...unit } of paid) Object.assign(lineOf(unit), { payments: count, paidFen: fen });
  for (const { count, fen, ...unit } of refunded)
    Object.assign(lineOf(unit), { refunds: count, refundedFen: fen });
  for (const line of lines.values()) line.amountFen = line.paidFen - line.refundedFen;
  return [...lines.values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode));
}
