import { and, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../shared/db/database.ts';
import {
  exchangeAlarms,
  exchangeFlowStatus,
  exchangeMonitorState,
  exchangeQuarantineMirror,
  exchangeQuarantineRequests,
  quarantine,
} from '../db/schema.ts';

// Everything here reads the workbench's own database: the portal's figures arrive through the relay, which
// writes them into the exchange_* tables (see src/exchange/monitor.ts).

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export type FlowStatusRow = typeof exchangeFlowStatus.$inferSelect;
export type AlarmRow = typeof exchangeAlarms.$inferSelect;
export type RequestRow = typeof exchangeQuarantineRequests.$inferSelect;

export interface WindowFigures {
  flow: string;
  type: string;
  delivered: number;
  duplicates: number;
  bytes: number;
  rejected: number;
  badSignatures: number;
  retries: number;
  latencyCount: number;
  latencyMsSum: number;
  latencyMsMax: number;
}

export async function flowStatus(db: Executor): Promise<FlowStatusRow[]> {
  return db.select().from(exchangeFlowStatus).orderBy(exchangeFlowStatus.flow, exchangeFlowStatus.type);
}

/** Sums of the per-minute table since a moment, per flow and type. */
export async function figuresSince(db: Executor, since: Date): Promise<WindowFigures[]> {
  const rows = rowsOf<Record<string, string | number | null>>(
    await db.execute(sql`
      SELECT flow, type, sum(delivered) AS delivered, sum(duplicates) AS duplicates, sum(bytes) AS bytes,
             sum(rejected) AS rejected, sum(bad_signatures) AS bad_signatures, sum(retries) AS retries,
             sum(latency_count) AS latency_count, sum(latency_ms_sum) AS latency_ms_sum,
             max(latency_ms_max) AS latency_ms_max
      FROM exchange_flow_minutes WHERE bucket >= ${since.toISOString()}::timestamptz
      GROUP BY flow, type ORDER BY flow, type`),
  );
  const n = (v: string | number | null | undefined) => Number(v ?? 0);
  return rows.map((r) => ({
    flow: String(r.flow),
    type: String(r.type),
    delivered: n(r.delivered),
    duplicates: n(r.duplicates),
    bytes: n(r.bytes),
    rejected: n(r.rejected),
    badSignatures: n(r.bad_signatures),
    retries: n(r.retries),
    latencyCount: n(r.latency_count),
    latencyMsSum: n(r.latency_ms_sum),
    latencyMsMax: n(r.latency_ms_max),
  }));
}

export async function monitorState(
  db: Executor,
  key: string,
): Promise<{ value: number; at: Date } | undefined> {
  const [row] = await db.select().from(exchangeMonitorState).where(eq(exchangeMonitorState.key, key));
  return row ? { value: row.value, at: row.at } : undefined;
}

export async function openAlarms(db: Executor): Promise<AlarmRow[]> {
  return db
    .select()
    .from(exchangeAlarms)
    .where(isNull(exchangeAlarms.clearedAt))
    .orderBy(desc(exchangeAlarms.raisedAt));
}

export async function recentClearedAlarms(db: Executor, limit: number): Promise<AlarmRow[]> {
  return db
    .select()
    .from(exchangeAlarms)
    .where(isNotNull(exchangeAlarms.clearedAt))
    .orderBy(desc(exchangeAlarms.clearedAt))
    .limit(limit);
}

/** A quarantine entry as listed: the same summary for both zones, never the payload. */
export interface QuarantineSummary {
  zone: 'portal' | 'workbench';
  id: string;
  messageId: string | null;
  direction: 'outbound' | 'inbound';
  reason: string;
  detail: string | null;
  type: string | null;
  stream: string | null;
  streamSeq: number | null;
  at: Date;
  releasedAt: Date | null;
  discardedAt: Date | null;
  decidedBy: string | null;
  decisionReason: string | null;
}

const OWN_SUMMARY = sql`
  SELECT id, message_id, direction, reason, detail, at, released_at, discarded_at, decided_by, decision_reason,
         LEFT(CASE WHEN direction = 'outbound' THEN raw->>'type' ELSE raw->'envelope'->>'type' END, 200) AS type,
         LEFT(CASE WHEN direction = 'outbound' THEN raw->>'stream' ELSE raw->'envelope'->>'stream' END, 200) AS stream,
         LEFT(CASE WHEN direction = 'outbound' THEN raw->>'seq' ELSE raw->'envelope'->>'seq' END, 30) AS seq
  FROM quarantine`;

interface OwnRow {
  id: string;
  message_id: string | null;
  direction: 'outbound' | 'inbound';
  reason: string;
  detail: string | null;
  at: Date | string;
  released_at: Date | string | null;
  discarded_at: Date | string | null;
  decided_by: string | null;
  decision_reason: string | null;
  type: string | null;
  stream: string | null;
  seq: string | null;
}

const date = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

function fromOwn(r: OwnRow): QuarantineSummary {
  const seq = r.seq === null ? Number.NaN : Number(r.seq);
  return {
    zone: 'workbench',
    id: r.id,
    messageId: r.message_id,
    direction: r.direction,
    reason: r.reason,
    detail: r.detail,
    type: r.type,
    stream: r.stream,
    streamSeq: Number.isSafeInteger(seq) ? seq : null,
    at: new Date(r.at),
    releasedAt: date(r.released_at),
    discardedAt: date(r.discarded_at),
    decidedBy: r.decided_by,
    decisionReason: r.decision_reason,
  };
}

function fromMirror(r: typeof exchangeQuarantineMirror.$inferSelect): QuarantineSummary {
  return { zone: 'portal', ...r };
}

/** Open entries of both zones, newest first. */
export async function openQuarantine(db: Executor, limit: number): Promise<QuarantineSummary[]> {
  const own = rowsOf<OwnRow>(
    await db.execute(
      sql`${OWN_SUMMARY} WHERE released_at IS NULL AND discarded_at IS NULL ORDER BY at DESC LIMIT ${limit}`,
    ),
  ).map(fromOwn);
  const mirrored = (
    await db
      .select()
      .from(exchangeQuarantineMirror)
      .where(and(isNull(exchangeQuarantineMirror.releasedAt), isNull(exchangeQuarantineMirror.discardedAt)))
      .orderBy(desc(exchangeQuarantineMirror.at))
      .limit(limit)
  ).map(fromMirror);
  return [...own, ...mirrored].sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}

/** Entries decided lately, of both zones. */
export async function decidedQuarantine(db: Executor, limit: number): Promise<QuarantineSummary[]> {
  const own = rowsOf<OwnRow>(
    await db.execute(sql`${OWN_SUMMARY} WHERE released_at IS NOT NULL OR discarded_at IS NOT NULL
      ORDER BY COALESCE(released_at, discarded_at) DESC LIMIT ${limit}`),
  ).map(fromOwn);
  const mirrored = (
    await db
      .select()
      .from(exchangeQuarantineMirror)
      .where(
        or(isNotNull(exchangeQuarantineMirror.releasedAt), isNotNull(exchangeQuarantineMirror.discardedAt)),
      )
      .orderBy(
        desc(sql`COALESCE(${exchangeQuarantineMirror.releasedAt}, ${exchangeQuarantineMirror.discardedAt})`),
      )
      .limit(limit)
  ).map(fromMirror);
  const decidedAt = (q: QuarantineSummary) => (q.releasedAt ?? q.discardedAt ?? q.at).getTime();
  return [...own, ...mirrored].sort((a, b) => decidedAt(b) - decidedAt(a)).slice(0, limit);
}

export async function countOpenOwnQuarantine(db: Executor): Promise<number> {
  const [row] = rowsOf<{ n: string | number }>(
    await db.execute(
      sql`SELECT count(*) AS n FROM quarantine WHERE released_at IS NULL AND discarded_at IS NULL`,
    ),
  );
  return Number(row?.n ?? 0);
}

export async function findQuarantine(
  db: Executor,
  zone: 'portal' | 'workbench',
  id: string,
): Promise<QuarantineSummary | undefined> {
  if (zone === 'workbench') {
    const [row] = rowsOf<OwnRow>(await db.execute(sql`${OWN_SUMMARY} WHERE id = ${id}`));
    return row ? fromOwn(row) : undefined;
  }
  const [row] = await db.select().from(exchangeQuarantineMirror).where(eq(exchangeQuarantineMirror.id, id));
  return row ? fromMirror(row) : undefined;
}

/** The whole refused message; only the workbench's own entries have it here. */
export async function rawOfOwnQuarantine(db: Executor, id: string): Promise<unknown> {
  const [row] = await db.select({ raw: quarantine.raw }).from(quarantine).where(eq(quarantine.id, id));
  return row?.raw;
}

export async function requestsFor(
  db: Executor,
  zone: 'portal' | 'workbench',
  id: string,
): Promise<RequestRow[]> {
  return db
    .select()
    .from(exchangeQuarantineRequests)
    .where(and(eq(exchangeQuarantineRequests.zone, zone), eq(exchangeQuarantineRequests.quarantineId, id)))
    .orderBy(desc(exchangeQuarantineRequests.requestedAt));
}

/** Decisions still waiting for the relay, keyed by zone and entry, for the list's status column. */
export async function pendingRequests(
  db: Executor,
  entries: readonly { zone: string; id: string }[],
): Promise<Map<string, RequestRow>> {
  if (entries.length === 0) return new Map();
  const rows = await db
    .select()
    .from(exchangeQuarantineRequests)
    .where(
      and(
        isNull(exchangeQuarantineRequests.doneAt),
        inArray(
          exchangeQuarantineRequests.quarantineId,
          entries.map((e) => e.id),
        ),
      ),
    );
  return new Map(rows.map((r) => [`${r.zone}:${r.quarantineId}`, r]));
}

/** The last outcome per entry, for entries whose decision could not be carried out (shown on the list). */
export async function lastRequests(db: Executor, limit: number): Promise<RequestRow[]> {
  return db
    .select()
    .from(exchangeQuarantineRequests)
    .orderBy(desc(exchangeQuarantineRequests.requestedAt))
    .limit(limit);
}
