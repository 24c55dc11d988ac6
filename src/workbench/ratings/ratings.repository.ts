import { and, asc, desc, eq, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { cases, letters, units } from '../db/schema.ts';
import type { Reach } from '../staff/staff.policy.ts';
import {
  ratings,
  rectificationActions,
  rectificationOrders,
  type OrderActionRow,
  type OrderRow,
  type RatingRow,
} from './ratings.tables.ts';

/** The unit that handled a case (its deciding unit, wherever the case sits now) or a letter. */
export async function handlingUnit(
  q: Executor,
  kind: 'case' | 'letter',
  number: string,
): Promise<{ code: string | null; path: string } | undefined> {
  if (kind === 'case') {
    const [row] = await q
      .select({
        code: cases.unitCode,
        path: cases.unitPath,
        home: cases.homeUnitCode,
        homePath: cases.homeUnitPath,
      })
      .from(cases)
      .where(eq(cases.caseNumber, number));
    return row ? { code: row.home ?? row.code, path: row.homePath ?? row.path } : undefined;
  }
  const [row] = await q
    .select({ code: letters.unitCode, path: letters.unitPath })
    .from(letters)
    .where(eq(letters.letterNumber, number));
  return row ? { code: row.code, path: row.path ?? '' } : undefined;
}

export async function unitName(q: Executor, code: string | null): Promise<string | undefined> {
  if (!code) return undefined;
  const [row] = await q.select({ name: units.name }).from(units).where(eq(units.code, code));
  return row?.name;
}

/** Stores the rating once: false for a redelivery. */
export async function insertRating(tx: Tx, values: typeof ratings.$inferInsert): Promise<boolean> {
  const stored = await tx.insert(ratings).values(values).onConflictDoNothing().returning({ id: ratings.id });
  return stored.length === 1;
}

export async function findRating(q: Executor, id: string): Promise<RatingRow | undefined> {
  const [row] = await q.select().from(ratings).where(eq(ratings.id, id));
  return row;
}

export async function insertOrder(
  tx: Tx,
  values: typeof rectificationOrders.$inferInsert,
): Promise<OrderRow> {
  const [row] = await tx.insert(rectificationOrders).values(values).returning();
  if (!row) throw new Error('the order was not stored');
  return row;
}

export async function findOrder(q: Executor, id: string): Promise<OrderRow | undefined> {
  const [row] = await q.select().from(rectificationOrders).where(eq(rectificationOrders.id, id));
  return row;
}

export async function orderOfRating(q: Executor, ratingId: string): Promise<OrderRow | undefined> {
  const [row] = await q.select().from(rectificationOrders).where(eq(rectificationOrders.ratingId, ratingId));
  return row;
}

export async function updateOrder(
  tx: Tx,
  id: string,
  values: Partial<typeof rectificationOrders.$inferInsert>,
): Promise<void> {
  await tx.update(rectificationOrders).set(values).where(eq(rectificationOrders.id, id));
}

export async function recordAction(tx: Tx, values: typeof rectificationActions.$inferInsert): Promise<void> {
  await tx.insert(rectificationActions).values(values);
}

export function actionsOf(q: Executor, orderId: string): Promise<OrderActionRow[]> {
  return q
    .select()
    .from(rectificationActions)
    .where(eq(rectificationActions.orderId, orderId))
    .orderBy(asc(rectificationActions.at), asc(rectificationActions.id));
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function inReach(reach: Reach, column: typeof rectificationOrders.unitPath | typeof ratings.unitPath) {
  if (reach.all) return undefined;
  const parts: SQL[] = [];
  if (reach.exact.length) parts.push(inArray(column, reach.exact));
  for (const path of reach.subtrees)
    parts.push(sql`(${column} = ${path} OR ${column} LIKE ${`${escapeLike(path)}/%`})`);
  return parts.length ? or(...parts) : sql`false`;
}

export type OrderLine = OrderRow & { rating: RatingRow };

/** The orders of the units a reach covers: open ones by due date, or closed ones newest first. */
export async function ordersIn(q: Executor, reach: Reach, open: boolean): Promise<OrderLine[]> {
  const found = await q
    .select({ order: rectificationOrders, rating: ratings })
    .from(rectificationOrders)
    .innerJoin(ratings, eq(ratings.id, rectificationOrders.ratingId))
    .where(
      and(
        inReach(reach, rectificationOrders.unitPath),
        open ? sql`${rectificationOrders.state} <> 'closed'` : eq(rectificationOrders.state, 'closed'),
      ),
    )
    .orderBy(open ? sql`${rectificationOrders.dueOn} ASC NULLS LAST` : desc(rectificationOrders.updatedAt))
    .limit(200);
  return found.map((r) => ({ ...r.order, rating: r.rating }));
}

/** Working orders of the units a reach covers, and how many of them are past their step's due date. */
export async function countWorking(
  q: Executor,
  reach: Reach,
  today: string,
): Promise<{ open: number; overdue: number }> {
  const working = and(
    inReach(reach, rectificationOrders.unitPath),
    inArray(rectificationOrders.state, ['verifying', 'fixing', 'calling-back', 'replying']),
  );
  const [row] = await q
    .select({
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`count(*) FILTER (WHERE ${lte(rectificationOrders.dueOn, sql`${today}::date - 1`)})::int`,
    })
    .from(rectificationOrders)
    .where(working);
  return { open: row?.open ?? 0, overdue: row?.overdue ?? 0 };
}

/** Bad reviews of the units a reach covers, newest first, for discipline inspection. */
export async function badReviewsIn(q: Executor, reach: Reach, limit = 100): Promise<OrderLine[]> {
  return (await ordersIn(q, reach, true)).concat(await ordersIn(q, reach, false)).slice(0, limit);
}
