import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../shared/db/database.ts';
import { queueNotification } from '../shared/notify/notifications.ts';
import { recordAudit } from '../workbench/audit/audit.ts';
import { flowLabel, type Flow } from './flows.ts';
import { exchangeAlarms, type AlarmRule, type AlarmSeverity } from './tables.ts';

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

/**
 * The security duty officer's mobile (demo number; the sandbox adapter delivers nothing outside). A real
 * installation sets EXCHANGE_DUTY_MOBILE for the relay process.
 */
export const DEMO_DUTY_MOBILE = '13800000110';

export function dutyMobile(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.EXCHANGE_DUTY_MOBILE?.trim();
  return configured && /^1\d{10}$/.test(configured) ? configured : DEMO_DUTY_MOBILE;
}

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

const ruleLabels: Record<AlarmRule, { zh: string; en: string }> = {
  stalled: { zh: '流转停滞', en: 'Flow stalled' },
  rejects: { zh: '拒收过多', en: 'Too many refusals' },
  volume: { zh: '流量异常', en: 'Unusual volume' },
  signature: { zh: '签名校验失败', en: 'Signature failure' },
};

export function ruleLabel(rule: string, lang: 'zh' | 'en'): string {
  return Object.hasOwn(ruleLabels, rule) ? ruleLabels[rule as AlarmRule][lang] : rule;
}

export interface AlarmSyncReport {
  raised: number;
  cleared: number;
}

/**
 * Brings the alarm table in line with the conditions of this beat. A new episode is written with its audit
 * entry and the duty officer's SMS in one transaction, so an alarm is never shown without having been sent
 * (or sent twice: the partial unique index admits one open episode per rule and flow). An episode ends when
 * its condition is gone; that is audited too, without waking anyone.
 */
export async function syncAlarms(
  workbench: Db,
  conditions: readonly AlarmCondition[],
  now: Date,
  options: { dutyMobile?: string; log?: Logger } = {},
): Promise<AlarmSyncReport> {
  const report: AlarmSyncReport = { raised: 0, cleared: 0 };
  const open = await workbench.select().from(exchangeAlarms).where(isNull(exchangeAlarms.clearedAt));
  const wanted = new Map(conditions.map((c) => [`${c.rule}|${c.flow}`, c]));
  for (const alarm of open) {
    const condition = wanted.get(`${alarm.rule}|${alarm.flow}`);
    if (condition) {
      await workbench
        .update(exchangeAlarms)
        .set({ lastSeenAt: now, detail: storedDetail(condition), severity: condition.severity })
        .where(eq(exchangeAlarms.id, alarm.id));
      wanted.delete(`${alarm.rule}|${alarm.flow}`);
      continue;
    }
    const cleared = await workbench.transaction(async (tx) => {
      const done = await tx
        .update(exchangeAlarms)
        .set({ clearedAt: now })
        .where(and(eq(exchangeAlarms.id, alarm.id), isNull(exchangeAlarms.clearedAt)))
        .returning({ id: exchangeAlarms.id });
      if (done.length === 0) return false;
      await recordAudit(tx, {
        actor: 'exchange',
        actorUnit: null,
        action: 'exchange.alarm.clear',
        target: `exchange-alarm:${alarm.id}`,
        sourceIp: null,
        detail: { rule: alarm.rule, flow: alarm.flow, raisedAt: alarm.raisedAt.toISOString() },
        at: now,
      });
      return true;
    });
    if (cleared) report.cleared++;
  }
  for (const condition of wanted.values()) {
    const raised = await workbench.transaction(async (tx) => {
      const inserted = await tx.execute(sql`
        INSERT INTO exchange_alarms (rule, flow, severity, detail, raised_at, last_seen_at)
        VALUES (${condition.rule}, ${condition.flow}, ${condition.severity}, ${storedDetail(condition)},
                ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
        ON CONFLICT (rule, flow) WHERE cleared_at IS NULL DO NOTHING
        RETURNING id`);
      const id = (inserted as unknown as { rows: { id: string }[] }).rows[0]?.id;
      // Another monitor raised it a moment ago: it has notified already.
      if (!id) return false;
      await recordAudit(tx, {
        actor: 'exchange',
        actorUnit: null,
        action: 'exchange.alarm.raise',
        target: `exchange-alarm:${id}`,
        sourceIp: null,
        detail: {
          rule: condition.rule,
          flow: condition.flow,
          severity: condition.severity,
          detail: condition.detailZh,
          detailEn: condition.detail,
        },
        at: now,
      });
      await queueNotification(tx, {
        channel: 'sms',
        recipient: options.dutyMobile ?? DEMO_DUTY_MOBILE,
        template: 'exchange.alarm',
        body: `【OpenPSB】边界交换告警（${severityLabel(condition.severity)}）：${flowLabel(condition.flow, 'zh')}，${ruleLabel(condition.rule, 'zh')}。${condition.detailZh}。请登录工作台“交换监控”查看。`,
      });
      return true;
    });
    if (raised) {
      report.raised++;
      options.log?.warn(
        { rule: condition.rule, flow: condition.flow, detail: condition.detail },
        'exchange alarm',
      );
    }
  }
  return report;
}

// Both languages in the one text column, so the page can show the officer's language.
function storedDetail(condition: AlarmCondition): string {
  return JSON.stringify({ zh: condition.detailZh, en: condition.detail });
}

/** An alarm's detail as stored, in the language asked for (plain text from elsewhere is shown as it is). */
export function alarmDetail(stored: string, lang: 'zh' | 'en'): string {
  try {
    const parsed = JSON.parse(stored) as unknown;
    if (parsed && typeof parsed === 'object') {
      const text = (parsed as Record<string, unknown>)[lang];
      if (typeof text === 'string') return text;
    }
  } catch {
    // not ours: fall through
  }
  return stored;
}

export function severityLabel(severity: string, lang: 'zh' | 'en' = 'zh'): string {
  switch (severity) {
    case 'critical':
      return lang === 'en' ? 'critical' : '严重';
    case 'major':
      return lang === 'en' ? 'major' : '重要';
    default:
      return lang === 'en' ? 'warning' : '提示';
  }
}
