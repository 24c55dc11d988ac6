import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { rows, type Tx } from '../../shared/db/database.ts';
import { appointmentReleases, appointmentVisits } from '../appointments/appointments.tables.ts';
import { reconciliationDifferences } from '../finance/finance.tables.ts';

// The reads and writes of the recount's later phases (holidays.recount.slots.ts): each office's latest release
// of slots, the bookings on a day that closed, and the open reconciliation differences.

export interface LatestRelease {
  key: string;
  unitCode: string;
  itemId: string;
  toDate: string;
  recountOf: string | null;
}

/**
 * The newest release of each office's service whose window reaches `from` or later, after `after` in
 * office/service order. Only the newest counts: it is the window the portal books against now.
 */
export async function latestReleasesReaching(
  tx: Tx,
  from: string,
  after: string,
  limit: number,
): Promise<LatestRelease[]> {
  const result = await tx.execute(sql`
    SELECT key, unit_code AS "unitCode", item_id AS "itemId", to_date AS "toDate", recount_of AS "recountOf"
    FROM (
      SELECT DISTINCT ON (unit_code, item_id) unit_code || '/' || item_id AS key, unit_code, item_id, to_date,
        recount_of
      FROM ${appointmentReleases}
      ORDER BY unit_code, item_id, released_at DESC
    ) latest
    WHERE to_date >= ${from} AND key > ${after}
    ORDER BY key
    LIMIT ${limit}`);
  return rows<LatestRelease>(result);
}

/** Flags the standing bookings of an office's service on days that closed; returns the codes newly flagged. */
export async function flagVisitsOn(
  tx: Tx,
  office: { unitCode: string; itemId: string },
  days: readonly string[],
  at: Date,
): Promise<string[]> {
  if (days.length === 0) return [];
  const flagged = await tx
    .update(appointmentVisits)
    .set({ dayClosedAt: at })
    .where(
      and(
        eq(appointmentVisits.unitCode, office.unitCode),
        eq(appointmentVisits.itemId, office.itemId),
        eq(appointmentVisits.status, 'booked'),
        inArray(appointmentVisits.date, [...days]),
        isNull(appointmentVisits.dayClosedAt),
      ),
    )
    .returning({ code: appointmentVisits.code });
  return flagged.map((v) => v.code).sort();
}

export type RecountDifference = { id: string; dueOn: string | null; dueSince: string | null };

/** Open reconciliation differences due on or after the year's first day, after `after` in id order. */
export function openDifferencesDueFrom(
  tx: Tx,
  firstDay: string,
  after: string,
  limit: number,
): Promise<RecountDifference[]> {
  return tx
    .select({
      id: reconciliationDifferences.id,
      dueOn: reconciliationDifferences.dueOn,
      dueSince: reconciliationDifferences.dueSince,
    })
    .from(reconciliationDifferences)
    .where(
      and(
        eq(reconciliationDifferences.state, 'open'),
        gt(reconciliationDifferences.id, after),
        sql`${reconciliationDifferences.dueOn} >= ${firstDay}::date`,
      ),
    )
    .orderBy(asc(reconciliationDifferences.id))
    .limit(limit)
    .for('update');
}

/** A difference's due date and its start; `at` only when the date moved (keeping a start found is no update). */
export async function setDifferenceDue(
  tx: Tx,
  id: string,
  change: { dueOn: string; dueSince: string; at?: Date },
): Promise<void> {
  await tx
    .update(reconciliationDifferences)
    .set({ dueOn: change.dueOn, dueSince: change.dueSince, ...(change.at ? { updatedAt: change.at } : {}) })
    .where(eq(reconciliationDifferences.id, id));
}
