import { eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../shared/db/database.ts';
import { DEFAULT_THRESHOLDS, type AlarmThresholds } from './alarms.ts';
import type { ExchangeZone } from './contracts/index.ts';
import { flowOfLog, type Flow } from './flows.ts';
import type { RelayObserver } from './relay.ts';
import { exchangeMonitorState } from './tables.ts';

// The monitor's counting: per minute, per flow and type (see monitor.ts for where the figures live and why).

export interface MonitorEnds {
  portal: Db;
  workbench: Db;
}

const minute = (at: Date) => new Date(Math.floor(at.getTime() / 60_000) * 60_000);

export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export function dbOf(ends: MonitorEnds, zone: ExchangeZone): Db {
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
export class Tally {
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
export const LOG_CHUNK = 50_000;

/** Counts new message-log rows of one zone into the per-minute table, exactly once (cursor in the same commit). */
export async function countLog(
  ends: MonitorEnds,
  zone: ExchangeZone,
  now: Date,
  extra?: Tally,
): Promise<number> {
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
    await tx
      .update(exchangeMonitorState)
      .set({ value: last, at: now })
      .where(eq(exchangeMonitorState.key, key));
  });
  return last - cursor;
}

export class CursorMoved extends Error {}

export interface Windows {
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
