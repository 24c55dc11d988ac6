import { rows } from '../../shared/db/database.ts';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../shared/db/database.ts';
import { queueNotification } from '../../shared/notify/notifications.ts';
import {
  DEFAULT_THRESHOLDS,
  flowConditions,
  type AlarmCondition,
  type AlarmRule,
  type AlarmThresholds,
  type Flow,
} from '../../exchange/facade.ts';
import { recordAudit } from '../audit/audit.ts';
import { exchangeAlarms } from './exchange-monitor.tables.ts';
import { openQuarantine, type QuarantineSummary } from './exchange-monitor.repository.ts';
import { quarantineReasonText } from './exchange-monitor.reasons.ts';

// The exchange's alarms as the police network lives with them: episodes raised and cleared from the flow-health
// rules the exchange judges on its figures, each audited, a new one sent to the security duty officer by SMS.

/**
 * The security duty officer's mobile (demo number; the sandbox adapter delivers nothing outside). A real
 * installation sets EXCHANGE_DUTY_MOBILE for the workbench's process.
 */
export const DEMO_DUTY_MOBILE = '13800000110';

export function dutyMobile(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.EXCHANGE_DUTY_MOBILE?.trim();
  return configured && /^1\d{10}$/.test(configured) ? configured : DEMO_DUTY_MOBILE;
}

const ruleLabels: Record<AlarmRule, { zh: string; en: string }> = {
  stalled: { zh: '流转停滞', en: 'Flow stalled' },
  rejects: { zh: '拒收过多', en: 'Too many refusals' },
  volume: { zh: '流量异常', en: 'Unusual volume' },
  signature: { zh: '签名校验失败', en: 'Signature failure' },
  quarantine: { zh: '有报文被隔离', en: 'Message quarantined' },
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
      const id = rows<{ id: string }>(inserted)[0]?.id;
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

export function flowLabel(flow: string, lang: 'zh' | 'en'): string {
  if (flow === 'portal-to-workbench') return lang === 'en' ? 'Portal → workbench' : '互联网区 → 公安网区';
  if (flow === 'workbench-to-portal') return lang === 'en' ? 'Workbench → portal' : '公安网区 → 互联网区';
  return flow;
}

/**
 * One step of the workbench's worker: judge the rules on the figures the relay last wrote here, and bring the
 * alarm episodes in line. It needs nothing but the workbench's own database, so it goes on (and keeps a stalled
 * flow alarmed) while the relay is down.
 */
export async function exchangeAlarmStep(
  workbench: Db,
  now: Date,
  options: { dutyMobile?: string; log?: Logger; thresholds?: AlarmThresholds } = {},
): Promise<AlarmSyncReport> {
  const conditions = await flowConditions(workbench, now, options.thresholds ?? DEFAULT_THRESHOLDS);
  return syncAlarms(workbench, [...conditions, ...(await quarantineConditions(workbench))], now, options);
}

// Reasons that mean someone sent what the platform never accepts (a type off the whitelist, a forged or broken
// signature): the duty officer is called at once, not only shown the entry.
const SEVERE_REASONS = new Set(['unknown-type', 'bad-signature', 'wrong-direction']);

/**
 * Any message waiting in either zone's quarantine is an alarm on the flow it was crossing, until it is released
 * or discarded: a quarantined message is a citizen's application or a decision that did not arrive.
 */
export async function quarantineConditions(workbench: Db): Promise<AlarmCondition[]> {
  const open = await openQuarantine(workbench, 1000);
  const byFlow = new Map<Flow, QuarantineSummary[]>();
  for (const q of open) {
    // An inbound entry of the workbench, or an outbound one of the portal, was crossing towards the workbench.
    const flow: Flow =
      (q.zone === 'workbench') === (q.direction === 'inbound')
        ? 'portal-to-workbench'
        : 'workbench-to-portal';
    byFlow.set(flow, [...(byFlow.get(flow) ?? []), q]);
  }
  return [...byFlow.entries()].map(([flow, entries]) => {
    const reasons = [...new Set(entries.map((q) => q.reason))];
    return {
      rule: 'quarantine' as const,
      flow,
      severity: entries.some((q) => SEVERE_REASONS.has(q.reason))
        ? ('critical' as const)
        : ('major' as const),
      detail: `${entries.length} message(s) in quarantine waiting for a decision (${reasons.map((r) => quarantineReasonText(r, 'en')).join(', ')})`,
      detailZh: `隔离区有 ${entries.length} 条报文待处置（${reasons.map((r) => quarantineReasonText(r, 'zh')).join('、')}）`,
    };
  });
}
