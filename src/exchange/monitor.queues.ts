import { and, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../shared/db/database.ts';
import { FLOWS, whitelistedTypes, type Flow } from './flows.ts';
import { dbOf, rowsOf, type MonitorEnds } from './monitor.counts.ts';
import { exchangeFlowStatus, exchangeMonitorState, exchangeQuarantineMirror } from './tables.ts';

// What waits, and what was refused on the portal's side: measured from both databases by the relay.

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

export async function writeStatus(
  workbench: Db,
  status: readonly FlowTypeStatus[],
  now: Date,
): Promise<void> {
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
export async function mirrorPortalQuarantine(ends: MonitorEnds, now: Date): Promise<number> {
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
