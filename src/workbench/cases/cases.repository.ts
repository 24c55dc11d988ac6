import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { rows, type Executor } from '../../shared/db/database.ts';
import { catalogItemVersions } from '../catalog-authoring/catalog-authoring.tables.ts';
import { units, type UnitKind } from '../db/schema.ts';
import type { Reach } from '../staff/staff.policy.ts';
import { caseActions, caseQueueCounts, cases, type CaseActionRow, type CaseRow } from './cases.tables.ts';

export async function findCase(
  ex: Executor,
  caseNumber: string,
  options: { lock?: boolean } = {},
): Promise<CaseRow | undefined> {
  const query = ex.select().from(cases).where(eq(cases.caseNumber, caseNumber));
  const [found] = options.lock ? await query.for('update') : await query;
  return found;
}

export async function findCaseByApplication(
  ex: Executor,
  applicationId: string,
): Promise<CaseRow | undefined> {
  const [found] = await ex.select().from(cases).where(eq(cases.applicationId, applicationId));
  return found;
}

// An item version is never changed once written (authoring only ever adds the next one), so what a database
// answered is kept: the case page reads its item twice (materials, legal basis), every case page of the day.
const itemVersions = new WeakMap<Executor, LRUCache<string, { content: unknown }>>();

/** The item as published in the version the applicant applied to. */
export async function itemContent(ex: Executor, itemId: string, version: number): Promise<unknown> {
  let kept = itemVersions.get(ex);
  if (!kept) {
    kept = new LRUCache({ max: 200 });
    itemVersions.set(ex, kept);
  }
  const key = `${itemId}@${version}`;
  const hit = kept.get(key);
  if (hit) return hit.content;
  const [found] = await ex
    .select({ content: catalogItemVersions.content })
    .from(catalogItemVersions)
    .where(and(eq(catalogItemVersions.itemId, itemId), eq(catalogItemVersions.version, version)));
  if (found) kept.set(key, { content: found.content });
  return found?.content;
}

export async function unitByCode(
  ex: Executor,
  code: string,
): Promise<{ code: string; path: string; name: string; nameEn: string | null } | undefined> {
  const [found] = await ex
    .select({ code: units.code, path: units.path, name: units.name, nameEn: units.nameEn })
    .from(units)
    .where(eq(units.code, code));
  return found;
}

/** The nearest unit of one of the given kinds on a unit's path (itself included), for approval at a level. */
export async function unitOfKindOnPath(
  ex: Executor,
  codes: readonly string[],
  kinds: readonly string[],
): Promise<{ code: string; path: string } | undefined> {
  const [found] = await ex
    .select({ code: units.code, path: units.path })
    .from(units)
    .where(and(inArray(units.code, [...codes]), inArray(units.kind, [...kinds] as UnitKind[])))
    .orderBy(sql`length(${units.path}) DESC`)
    .limit(1);
  return found;
}

/**
 * The codes of the units a reach covers; the queue then asks for those units' cases through its index. A reach
 * of single units only, each named by one of `known` (the officer's own assignments, loaded with their units'
 * codes), needs no query: most officers hold their own unit alone, and every page of theirs would ask again.
 */
export async function unitCodesIn(
  ex: Executor,
  reach: Reach,
  known: readonly { unitCode: string; unitPath: string }[] = [],
): Promise<string[] | 'all'> {
  if (reach.all) return 'all';
  if (reach.subtrees.length === 0) {
    const codes = reach.exact.map((path) => known.find((a) => a.unitPath === path)?.unitCode);
    if (codes.every((c) => c !== undefined)) return [...new Set(codes)];
  }
  const parts: SQL[] = [];
  if (reach.exact.length) parts.push(inArray(units.path, reach.exact));
  for (const path of reach.subtrees)
    parts.push(sql`(${units.path} = ${path} OR ${units.path} LIKE ${`${path}/%`})`);
  if (parts.length === 0) return [];
  const found = await ex
    .select({ code: units.code })
    .from(units)
    .where(sql.join(parts, sql` OR `));
  return found.map((u) => u.code);
}

export interface QueueFilter {
  units: string[] | 'all';
  state?: string | undefined;
  itemId?: string | undefined;
  claimedBy?: string | null | undefined;
  overdueBefore?: string | undefined;
  /** One applicant's cases, open and closed, by the keyed hash of his ID number. */
  idNumberHash?: string | undefined;
  includeClosed?: boolean;
}

function queueWhere(filter: QueueFilter, withState: boolean): SQL {
  const parts: SQL[] = [];
  if (filter.units !== 'all') parts.push(inArray(cases.unitCode, filter.units.length ? filter.units : ['']));
  if (filter.idNumberHash) parts.push(eq(cases.idNumberHash, filter.idNumberHash));
  else if (!filter.includeClosed) parts.push(eq(cases.closed, false));
  if (withState && filter.state) parts.push(eq(cases.state, filter.state));
  if (filter.itemId) parts.push(eq(cases.itemId, filter.itemId));
  if (filter.claimedBy === null) parts.push(sql`${cases.claimedBy} IS NULL`);
  else if (filter.claimedBy) parts.push(eq(cases.claimedBy, filter.claimedBy));
  if (filter.overdueBefore) parts.push(sql`${cases.stateDueOn} < ${filter.overdueBefore}::date`);
  return parts.length ? (and(...parts) as SQL) : sql`true`;
}

export type QueueRow = Pick<
  CaseRow,
  | 'caseNumber'
  | 'itemId'
  | 'itemName'
  | 'itemNameEn'
  | 'unitCode'
  | 'applicantMasked'
  | 'companyName'
  | 'workflowId'
  | 'workflowVersion'
  | 'state'
  | 'stateDueOn'
  | 'stateSince'
  | 'dueOn'
  | 'claimedBy'
  | 'submittedAt'
> & {
  /** The case waits for its fee (case-fees): shown in the queue beside the state. */
  feeDue?: boolean;
};

/** Where a page of the queue ends: the last case's state due date (none: no deadline runs) and number. */
export interface QueueCursor {
  due: string | null;
  caseNumber: string;
}

const queueColumns = {
  caseNumber: cases.caseNumber,
  itemId: cases.itemId,
  itemName: cases.itemName,
  itemNameEn: cases.itemNameEn,
  unitCode: cases.unitCode,
  applicantMasked: cases.applicantMasked,
  companyName: cases.companyName,
  workflowId: cases.workflowId,
  workflowVersion: cases.workflowVersion,
  state: cases.state,
  stateDueOn: cases.stateDueOn,
  stateSince: cases.stateSince,
  dueOn: cases.dueOn,
  claimedBy: cases.claimedBy,
  submittedAt: cases.submittedAt,
  feeDue: sql<boolean>`EXISTS (SELECT 1 FROM case_fees f WHERE f.case_number = ${cases.caseNumber} AND f.status = 'due')`,
};

/**
 * One page of the queue, earliest due first, then by case number; a case with no running deadline comes last.
 * Paged by keyset, never by OFFSET: the next page starts after the last case shown, found through the queue
 * indexes by the row comparison (state_due_on, case_number) > cursor, so page 500 costs what page 1 does.
 * Cases with a due date and cases without are read as two ranges, so each keeps its index condition.
 */
export async function listQueue(
  ex: Executor,
  filter: QueueFilter,
  page: { after?: QueueCursor | undefined; limit: number },
): Promise<QueueRow[]> {
  const { after, limit } = page;
  const range = (part: SQL) =>
    ex
      .select(queueColumns)
      .from(cases)
      .where(and(queueWhere(filter, true), part))
      .orderBy(asc(cases.stateDueOn), asc(cases.caseNumber))
      .limit(limit);
  const undated = (from: string | undefined) =>
    range(
      from === undefined
        ? sql`${cases.stateDueOn} IS NULL`
        : sql`${cases.stateDueOn} IS NULL AND ${cases.caseNumber} > ${from}`,
    );
  if (after && after.due === null) return undated(after.caseNumber);
  const dated = await range(
    after
      ? sql`(${cases.stateDueOn}, ${cases.caseNumber}) > (${after.due}::date, ${after.caseNumber})`
      : sql`${cases.stateDueOn} IS NOT NULL`,
  );
  if (dated.length >= limit) return dated;
  return [...dated, ...(await undated(undefined)).slice(0, limit - dated.length)];
}

/**
 * How many cases the queue holds in each state, under every filter but the state itself. The open cases of a
 * set of units, all or held by one officer or by none, are read from the kept counts (case_queue_counts);
 * the narrower filters (a service, overdue, one applicant, closed cases too) count the cases themselves.
 */
export async function countByState(ex: Executor, filter: QueueFilter): Promise<Record<string, number>> {
  if (!filter.itemId && !filter.overdueBefore && !filter.idNumberHash && !filter.includeClosed) {
    const parts: SQL[] = [];
    if (filter.units !== 'all')
      parts.push(inArray(caseQueueCounts.unitCode, filter.units.length ? filter.units : ['']));
    // '' is the kept counts' "held by nobody"; an empty holder in the filter means any, as in queueWhere.
    if (filter.claimedBy === null) parts.push(eq(caseQueueCounts.claimedBy, ''));
    else if (filter.claimedBy) parts.push(eq(caseQueueCounts.claimedBy, filter.claimedBy));
    const kept = await ex
      .select({ state: caseQueueCounts.state, n: sql<number>`sum(${caseQueueCounts.n})::int` })
      .from(caseQueueCounts)
      .where(parts.length ? and(...parts) : undefined)
      .groupBy(caseQueueCounts.state)
      .having(sql`sum(${caseQueueCounts.n}) > 0`);
    return Object.fromEntries(kept.map((r) => [r.state, Number(r.n)]));
  }
  const found = await ex
    .select({ state: cases.state, n: sql<number>`count(*)::int` })
    .from(cases)
    .where(queueWhere(filter, false))
    .groupBy(cases.state);
  return Object.fromEntries(found.map((r) => [r.state, Number(r.n)]));
}

export async function historyOf(ex: Executor, caseNumber: string): Promise<CaseActionRow[]> {
  return ex
    .select()
    .from(caseActions)
    .where(eq(caseActions.caseNumber, caseNumber))
    .orderBy(asc(caseActions.seq));
}

/** Claims the case unless another officer holds it; true when this officer holds it afterwards. */
export async function claimCase(
  ex: Executor,
  caseNumber: string,
  badgeNo: string,
  at: Date,
): Promise<boolean> {
  const result = await ex.execute(sql`
    UPDATE cases SET claimed_by = ${badgeNo}, claimed_at = ${at.toISOString()}::timestamptz
    WHERE case_number = ${caseNumber} AND closed = false AND (claimed_by IS NULL OR claimed_by = ${badgeNo})
    RETURNING 1 AS claimed`);
  return rows<{ claimed: number }>(result).length === 1;
}

export async function assignCase(
  ex: Executor,
  caseNumber: string,
  badgeNo: string | null,
  at: Date,
): Promise<void> {
  await ex
    .update(cases)
    .set({ claimedBy: badgeNo, claimedAt: badgeNo ? at : null })
    .where(eq(cases.caseNumber, caseNumber));
}

/** Cases still waiting for acceptance after their due date, oldest first. */
export async function overdueForAcceptance(ex: Executor, today: string, limit: number): Promise<string[]> {
  const found = await ex
    .select({ caseNumber: cases.caseNumber })
    .from(cases)
    .where(and(eq(cases.state, 'submitted'), sql`${cases.stateDueOn} < ${today}::date`))
    .orderBy(asc(cases.stateDueOn), asc(cases.caseNumber))
    .limit(limit);
  return found.map((c) => c.caseNumber);
}

/** An officer's account by badge number, for reassignment: where he sits and which roles he holds where. */
export async function staffExists(ex: Executor, badgeNo: string): Promise<string | undefined> {
  const result = await ex.execute(
    sql`SELECT id FROM staff WHERE badge_no = ${badgeNo} AND disabled_at IS NULL`,
  );
  return rows<{ id: string }>(result)[0]?.id;
}

/** Open cases in the given units, and how many of them are past their state's due date. */
export async function countOpen(
  ex: Executor,
  units: string[] | 'all',
  today: string,
): Promise<{ open: number; overdue: number }> {
  const [found] = await ex
    .select({
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`count(*) FILTER (WHERE ${cases.stateDueOn} < ${today}::date)::int`,
    })
    .from(cases)
    .where(queueWhere({ units }, false));
  return { open: Number(found?.open ?? 0), overdue: Number(found?.overdue ?? 0) };
}

// Moved beside this file; importers of this module still find them here.
export {
  type AttachmentInfo,
  attachmentFile,
  attachmentsOf,
  linkAttachments,
  storeAttachment,
} from './cases.attachments.repository.ts';
