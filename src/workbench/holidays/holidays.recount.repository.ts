import { and, asc, desc, eq, gt, inArray, lte, ne, not, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { CalendarOverride } from '../../shared/calendar/working-days.ts';
import type { Tx } from '../../shared/db/database.ts';
import { caseActions, cases, type CaseRow } from '../cases/cases.tables.ts';
import { letterActions, letters } from '../letters/letters.tables.ts';
import { urgings } from '../supervision/supervision.tables.ts';
import { holidayScheduleDays, holidaySchedules } from './holidays.tables.ts';

const current = alias(holidaySchedules, 'current_schedule');

/**
 * The days of the year's schedule that was in force before `scheduleId` was approved: the one it superseded
 * (approved before it), or none when it is the year's first.
 */
export async function daysBefore(tx: Tx, scheduleId: string, year: number): Promise<CalendarOverride[]> {
  const [earlier] = await tx
    .select({ id: holidaySchedules.id })
    .from(holidaySchedules)
    .innerJoin(current, eq(current.id, scheduleId))
    .where(
      and(
        eq(holidaySchedules.year, year),
        eq(holidaySchedules.state, 'superseded'),
        ne(holidaySchedules.id, scheduleId),
        lte(holidaySchedules.decidedAt, current.decidedAt),
      ),
    )
    .orderBy(desc(holidaySchedules.decidedAt))
    .limit(1);
  if (!earlier) return [];
  return tx
    .select({ date: holidayScheduleDays.date, work: holidayScheduleDays.work })
    .from(holidayScheduleDays)
    .where(eq(holidayScheduleDays.scheduleId, earlier.id));
}

// The reads and writes of the recount after a holiday schedule is approved (holidays.recount.ts): the open
// items whose due dates reach into the year, one batch at a time in key order, locked while counted again.

/** Open cases with either due date on or after the year's first day, after `after` in case-number order. */
export function openCasesDueFrom(tx: Tx, firstDay: string, after: string, limit: number): Promise<CaseRow[]> {
  return tx
    .select()
    .from(cases)
    .where(
      and(
        not(cases.closed),
        gt(cases.caseNumber, after),
        or(sql`${cases.dueOn} >= ${firstDay}::date`, sql`${cases.stateDueOn} >= ${firstDay}::date`),
      ),
    )
    .orderBy(asc(cases.caseNumber))
    .limit(limit)
    .for('update');
}

/** Writes a case's due dates counted again, with its history row; the public sequence moves when told. */
export async function recountCase(
  tx: Tx,
  row: CaseRow,
  change: {
    dueOn: string | null;
    stateDueOn: string | null;
    dueSince: string | null;
    tellApplicant: boolean;
    reason: string;
    data: Record<string, unknown>;
    at: Date;
  },
): Promise<CaseRow> {
  const [updated] = await tx
    .update(cases)
    .set({
      dueOn: change.dueOn,
      stateDueOn: change.stateDueOn,
      dueSince: change.dueSince,
      actionSeq: sql`${cases.actionSeq} + 1`,
      publicSeq: change.tellApplicant ? sql`${cases.publicSeq} + 1` : cases.publicSeq,
      updatedAt: change.at,
    })
    .where(eq(cases.caseNumber, row.caseNumber))
    .returning();
  if (!updated) throw new Error('the case vanished during the recount');
  await tx.insert(caseActions).values({
    caseNumber: row.caseNumber,
    seq: updated.actionSeq,
    actor: 'system',
    unitCode: null,
    action: 'due-recounted',
    fromState: row.state,
    toState: row.state,
    reason: change.reason,
    data: change.data,
    at: change.at,
  });
  return updated;
}

/**
 * Keeps the start a case's overall limit was found to count from, when its dates stay as they are: the next
 * run reads it instead of working it out again. Neither history nor the applicant hears of it.
 */
export async function keepCaseStart(tx: Tx, caseNumber: string, dueSince: string): Promise<void> {
  await tx.update(cases).set({ dueSince }).where(eq(cases.caseNumber, caseNumber));
}

export type RecountLetter = Pick<
  typeof letters.$inferSelect,
  'letterNumber' | 'state' | 'dueOn' | 'dueSince' | 'unitCode'
>;

/** Letters in an open state due on or after the year's first day, after `after` in letter-number order. */
export function openLettersDueFrom(
  tx: Tx,
  states: readonly string[],
  firstDay: string,
  after: string,
  limit: number,
): Promise<RecountLetter[]> {
  return tx
    .select({
      letterNumber: letters.letterNumber,
      state: letters.state,
      dueOn: letters.dueOn,
      dueSince: letters.dueSince,
      unitCode: letters.unitCode,
    })
    .from(letters)
    .where(
      and(
        inArray(letters.state, [...states]),
        gt(letters.letterNumber, after),
        sql`${letters.dueOn} >= ${firstDay}::date`,
      ),
    )
    .orderBy(asc(letters.letterNumber))
    .limit(limit)
    .for('update');
}

/** Writes a letter's due date counted again, with its history row; returns the writer's next step number. */
export async function recountLetter(
  tx: Tx,
  row: RecountLetter,
  change: { dueOn: string; dueSince: string; text: string; at: Date },
): Promise<number> {
  const [updated] = await tx
    .update(letters)
    .set({
      dueOn: change.dueOn,
      dueSince: change.dueSince,
      seq: sql`${letters.seq} + 1`,
      updatedAt: change.at,
    })
    .where(eq(letters.letterNumber, row.letterNumber))
    .returning({ seq: letters.seq });
  if (!updated) throw new Error('the letter vanished during the recount');
  await tx.insert(letterActions).values({
    letterNumber: row.letterNumber,
    action: 'due-recounted',
    actor: 'system',
    unitCode: row.unitCode,
    text: change.text,
    at: change.at,
  });
  return updated.seq;
}

/** Keeps the start a letter's deadline was found to count from, when its date stays as it is. */
export async function keepLetterStart(tx: Tx, letterNumber: string, dueSince: string): Promise<void> {
  await tx.update(letters).set({ dueSince }).where(eq(letters.letterNumber, letterNumber));
}

export type RecountUrging = Pick<
  typeof urgings.$inferSelect,
  'id' | 'state' | 'replyDueOn' | 'replyDays' | 'sentAt' | 'source' | 'itemRef'
>;

/** Urging notices still awaiting an answer whose reply date is on or after the year's first day. */
export function openUrgingsDueFrom(
  tx: Tx,
  states: readonly string[],
  firstDay: string,
  after: string,
  limit: number,
): Promise<RecountUrging[]> {
  return tx
    .select({
      id: urgings.id,
      state: urgings.state,
      replyDueOn: urgings.replyDueOn,
      replyDays: urgings.replyDays,
      sentAt: urgings.sentAt,
      source: urgings.source,
      itemRef: urgings.itemRef,
    })
    .from(urgings)
    .where(
      and(
        inArray(urgings.state, [...states]),
        gt(urgings.id, after),
        sql`${urgings.replyDueOn} >= ${firstDay}::date`,
      ),
    )
    .orderBy(asc(urgings.id))
    .limit(limit)
    .for('update');
}

/** Writes an urging's reply date counted again, with the working days it counts (kept for the next run). */
export async function setUrgingReplyDue(
  tx: Tx,
  id: string,
  change: { replyDueOn: string; replyDays: number; at: Date },
): Promise<void> {
  await tx
    .update(urgings)
    .set({ replyDueOn: change.replyDueOn, replyDays: change.replyDays, updatedAt: change.at })
    .where(eq(urgings.id, id));
}

/** Keeps the working days an urging's reply date was found to count, when the date stays as it is. */
export async function keepUrgingDays(tx: Tx, id: string, replyDays: number): Promise<void> {
  await tx.update(urgings).set({ replyDays }).where(eq(urgings.id, id));
}
