import type { Flow } from './flows.ts';

// 'quarantine' is judged by the workbench's monitor, which sees both zones' quarantine (exchange-monitor.alarms.ts).
export type AlarmRule = 'stalled' | 'rejects' | 'volume' | 'signature' | 'quarantine';
export type AlarmSeverity = 'critical' | 'major' | 'warning';

// The flow-health rules, judged from the exchange's own figures. What follows from a condition (an alarm episode,
// its audit entry, the duty officer's SMS) is the workbench's business: src/workbench/exchange-monitor.

/**
 * When the exchange calls for a person. Each rule is judged per flow on every monitor beat (every few seconds).
 * The numbers are deliberately plain so the duty officer can reason about them from the SMS alone.
 */
export interface AlarmThresholds {
  /** A message has waited this long at the sender without crossing: the flow is stalled. */
  stallMs: number;
  /** A received message has waited this long to be processed: the receiving side is stalled. */
  processingStallMs: number;
  /** At least this many refusals (either side) within rejectWindowMs. */
  rejectThreshold: number;
  rejectWindowMs: number;
  /** Traffic in volumeWindowMs above volumeFactor × its average over volumeBaselineMs, and above volumeFloor. */
  volumeWindowMs: number;
  volumeBaselineMs: number;
  volumeFactor: number;
  volumeFloor: number;
  /** Any signature failure raises the alarm; it stays open until this long has passed without one. */
  signatureWindowMs: number;
}

export const DEFAULT_THRESHOLDS: AlarmThresholds = {
  stallMs: 60_000,
  processingStallMs: 5 * 60_000,
  rejectThreshold: 10,
  rejectWindowMs: 5 * 60_000,
  volumeWindowMs: 5 * 60_000,
  volumeBaselineMs: 24 * 3_600_000,
  volumeFactor: 5,
  // 2 messages a second: below this a "spike" is a handful of messages on a quiet night, not news.
  volumeFloor: 600,
  signatureWindowMs: 15 * 60_000,
};

/** What the rules look at for one flow. */
export interface FlowFigures {
  flow: Flow;
  oldestPendingAt: Date | null;
  pending: number;
  oldestUnprocessedAt: Date | null;
  unprocessed: number;
  rejectsInWindow: number;
  badSignaturesInWindow: number;
  volumeInWindow: number;
  /** Messages in the baseline period before the volume window. */
  volumeBaseline: number;
}

export interface AlarmCondition {
  rule: AlarmRule;
  flow: Flow;
  severity: AlarmSeverity;
  /** In English, for the command line and logs. */
  detail: string;
  /** The same in Chinese, for the duty officer's SMS and the monitor page. */
  detailZh: string;
}

const seconds = (ms: number) => Math.round(ms / 1000);

/** The rules themselves: pure, so they can be tested (and printed by `exchange status`) without a database. */
export function evaluateAlarms(
  flows: readonly FlowFigures[],
  now: Date,
  t: AlarmThresholds = DEFAULT_THRESHOLDS,
): AlarmCondition[] {
  const out: AlarmCondition[] = [];
  for (const f of flows) {
    const waited = f.oldestPendingAt ? now.getTime() - f.oldestPendingAt.getTime() : 0;
    const unprocessedFor = f.oldestUnprocessedAt ? now.getTime() - f.oldestUnprocessedAt.getTime() : 0;
    if (f.pending > 0 && waited >= t.stallMs) {
      out.push({
        rule: 'stalled',
        flow: f.flow,
        severity: 'major',
        detail: `${f.pending} waiting to cross, oldest for ${seconds(waited)} s (limit ${seconds(t.stallMs)} s)`,
        detailZh: `${f.pending} 条报文等待发送，最久已 ${seconds(waited)} 秒（上限 ${seconds(t.stallMs)} 秒）`,
      });
    } else if (f.unprocessed > 0 && unprocessedFor >= t.processingStallMs) {
      out.push({
        rule: 'stalled',
        flow: f.flow,
        severity: 'major',
        detail: `${f.unprocessed} received but not processed, oldest for ${seconds(unprocessedFor)} s (limit ${seconds(t.processingStallMs)} s)`,
        detailZh: `${f.unprocessed} 条报文已接收未处理，最久已 ${seconds(unprocessedFor)} 秒（上限 ${seconds(t.processingStallMs)} 秒）`,
      });
    }
    if (f.badSignaturesInWindow > 0) {
      out.push({
        rule: 'signature',
        flow: f.flow,
        severity: 'critical',
        detail: `${f.badSignaturesInWindow} signature failure(s) in the last ${seconds(t.signatureWindowMs) / 60} min`,
        detailZh: `近 ${seconds(t.signatureWindowMs) / 60} 分钟内 ${f.badSignaturesInWindow} 条报文签名无效`,
      });
    }
    if (f.rejectsInWindow >= t.rejectThreshold) {
      out.push({
        rule: 'rejects',
        flow: f.flow,
        severity: 'major',
        detail: `${f.rejectsInWindow} refused in the last ${seconds(t.rejectWindowMs) / 60} min (limit ${t.rejectThreshold})`,
        detailZh: `近 ${seconds(t.rejectWindowMs) / 60} 分钟内拒收 ${f.rejectsInWindow} 条（上限 ${t.rejectThreshold} 条）`,
      });
    }
    const usual = (f.volumeBaseline * t.volumeWindowMs) / t.volumeBaselineMs;
    if (f.volumeInWindow > t.volumeFloor && f.volumeInWindow > t.volumeFactor * usual) {
      out.push({
        rule: 'volume',
        flow: f.flow,
        severity: 'warning',
        detail: `${f.volumeInWindow} messages in the last ${seconds(t.volumeWindowMs) / 60} min, usually ${usual.toFixed(1)}`,
        detailZh: `近 ${seconds(t.volumeWindowMs) / 60} 分钟内 ${f.volumeInWindow} 条报文，平时约 ${usual.toFixed(1)} 条`,
      });
    }
  }
  return out;
}

/** The rules' names as the command line and the logs print them (the monitor page has its own, in zh and en). */
const ruleNames: Record<AlarmRule, string> = {
  stalled: 'Flow stalled',
  rejects: 'Too many refusals',
  volume: 'Unusual volume',
  signature: 'Signature failure',
  quarantine: 'Message quarantined',
};

export function ruleName(rule: AlarmRule): string {
  return ruleNames[rule];
}
