import { and, eq, gte, isNull, notInArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db, Executor } from '../shared/db/database.ts';
import {
  DEFAULT_THRESHOLDS,
  evaluateAlarms,
  ruleLabel,
  syncAlarms,
  type AlarmCondition,
  type AlarmSyncReport,
  type AlarmThresholds,
  type FlowFigures,
} from './alarms.ts';
import type { ExchangeZone } from './contracts/index.ts';
import { carryOutDecisions, type DecisionReport } from './decisions.ts';
import { FLOWS, flowOfLog, whitelistedTypes, type Flow } from './flows.ts';
import type { RelayObserver } from './relay.ts';
import {
  exchangeAlarms,
  exchangeFlowMinutes,
  exchangeFlowStatus,
  exchangeMonitorState,
  exchangeQuarantineMirror,
} from './tables.ts';

/**
 * The flow monitor.
 *
 * Where the figures live: the relay is the only component that reads both zones' databases, so on each beat it
 * counts what happened (from both message logs, by a cursor per log, so each row is counted once even across
 * restarts), measures what is waiting (both outboxes and inboxes), copies a payload-free summary of the portal's
 * quarantine, carries out the administrators' decisions, and judges the alarm rules, writing everything into the
 * WORKBENCH database. The workbench's monitor page reads only its own database; the portal learns nothing.
 */

export interface MonitorEnds {
  portal: Db;
  workbench: Db;
}

const minute = (at: Date) => new Date(Math.floor(at.getTime() / 60_000) * 60_000);

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

function dbOf(ends: MonitorEnds, zone: ExchangeZone): Db {
  return zone === 'portal' ? ends.portal : ends.workbench;
}

interface Counts {
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

const zero = (): Counts => ({
  delivered: 0,
  duplicates: 0,
  bytes: 0,
  rejected: 0,
  badSignatures: 0,
  retries: 0,
  latencyCount: 0,
  latencyMsSum: 0,
  latencyMsMax: 0,
});

/** Per-minute counters keyed by bucket, flow and type, added to the table in one statement. */
class Tally {
  readonly cells = new Map<string, { bucket: Date; flow: string; type: string; counts: Counts }>();

  at(bucket: Date, flow: string, type: string): Counts {
    const key = `${bucket.getTime()}|${flow}|${type}`;
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = { bucket, flow, type, counts: zero() }));
    return cell.counts;
  }

  get size(): number {
    return this.cells.size;
  }

  merge(other: Tally): void {
    for (const { bucket, flow, type, counts } of other.cells.values()) {
      const c = this.at(bucket, flow, type);
      for (const k of Object.keys(counts) as (keyof Counts)[]) {
        c[k] = k === 'latencyMsMax' ? Math.max(c[k], counts[k]) : c[k] + counts[k];
      }
    }
  }

  async addTo(ex: Executor): Promise<void> {
    if (this.cells.size === 0) return;
    const rows = [...this.cells.values()].map(({ bucket, flow, type, counts }) => ({
      bucket: bucket.toISOString(),
      flow,
      type,
      delivered: counts.delivered,
      duplicates: counts.duplicates,
      bytes: counts.bytes,
      rejected: counts.rejected,
      bad_signatures: counts.badSignatures,
      retries: counts.retries,
      latency_count: counts.latencyCount,
      latency_ms_sum: counts.latencyMsSum,
      latency_ms_max: counts.latencyMsMax,
    }));
    await ex.execute(sql`
      INSERT INTO exchange_flow_minutes AS t (bucket, flow, type, delivered, duplicates, bytes, rejected,
        bad_signatures, retries, latency_count, latency_ms_sum, latency_ms_max)
      SELECT bucket, flow, type, delivered, duplicates, bytes, rejected, bad_signatures, retries, latency_count,
             latency_ms_sum, latency_ms_max
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(bucket timestamptz, flow text, type text,
        delivered integer, duplicates integer, bytes bigint, rejected integer, bad_signatures integer,
        retries integer, latency_count integer, latency_ms_sum bigint, latency_ms_max integer)
      ON CONFLICT (bucket, flow, type) DO UPDATE SET
        delivered = t.delivered + excluded.delivered,
        duplicates = t.duplicates + excluded.duplicates,
        bytes = t.bytes + excluded.bytes,
        rejected = t.rejected + excluded.rejected,
        bad_signatures = t.bad_signatures + excluded.bad_signatures,
        retries = t.retries + excluded.retries,
        latency_count = t.latency_count + excluded.latency_count,
        latency_ms_sum = t.latency_ms_sum + excluded.latency_ms_sum,
        latency_ms_max = GREATEST(t.latency_ms_max, excluded.latency_ms_max)`);
  }
}

/**
 * What the relay saw that no log records: failed attempts (retries) and crossing times. Kept in memory until the
 * next beat writes it; a crash loses at most one beat of these two figures, never a message.
 */
export class FlowObserver {
  private tally = new Tally();

  forFlow(flow: Flow): RelayObserver {
    return {
      crossed: (items) => {
        const seen = new Date();
        const bucket = minute(seen);
        for (const item of items) {
          if (item.outcome !== 'delivered') continue;
          const c = this.tally.at(bucket, flow, item.type);
          const ms = Math.max(0, seen.getTime() - item.createdAt.getTime());
          c.latencyCount++;
          c.latencyMsSum += ms;
          c.latencyMsMax = Math.max(c.latencyMsMax, Math.min(ms, 2 ** 31 - 1));
        }
      },
      failed: (item, at) => {
        this.tally.at(minute(at), flow, item.type).retries++;
      },
    };
  }

  /** Hands over what was observed since the last call. */
  take(): Tally {
    const taken = this.tally;
    this.tally = new Tally();
    return taken;
  }

  /** Puts figures back when writing them failed, so the next beat tries again. */
  giveBack(tally: Tally): void {
    tally.merge(this.tally);
    this.tally = tally;
  }
}

// Most log rows counted per zone per beat; a backlog is worked off over a few beats rather than in one long one.
const LOG_CHUNK = 50_000;

/** Counts new message-log rows of one zone into the per-minute table, exactly once (cursor in the same commit). */
async function countLog(ends: MonitorEnds, zone: ExchangeZone, now: Date, extra?: Tally): Promise<number> {
  const key = `log:${zone}`;
  const [state] = await ends.workbench
    .select()
    .from(exchangeMonitorState)
    .where(eq(exchangeMonitorState.key, key));
  const cursor = state?.value ?? 0;
  // Rows are chained under one lock and committed in seq order, so everything up to the highest seq seen is
  // visible: nothing can appear later below the cursor.
  const rows = rowsOf<{
    bucket: Date | string;
    direction: 'outbound' | 'inbound';
    type: string;
    outcome: string;
    bad_signature: boolean;
    by_receiver: boolean;
    n: number | string;
    bytes: number | string;
    last: number | string;
  }>(
    await dbOf(ends, zone).execute(sql`
      SELECT date_trunc('minute', at) AS bucket, direction, COALESCE(type, '') AS type, outcome,
             COALESCE(reason = 'bad-signature', false) AS bad_signature,
             COALESCE(reason LIKE 'receiver:%', false) AS by_receiver,
             count(*) AS n, COALESCE(sum(bytes), 0) AS bytes, max(seq) AS last
      FROM message_log WHERE seq > ${cursor} AND seq <= ${cursor + LOG_CHUNK}
      GROUP BY 1, 2, 3, 4, 5, 6`),
  );
  const tally = new Tally();
  if (extra) tally.merge(extra);
  let last = cursor;
  for (const r of rows) {
    last = Math.max(last, Number(r.last));
    const n = Number(r.n);
    const flow = flowOfLog(zone, r.direction);
    const c = tally.at(new Date(r.bucket), flow, r.type);
    // Arrivals are counted where they arrived (the receiver's log is the truth of what was stored);
    // refusals on the side that refused; a receiver's refusal also noted by the sender is not counted twice.
    if (r.direction === 'inbound') {
      if (r.outcome === 'delivered') {
        c.delivered += n;
        c.bytes += Number(r.bytes);
      } else if (r.outcome === 'duplicate') c.duplicates += n;
      else if (r.outcome === 'quarantined') {
        c.rejected += n;
        if (r.bad_signature) c.badSignatures += n;
      }
    } else if (r.outcome === 'quarantined' && !r.by_receiver) c.rejected += n;
  }
  if (last === cursor && tally.size === 0) return 0;
  await ends.workbench.transaction(async (tx) => {
    await tx
      .insert(exchangeMonitorState)
      .values({ key, value: cursor, at: now })
      .onConflictDoNothing({ target: exchangeMonitorState.key });
    const [locked] = await tx
      .select()
      .from(exchangeMonitorState)
      .where(eq(exchangeMonitorState.key, key))
      .for('update');
    // A second monitor counted the same rows meanwhile: adding ours would count them twice.
    if (!locked || locked.value !== cursor) throw new CursorMoved();
    await tally.addTo(tx);
    await tx.update(exchangeMonitorState).set({ value: last, at: now }).where(eq(exchangeMonitorState.key, key));
  });
  return last - cursor;
}

class CursorMoved extends Error {}

/** One flow and type as it stands now: what waits at the sender, what waits to be processed at the receiver. */
export interface FlowTypeStatus {
  flow: Flow;
  type: string;
  pending: number;
  oldestPendingAt: Date | null;
  retrying: number;
  maxAttempts: number;
  lastError: string | null;
  unprocessed: number;
  oldestUnprocessedAt: Date | null;
}

const asDate = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

/** Reads both zones' queues (the relay and `exchange status` only: they hold both connections). */
export async function measureFlows(ends: MonitorEnds): Promise<FlowTypeStatus[]> {
  const out: FlowTypeStatus[] = [];
  for (const { flow, from, to } of FLOWS) {
    const byType = new Map<string, FlowTypeStatus>();
    const row = (type: string) => {
      let s = byType.get(type);
      if (!s) {
        s = {
          flow,
          type,
          pending: 0,
          oldestPendingAt: null,
          retrying: 0,
          maxAttempts: 0,
          lastError: null,
          unprocessed: 0,
          oldestUnprocessedAt: null,
        };
        byType.set(type, s);
      }
      return s;
    };
    for (const type of whitelistedTypes(flow)) row(type);
    const waiting = rowsOf<{
      type: string;
      n: number | string;
      oldest: Date | string | null;
      retrying: number | string;
      max_attempts: number | string | null;
      last_error: string | null;
    }>(
      await dbOf(ends, from).execute(sql`
        SELECT type, count(*) AS n, min(created_at) AS oldest,
               count(*) FILTER (WHERE attempts > 0) AS retrying, max(attempts) AS max_attempts,
               (array_agg(last_error ORDER BY attempts DESC) FILTER (WHERE last_error IS NOT NULL))[1] AS last_error
        FROM outbox WHERE sent_at IS NULL AND quarantined_at IS NULL GROUP BY type`),
    );
    for (const w of waiting) {
      const s = row(w.type);
      s.pending = Number(w.n);
      s.oldestPendingAt = asDate(w.oldest);
      s.retrying = Number(w.retrying);
      s.maxAttempts = Number(w.max_attempts ?? 0);
      s.lastError = w.last_error ? w.last_error.slice(0, 300) : null;
    }
    const unprocessed = rowsOf<{ type: string; n: number | string; oldest: Date | string | null }>(
      await dbOf(ends, to).execute(sql`
        SELECT type, count(*) AS n, min(received_at) AS oldest
        FROM inbox WHERE processed_at IS NULL AND from_zone = ${from} GROUP BY type`),
    );
    for (const u of unprocessed) {
      const s = row(u.type);
      s.unprocessed = Number(u.n);
      s.oldestUnprocessedAt = asDate(u.oldest);
    }
    out.push(...[...byType.values()].sort((a, b) => a.type.localeCompare(b.type)));
  }
  return out;
}

async function writeStatus(workbench: Db, status: readonly FlowTypeStatus[], now: Date): Promise<void> {
  await workbench.transaction(async (tx) => {
    const keep = status.map((s) => `${s.flow}|${s.type}`);
    await tx
      .delete(exchangeFlowStatus)
      .where(
        keep.length > 0
          ? notInArray(sql`${exchangeFlowStatus.flow} || '|' || ${exchangeFlowStatus.type}`, keep)
          : undefined,
      );
    for (const s of status) {
      const values = {
        pending: s.pending,
        oldestPendingAt: s.oldestPendingAt,
        retrying: s.retrying,
        maxAttempts: s.maxAttempts,
        lastError: s.lastError,
        unprocessed: s.unprocessed,
        oldestUnprocessedAt: s.oldestUnprocessedAt,
        updatedAt: now,
      };
      await tx
        .insert(exchangeFlowStatus)
        .values({ flow: s.flow, type: s.type, ...values })
        .onConflictDoUpdate({ target: [exchangeFlowStatus.flow, exchangeFlowStatus.type], set: values });
    }
  });
}

// The newest open portal entries shown individually; older ones are counted (a flood must not flood the page).
const MIRROR_LIMIT = 500;

/** Copies the portal's open quarantine entries to the workbench as a summary: what, why, when; never the payload. */
async function mirrorPortalQuarantine(ends: MonitorEnds, now: Date): Promise<number> {
  const open = rowsOf<{
    id: string;
    message_id: string | null;
    direction: 'outbound' | 'inbound';
    reason: string;
    detail: string | null;
    at: Date | string;
    type: string | null;
    stream: string | null;
    seq: string | null;
  }>(
    await ends.portal.execute(sql`
      SELECT id, message_id, direction, reason, detail, at,
             CASE WHEN direction = 'outbound' THEN raw->>'type' ELSE raw->'envelope'->>'type' END AS type,
             CASE WHEN direction = 'outbound' THEN raw->>'stream' ELSE raw->'envelope'->>'stream' END AS stream,
             CASE WHEN direction = 'outbound' THEN raw->>'seq' ELSE raw->'envelope'->>'seq' END AS seq
      FROM quarantine WHERE released_at IS NULL AND discarded_at IS NULL
      ORDER BY at DESC LIMIT ${MIRROR_LIMIT}`),
  );
  const [total] = rowsOf<{ n: number | string }>(
    await ends.portal.execute(
      sql`SELECT count(*) AS n FROM quarantine WHERE released_at IS NULL AND discarded_at IS NULL`,
    ),
  );
  const text = (v: string | null, max: number) => (v === null ? null : v.slice(0, max));
  await ends.workbench.transaction(async (tx) => {
    const ids = open.map((o) => o.id);
    // Open entries no longer open (or no longer among the newest) leave; decided ones stay as history.
    await tx
      .delete(exchangeQuarantineMirror)
      .where(
        and(
          isNull(exchangeQuarantineMirror.releasedAt),
          isNull(exchangeQuarantineMirror.discardedAt),
          ids.length > 0 ? notInArray(exchangeQuarantineMirror.id, ids) : undefined,
        ),
      );
    if (open.length > 0) {
      await tx
        .insert(exchangeQuarantineMirror)
        .values(
          open.map((o) => {
            const seq = o.seq === null ? Number.NaN : Number(o.seq);
            return {
              id: o.id,
              messageId: o.message_id,
              direction: o.direction,
              reason: o.reason.slice(0, 100),
              detail: text(o.detail, 500),
              type: text(o.type, 200),
              stream: text(o.stream, 200),
              streamSeq: Number.isSafeInteger(seq) ? seq : null,
              at: new Date(o.at),
            };
          }),
        )
        .onConflictDoNothing({ target: exchangeQuarantineMirror.id });
    }
    await tx
      .insert(exchangeMonitorState)
      .values({ key: 'quarantine-open:portal', value: Number(total?.n ?? 0), at: now })
      .onConflictDoUpdate({
        target: exchangeMonitorState.key,
        set: { value: Number(total?.n ?? 0), at: now },
      });
  });
  return open.length;
}

interface Windows {
  rejects: number;
  badSignatures: number;
  volume: number;
  baseline: number;
}

/** The rule windows per flow, from the per-minute table. */
export async function flowWindows(
  workbench: Db,
  now: Date,
  t: AlarmThresholds = DEFAULT_THRESHOLDS,
): Promise<Map<string, Windows>> {
  const since = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const volumeFrom = since(t.volumeWindowMs);
  const rows = rowsOf<{
    flow: string;
    rejects: string | number | null;
    bad: string | number | null;
    volume: string | number | null;
    baseline: string | number | null;
  }>(
    await workbench.execute(sql`
      SELECT flow,
             sum(rejected) FILTER (WHERE bucket >= ${since(t.rejectWindowMs)}::timestamptz) AS rejects,
             sum(bad_signatures) FILTER (WHERE bucket >= ${since(t.signatureWindowMs)}::timestamptz) AS bad,
             sum(delivered + rejected) FILTER (WHERE bucket >= ${volumeFrom}::timestamptz) AS volume,
             sum(delivered + rejected) FILTER (WHERE bucket < ${volumeFrom}::timestamptz) AS baseline
      FROM exchange_flow_minutes
      WHERE bucket >= ${since(t.volumeWindowMs + t.volumeBaselineMs)}::timestamptz
      GROUP BY flow`),
  );
  return new Map(
    rows.map((r) => [
      r.flow,
      {
        rejects: Number(r.rejects ?? 0),
        badSignatures: Number(r.bad ?? 0),
        volume: Number(r.volume ?? 0),
        baseline: Number(r.baseline ?? 0),
      },
    ]),
  );
}

export function figuresOf(status: readonly FlowTypeStatus[], windows: Map<string, Windows>): FlowFigures[] {
  return FLOWS.map(({ flow }) => {
    const mine = status.filter((s) => s.flow === flow);
    const oldest = (pick: (s: FlowTypeStatus) => Date | null) =>
      mine.reduce<Date | null>((min, s) => {
        const d = pick(s);
        return d && (!min || d < min) ? d : min;
      }, null);
    const w = windows.get(flow);
    return {
      flow,
      pending: mine.reduce((n, s) => n + s.pending, 0),
      oldestPendingAt: oldest((s) => s.oldestPendingAt),
      unprocessed: mine.reduce((n, s) => n + s.unprocessed, 0),
      oldestUnprocessedAt: oldest((s) => s.oldestUnprocessedAt),
      rejectsInWindow: w?.rejects ?? 0,
      badSignaturesInWindow: w?.badSignatures ?? 0,
      volumeInWindow: w?.volume ?? 0,
      volumeBaseline: w?.baseline ?? 0,
    };
  });
}

export interface BeatOptions {
  now?: Date;
  observer?: FlowObserver;
  thresholds?: AlarmThresholds;
  dutyMobile?: string;
  log?: Logger;
}

export interface BeatReport {
  counted: number;
  status: FlowTypeStatus[];
  mirrored: number;
  decisions: DecisionReport;
  conditions: AlarmCondition[];
  alarms: AlarmSyncReport;
  /** Steps that failed this beat (logged); the others still ran. */
  errors: string[];
}

// Per-minute figures are kept for a week: enough for the volume baseline and for looking back at an incident.
const KEEP_MINUTES_MS = 8 * 24 * 3_600_000;

/** One monitor beat (see the comment at the top). Run by the relay loop every few seconds. */
export async function monitorBeat(ends: MonitorEnds, options: BeatOptions = {}): Promise<BeatReport> {
  const now = options.now ?? new Date();
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const report: BeatReport = {
    counted: 0,
    status: [],
    mirrored: 0,
    decisions: { done: 0, outcomes: {} },
    conditions: [],
    alarms: { raised: 0, cleared: 0 },
    errors: [],
  };
  // Each step stands alone: a failing one (say, one database briefly away) must not stop the others.
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      report.errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      options.log?.error({ err: error, step: name }, 'exchange monitor step failed');
      return undefined;
    }
  };

  let observed = options.observer?.take();
  await step('count', async () => {
    try {
      for (const zone of ['portal', 'workbench'] as const) {
        for (let i = 0; i < 10; i++) {
          // The observer's figures ride along with the first commit of counts.
          const n = await countLog(ends, zone, now, observed);
          observed = undefined;
          report.counted += n;
          if (n < LOG_CHUNK) break;
        }
      }
    } catch (error) {
      if (observed) options.observer?.giveBack(observed);
      if (!(error instanceof CursorMoved)) throw error;
    }
  });
  const status = await step('measure', async () => {
    const measured = await measureFlows(ends);
    await writeStatus(ends.workbench, measured, now);
    return measured;
  });
  report.status = status ?? [];
  report.mirrored = (await step('mirror', () => mirrorPortalQuarantine(ends, now))) ?? 0;
  report.decisions = (await step('decisions', () => carryOutDecisions(ends, now))) ?? report.decisions;
  if (status) {
    await step('alarms', async () => {
      const windows = await flowWindows(ends.workbench, now, thresholds);
      report.conditions = evaluateAlarms(figuresOf(status, windows), now, thresholds);
      report.alarms = await syncAlarms(ends.workbench, report.conditions, now, {
        ...(options.dutyMobile ? { dutyMobile: options.dutyMobile } : {}),
        ...(options.log ? { log: options.log } : {}),
      });
    });
  }
  await step('housekeeping', async () => {
    await ends.workbench.execute(
      sql`DELETE FROM exchange_flow_minutes WHERE bucket < ${new Date(now.getTime() - KEEP_MINUTES_MS).toISOString()}::timestamptz`,
    );
    await ends.workbench
      .insert(exchangeMonitorState)
      .values({ key: 'beat', value: now.getTime(), at: now })
      .onConflictDoUpdate({ target: exchangeMonitorState.key, set: { value: now.getTime(), at: now } });
  });
  return report;
}

/** A beat older than this means the relay (and with it the monitor) is not running. */
export const BEAT_STALE_MS = 60_000;

const fmtAge = (ms: number) =>
  ms < 120_000 ? `${Math.round(ms / 1000)} s` : ms < 7_200_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 3_600_000)} h`;

/**
 * `openpsb exchange status`: every flow's health, from both databases as they are now plus the monitor's
 * counts. Unhealthy (exit 1): a flow stalled, refusing too much or failing signatures, or no monitor beat.
 * A volume alarm is a warning only: a sudden rush may be legitimate.
 */
export async function exchangeStatus(
  portal: Db,
  workbench: Db,
  now: Date,
  thresholds: AlarmThresholds = DEFAULT_THRESHOLDS,
): Promise<{ ok: boolean; text: string }> {
  const ends = { portal, workbench };
  const status = await measureFlows(ends);
  const windows = await flowWindows(workbench, now, thresholds);
  const conditions = evaluateAlarms(figuresOf(status, windows), now, thresholds);
  const [beat] = await workbench.select().from(exchangeMonitorState).where(eq(exchangeMonitorState.key, 'beat'));
  const open = await workbench.select().from(exchangeAlarms).where(isNull(exchangeAlarms.clearedAt));
  const since = new Date(now.getTime() - 5 * 60_000);
  const recent = await workbench
    .select({
      flow: exchangeFlowMinutes.flow,
      delivered: sql<string>`sum(${exchangeFlowMinutes.delivered})`,
      rejected: sql<string>`sum(${exchangeFlowMinutes.rejected})`,
      bytes: sql<string>`sum(${exchangeFlowMinutes.bytes})`,
      retries: sql<string>`sum(${exchangeFlowMinutes.retries})`,
    })
    .from(exchangeFlowMinutes)
    .where(gte(exchangeFlowMinutes.bucket, since))
    .groupBy(exchangeFlowMinutes.flow);

  const lines: string[] = [];
  const beatAge = beat ? now.getTime() - beat.at.getTime() : Number.POSITIVE_INFINITY;
  const monitorOk = beatAge <= BEAT_STALE_MS;
  lines.push(
    `exchange status at ${now.toISOString()}: ` +
      (beat
        ? `monitor last beat ${fmtAge(beatAge)} ago${monitorOk ? '' : ' (STALE: is `openpsb exchange` running?)'}`
        : 'no monitor beat recorded (is `openpsb exchange` running?)'),
  );
  let ok = monitorOk;
  for (const { flow } of FLOWS) {
    const mine = status.filter((s) => s.flow === flow);
    const problems = conditions.filter((c) => c.flow === flow);
    const serious = problems.filter((c) => c.severity !== 'warning');
    const healthy = monitorOk && serious.length === 0;
    if (!healthy) ok = false;
    const label = !monitorOk ? 'UNKNOWN' : serious.length > 0 ? 'UNHEALTHY' : problems.length > 0 ? 'WARN' : 'OK';
    const r = recent.find((x) => x.flow === flow);
    const pending = mine.reduce((n, s) => n + s.pending, 0);
    const oldest = mine.reduce<Date | null>(
      (m, s) => (s.oldestPendingAt && (!m || s.oldestPendingAt < m) ? s.oldestPendingAt : m),
      null,
    );
    lines.push(
      `${flow.padEnd(20)} ${label.padEnd(9)} waiting ${pending}` +
        (oldest ? ` (oldest ${fmtAge(now.getTime() - oldest.getTime())})` : '') +
        `, retrying ${mine.reduce((n, s) => n + s.retrying, 0)}` +
        `, unprocessed ${mine.reduce((n, s) => n + s.unprocessed, 0)}` +
        `; last 5 min: ${Number(r?.delivered ?? 0)} delivered, ${Number(r?.bytes ?? 0)} bytes, ` +
        `${Number(r?.rejected ?? 0)} refused, ${Number(r?.retries ?? 0)} retries`,
    );
    for (const s of mine) {
      lines.push(
        `  ${s.type.padEnd(30)} waiting ${s.pending}, retrying ${s.retrying}` +
          (s.lastError ? ` (last error: ${s.lastError.slice(0, 120)})` : '') +
          `, unprocessed ${s.unprocessed}`,
      );
    }
    for (const c of problems) lines.push(`  ! ${ruleLabel(c.rule, 'en')} [${c.severity}]: ${c.detail}`);
    for (const a of open.filter((x) => x.flow === flow)) {
      lines.push(`  alarm open since ${a.raisedAt.toISOString()}: ${ruleLabel(a.rule, 'en')} — ${a.detail}`);
    }
  }
  lines.push(ok ? 'all flows healthy' : 'UNHEALTHY: see above');
  return { ok, text: lines.join('\n') };
}
