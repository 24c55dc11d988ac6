import { eq, gte, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../shared/db/database.ts';
import {
  DEFAULT_THRESHOLDS,
  evaluateAlarms,
  ruleName,
  type AlarmCondition,
  type AlarmThresholds,
  type FlowFigures,
} from './alarms.ts';
import { carryOutDecisions, type DecisionReport } from './decisions.ts';
import { FLOWS } from './flows.ts';
import {
  CursorMoved,
  countLog,
  FlowObserver,
  flowWindows,
  LOG_CHUNK,
  type MonitorEnds,
  type Windows,
} from './monitor.counts.ts';
import { measureFlows, mirrorPortalQuarantine, writeStatus, type FlowTypeStatus } from './monitor.queues.ts';
import { exchangeFlowMinutes, exchangeFlowStatus, exchangeMonitorState } from './tables.ts';

export { FlowObserver, flowWindows, measureFlows, type FlowTypeStatus, type MonitorEnds };

/**
 * The flow monitor.
 *
 * Where the figures live: the relay is the only component that reads both zones' databases, so on each beat it
 * counts what happened (from both message logs, by a cursor per log, so each row is counted once even across
 * restarts), measures what is waiting (both outboxes and inboxes), copies a payload-free summary of the portal's
 * quarantine and carries out the administrators' decisions, writing everything into the WORKBENCH database. The
 * workbench's monitor page reads only its own database, and the workbench judges the alarm rules on these
 * figures itself (flowConditions), raising and clearing its alarm episodes; the portal learns nothing.
 */

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
  log?: Logger;
}

export interface BeatReport {
  counted: number;
  status: FlowTypeStatus[];
  mirrored: number;
  decisions: DecisionReport;
  /** The flow-health conditions on this beat's figures (the workbench raises its alarms from the same rules). */
  conditions: AlarmCondition[];
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
    await step('conditions', async () => {
      const windows = await flowWindows(ends.workbench, now, thresholds);
      report.conditions = evaluateAlarms(figuresOf(status, windows), now, thresholds);
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

/**
 * The flow-health conditions from the figures the relay last wrote into the workbench's database: what the
 * workbench's exchange monitor raises its alarms from, without reaching the portal's database.
 */
export async function flowConditions(
  workbench: Db,
  now: Date,
  thresholds: AlarmThresholds = DEFAULT_THRESHOLDS,
): Promise<AlarmCondition[]> {
  const status = await workbench.select().from(exchangeFlowStatus);
  const windows = await flowWindows(workbench, now, thresholds);
  return evaluateAlarms(figuresOf(status as FlowTypeStatus[], windows), now, thresholds);
}

/** A beat older than this means the relay (and with it the monitor) is not running. */
export const BEAT_STALE_MS = 60_000;

const fmtAge = (ms: number) =>
  ms < 120_000
    ? `${Math.round(ms / 1000)} s`
    : ms < 7_200_000
      ? `${Math.round(ms / 60_000)} min`
      : `${Math.round(ms / 3_600_000)} h`;

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
  const [beat] = await workbench
    .select()
    .from(exchangeMonitorState)
    .where(eq(exchangeMonitorState.key, 'beat'));
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
    const label = !monitorOk
      ? 'UNKNOWN'
      : serious.length > 0
        ? 'UNHEALTHY'
        : problems.length > 0
          ? 'WARN'
          : 'OK';
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
    for (const c of problems) lines.push(`  ! ${ruleName(c.rule)} [${c.severity}]: ${c.detail}`);
  }
  lines.push(ok ? 'all flows healthy' : 'UNHEALTHY: see above');
  return { ok, text: lines.join('\n') };
}
