import {
  BEAT_STALE_MS,
  DEFAULT_THRESHOLDS,
  FLOWS,
  type QuarantineAction,
  type QuarantineZone,
} from '../../exchange/facade.ts';
import { AppError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { DecisionConflict, requestDecision } from './exchange-monitor.decisions.ts';
import * as repo from './exchange-monitor.repository.ts';

export const QUARANTINE_LIST_SIZE = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Health = 'ok' | 'warning' | 'unhealthy' | 'unknown';

export interface FlowView {
  flow: string;
  health: Health;
  pending: number;
  oldestPendingAt: Date | null;
  retrying: number;
  unprocessed: number;
  oldestUnprocessedAt: Date | null;
  lastHour: repo.WindowFigures;
  lastDay: repo.WindowFigures;
  types: {
    status: repo.FlowStatusRow | undefined;
    lastHour: repo.WindowFigures;
    lastDay: repo.WindowFigures;
  }[];
}

export interface MonitorView {
  now: Date;
  beatAt: Date | null;
  beatStale: boolean;
  flows: FlowView[];
  openAlarms: repo.AlarmRow[];
  clearedAlarms: repo.AlarmRow[];
  open: repo.QuarantineSummary[];
  decided: repo.QuarantineSummary[];
  pending: Map<string, repo.RequestRow>;
  openCounts: { workbench: number; portal: number };
  thresholds: typeof DEFAULT_THRESHOLDS;
}

const empty = (flow: string, type: string): repo.WindowFigures => ({
  flow,
  type,
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

function sum(flow: string, rows: readonly repo.WindowFigures[]): repo.WindowFigures {
  const total = empty(flow, '*');
  for (const r of rows) {
    total.delivered += r.delivered;
    total.duplicates += r.duplicates;
    total.bytes += r.bytes;
    total.rejected += r.rejected;
    total.badSignatures += r.badSignatures;
    total.retries += r.retries;
    total.latencyCount += r.latencyCount;
    total.latencyMsSum += r.latencyMsSum;
    total.latencyMsMax = Math.max(total.latencyMsMax, r.latencyMsMax);
  }
  return total;
}

/** Everything the monitor page shows, read from the workbench's own database. */
export async function monitorView(services: ZoneServices): Promise<MonitorView> {
  const db = services.db;
  const now = services.now();
  const [status, hour, day, beat, openAlarms, clearedAlarms, open, decided, ownOpen, portalOpen] =
    await Promise.all([
      repo.flowStatus(db),
      repo.figuresSince(db, new Date(now.getTime() - 3_600_000)),
      repo.figuresSince(db, new Date(now.getTime() - 86_400_000)),
      repo.monitorState(db, 'beat'),
      repo.openAlarms(db),
      repo.recentClearedAlarms(db, 20),
      repo.openQuarantine(db, QUARANTINE_LIST_SIZE),
      repo.decidedQuarantine(db, 20),
      repo.countOpenOwnQuarantine(db),
      repo.monitorState(db, 'quarantine-open:portal'),
    ]);
  const beatStale = !beat || now.getTime() - beat.at.getTime() > BEAT_STALE_MS;
  const flows = FLOWS.map(({ flow }): FlowView => {
    const mine = status.filter((s) => s.flow === flow);
    const types = [
      ...new Set([...mine.map((s) => s.type), ...day.filter((d) => d.flow === flow).map((d) => d.type)]),
    ]
      .sort()
      .map((type) => ({
        status: mine.find((s) => s.type === type),
        lastHour: hour.find((h) => h.flow === flow && h.type === type) ?? empty(flow, type),
        lastDay: day.find((d) => d.flow === flow && d.type === type) ?? empty(flow, type),
      }));
    const alarms = openAlarms.filter((a) => a.flow === flow);
    const health: Health = beatStale
      ? 'unknown'
      : alarms.some((a) => a.severity !== 'warning')
        ? 'unhealthy'
        : alarms.length > 0
          ? 'warning'
          : 'ok';
    const oldest = (pick: (s: repo.FlowStatusRow) => Date | null) =>
      mine.reduce<Date | null>((m, s) => {
        const d = pick(s);
        return d && (!m || d < m) ? d : m;
      }, null);
    return {
      flow,
      health,
      pending: mine.reduce((n, s) => n + s.pending, 0),
      oldestPendingAt: oldest((s) => s.oldestPendingAt),
      retrying: mine.reduce((n, s) => n + s.retrying, 0),
      unprocessed: mine.reduce((n, s) => n + s.unprocessed, 0),
      oldestUnprocessedAt: oldest((s) => s.oldestUnprocessedAt),
      lastHour: sum(
        flow,
        hour.filter((h) => h.flow === flow),
      ),
      lastDay: sum(
        flow,
        day.filter((d) => d.flow === flow),
      ),
      types,
    };
  });
  return {
    now,
    beatAt: beat?.at ?? null,
    beatStale,
    flows,
    openAlarms,
    clearedAlarms,
    open,
    decided,
    pending: await repo.pendingRequests(db, open),
    openCounts: { workbench: ownOpen, portal: portalOpen?.value ?? 0 },
    thresholds: DEFAULT_THRESHOLDS,
  };
}

export function parseZone(value: string): QuarantineZone | undefined {
  return value === 'portal' || value === 'workbench' ? value : undefined;
}

export interface EntryView {
  entry: repo.QuarantineSummary;
  requests: repo.RequestRow[];
  waiting: repo.RequestRow | undefined;
  /**
   * The refused message itself, with the text inside its payload partly masked: only for the workbench's own
   * entries (the portal's stay in the portal). Envelope fields stay whole; the reason says what was wrong.
   */
  raw: unknown;
}

/** One entry for its page; reading a workbench entry shows the message itself, so the read is audited. */
export async function entryView(
  services: ZoneServices,
  actor: AuditActor,
  zoneParam: string,
  id: string,
): Promise<EntryView> {
  const zone = parseZone(zoneParam);
  const entry = zone && UUID.test(id) ? await repo.findQuarantine(services.db, zone, id) : undefined;
  if (!zone || !entry) throw new AppError('NOT_FOUND');
  const requests = await repo.requestsFor(services.db, zone, id);
  let raw: unknown;
  if (zone === 'workbench') {
    raw = maskPayloads(await repo.rawOfOwnQuarantine(services.db, id));
    await services.db.transaction((tx) =>
      recordAudit(tx, {
        ...actor,
        action: 'exchange.quarantine.view',
        target: `quarantine:${zone}:${id}`,
        detail: { reason: entry.reason, type: entry.type },
        at: services.now(),
      }),
    );
  }
  return { entry, requests, waiting: requests.find((r) => r.doneAt === null), raw };
}

/** Like the portal's display of ID numbers: enough to recognise a value, not enough to use it. */
export function maskText(value: string): string {
  const chars = [...value];
  if (chars.length <= 2) return '*'.repeat(chars.length);
  if (chars.length <= 6) return chars[0] + '*'.repeat(chars.length - 1);
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
}

/** Masks every string under any `payload` key, at any depth; everything else is kept as it is. */
export function maskPayloads(value: unknown, inPayload = false): unknown {
  if (typeof value === 'string') return inPayload ? maskText(value) : value;
  if (Array.isArray(value)) return value.map((v) => maskPayloads(v, inPayload));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        maskPayloads(v, inPayload || k === 'payload'),
      ]),
    );
  }
  return value;
}

const REASON_MIN = 4;
const REASON_MAX = 500;

/**
 * Records an administrator's decision (release or discard, with a reason) for the relay to carry out, with its
 * audit entry in the same transaction.
 */
export async function decide(
  services: ZoneServices,
  actor: AuditActor,
  zoneParam: string,
  id: string,
  body: { action?: string | undefined; reason?: string | undefined },
): Promise<QuarantineAction> {
  const zone = parseZone(zoneParam);
  const entry = zone && UUID.test(id) ? await repo.findQuarantine(services.db, zone, id) : undefined;
  if (!zone || !entry) throw new AppError('NOT_FOUND');
  const action = body.action === 'release' || body.action === 'discard' ? body.action : undefined;
  const reason = (body.reason ?? '').trim();
  const fields = [];
  if (!action) fields.push({ field: 'action', message: 'exchange.action.required' });
  if ([...reason].length < REASON_MIN || [...reason].length > REASON_MAX)
    fields.push({ field: 'reason', message: 'exchange.reason.length' });
  if (fields.length > 0 || !action) throw new AppError('VALIDATION', { fields });
  if (entry.releasedAt || entry.discardedAt) throw new AppError('CONFLICT', { detail: 'already decided' });
  const at = services.now();
  try {
    await services.db.transaction(async (tx) => {
      const requestId = await requestDecision(tx, {
        zone,
        quarantineId: id,
        action,
        reason,
        requestedBy: actor.actor,
        at,
      });
      await recordAudit(tx, {
        ...actor,
        action: action === 'release' ? 'exchange.quarantine.release' : 'exchange.quarantine.discard',
        target: `quarantine:${zone}:${id}`,
        detail: { reason, request: requestId, quarantineReason: entry.reason, type: entry.type },
        at,
      });
    });
  } catch (error) {
    if (error instanceof DecisionConflict) throw new AppError('CONFLICT', { detail: error.message });
    throw error;
  }
  return action;
}
