import type { Child } from 'hono/jsx';
import { alarmDetail, flowLabel, ruleLabel, severityLabel } from './exchange-monitor.alarms.ts';
import { quarantineReasonText } from './exchange-monitor.reasons.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { InsetText, Table, Tag, type TagTone } from '../../shared/ui/components.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { QuarantineSummary, RequestRow, WindowFigures } from './exchange-monitor.repository.ts';
import type { Health, MonitorView } from './exchange-monitor.service.ts';

export function Flash({ text }: { text?: string | undefined }) {
  return text ? (
    <div class="notification-banner" role="status">
      {text}
    </div>
  ) : null;
}

function ago(ctx: PageContext, now: Date, at: Date | null): string {
  if (!at) return '—';
  const s = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  if (s < 120) return inLang(ctx, `${s} 秒`, `${s} s`);
  if (s < 7200) return inLang(ctx, `${Math.round(s / 60)} 分钟`, `${Math.round(s / 60)} min`);
  return inLang(ctx, `${Math.round(s / 3600)} 小时`, `${Math.round(s / 3600)} h`);
}

function healthTag(ctx: PageContext, health: Health) {
  switch (health) {
    case 'ok':
      return <Tag tone="green">{inLang(ctx, '正常', 'Healthy')}</Tag>;
    case 'warning':
      return <Tag tone="amber">{inLang(ctx, '提示', 'Warning')}</Tag>;
    case 'unhealthy':
      return <Tag tone="red">{inLang(ctx, '异常', 'Unhealthy')}</Tag>;
    case 'unknown':
      return <Tag tone="grey">{inLang(ctx, '未知（监控未运行）', 'Unknown (monitor not running)')}</Tag>;
  }
}

const severityTone: Record<string, TagTone> = { critical: 'red', major: 'red', warning: 'amber' };

/** Says so when the list below holds fewer entries than the counts above, so the two never seem to disagree. */
function shownOfOpen(ctx: PageContext, view: MonitorView): string {
  const total = view.openCounts.workbench + view.openCounts.portal;
  const shown = view.open.length;
  if (shown >= total) return '';
  return inLang(
    ctx,
    ` 下表列出其中最新的 ${shown} 条；互联网区的摘要每次同步时更新，处置后其余的会陆续列出。`,
    ` The list below shows the newest ${shown} of them; portal summaries follow at each synchronisation, and the rest appear as entries are decided.`,
  );
}

export function reasonLabel(ctx: PageContext, reason: string): string {
  return quarantineReasonText(reason, ctx.lang);
}

export function zoneLabel(ctx: PageContext, zone: string): string {
  return zone === 'portal' ? inLang(ctx, '互联网区', 'Portal') : inLang(ctx, '公安网区', 'Workbench');
}

export function directionLabel(ctx: PageContext, q: QuarantineSummary): string {
  return q.direction === 'outbound'
    ? inLang(ctx, '发出时被交换拒绝', 'Refused by the relay on sending')
    : inLang(ctx, '接收时被拒绝', 'Refused on receipt');
}

const latency = (f: WindowFigures) =>
  f.latencyCount > 0 ? Math.round(f.latencyMsSum / f.latencyCount) : null;
const ms = (v: number | null) => (v === null ? '—' : `${v} ms`);

function bytes(n: number): string {
  if (n < 10_000) return `${n} B`;
  if (n < 10_000_000) return `${Math.round(n / 1024)} KiB`;
  return `${Math.round(n / 1_048_576)} MiB`;
}

export function quarantineState(
  ctx: PageContext,
  q: QuarantineSummary,
  waiting: RequestRow | undefined,
): Child {
  if (q.releasedAt) return <Tag tone="blue">{inLang(ctx, '已放行', 'Released')}</Tag>;
  if (q.discardedAt) return <Tag tone="grey">{inLang(ctx, '已丢弃', 'Discarded')}</Tag>;
  if (waiting)
    return (
      <Tag tone="amber">
        {waiting.action === 'release'
          ? inLang(ctx, '放行待执行', 'Release requested')
          : inLang(ctx, '丢弃待执行', 'Discard requested')}
      </Tag>
    );
  return <Tag tone="red">{inLang(ctx, '隔离中', 'Quarantined')}</Tag>;
}

export function entryHref(q: { zone: string; id: string }): string {
  return `/exchange/quarantine/${q.zone}/${q.id}`;
}

function QuarantineTable({
  ctx,
  caption,
  rows,
  pending,
}: {
  ctx: PageContext;
  caption: string;
  rows: readonly QuarantineSummary[];
  pending: Map<string, RequestRow>;
}) {
  return (
    <Table
      caption={caption}
      head={[
        inLang(ctx, '隔离时间', 'Quarantined at'),
        inLang(ctx, '所在区', 'Zone'),
        inLang(ctx, '环节', 'Where'),
        inLang(ctx, '消息类型', 'Message type'),
        inLang(ctx, '流 / 序号', 'Stream / seq'),
        inLang(ctx, '原因', 'Reason'),
        inLang(ctx, '状态', 'State'),
        inLang(ctx, '操作', 'Action'),
      ]}
      rows={rows.map((q) => [
        formatDateTime(ctx.lang, q.at),
        zoneLabel(ctx, q.zone),
        directionLabel(ctx, q),
        q.type ? <code>{q.type}</code> : inLang(ctx, '（无法识别）', '(unreadable)'),
        q.stream ? `${q.stream} #${q.streamSeq ?? '?'}` : '—',
        reasonLabel(ctx, q.reason),
        quarantineState(ctx, q, pending.get(`${q.zone}:${q.id}`)),
        <a href={entryHref(q)}>
          {inLang(ctx, '查看', 'Inspect')}
          <span class="visually-hidden">
            {' '}
            {q.type ?? ''} {formatDateTime(ctx.lang, q.at)}
          </span>
        </a>,
      ])}
    />
  );
}

export function monitorPage(p: { ctx: PageContext; view: MonitorView; canDecide: boolean }): string {
  const { ctx, view } = p;
  const title = inLang(ctx, '边界交换监控', 'Exchange monitor');
  const t = view.thresholds;
  const min = (msv: number) => Math.round(msv / 60_000);
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        {inLang(
          ctx,
          '互联网区与公安网区之间的全部报文交换：各流向的流量、时延、拒收和重试，告警，以及被隔离的报文。数据由交换程序写入本区数据库，本页不访问互联网区数据库。',
          'Every message crossing between the portal and the workbench: volume, latency, refusals and retries per flow, the alarms, and the quarantined messages. The relay writes these figures into this zone’s database; this page never reads the portal’s.',
        )}
      </p>
      <p>
        {view.beatAt ? (
          <>
            {inLang(ctx, '监控数据更新于', 'Figures updated at')} {formatDateTime(ctx.lang, view.beatAt)}（
            {ago(ctx, view.now, view.beatAt)}
            {inLang(ctx, '前', ' ago')}）{' '}
          </>
        ) : null}
        {view.beatStale ? (
          <Tag tone="red">
            {view.beatAt
              ? inLang(
                  ctx,
                  '监控已停止更新：请检查交换程序是否运行',
                  'Monitor stopped: check that the relay is running',
                )
              : inLang(ctx, '尚无监控数据：交换程序未运行过', 'No figures yet: the relay has not run')}
          </Tag>
        ) : null}
      </p>

      <h2>{inLang(ctx, '流向健康状况', 'Flow health')}</h2>
      <Table
        caption={inLang(ctx, '各流向当前状态', 'Each flow now')}
        rowHeaders
        numeric={[2, 3, 4, 5, 6, 7]}
        head={[
          inLang(ctx, '流向', 'Flow'),
          inLang(ctx, '状态', 'Health'),
          inLang(ctx, '待发送', 'Waiting'),
          inLang(ctx, '重试中', 'Retrying'),
          inLang(ctx, '待处理', 'Unprocessed'),
          inLang(ctx, '近1小时送达', 'Delivered, 1 h'),
          inLang(ctx, '近1小时拒收', 'Refused, 1 h'),
          inLang(ctx, '近24小时送达', 'Delivered, 24 h'),
          inLang(ctx, '最长等待', 'Longest wait'),
        ]}
        rows={view.flows.map((f) => [
          flowLabel(f.flow, ctx.lang),
          healthTag(ctx, f.health),
          String(f.pending),
          String(f.retrying),
          String(f.unprocessed),
          String(f.lastHour.delivered),
          String(f.lastHour.rejected),
          String(f.lastDay.delivered),
          f.oldestPendingAt ? ago(ctx, view.now, f.oldestPendingAt) : '—',
        ])}
      />

      <h2>{inLang(ctx, '按消息类型（近1小时）', 'By message type (last hour)')}</h2>
      <Table
        caption={inLang(
          ctx,
          '各流向各消息类型的计数、字节、时延、拒收与重试',
          'Counts, bytes, latency, refusals and retries per flow and type',
        )}
        numeric={[2, 3, 4, 5, 6, 7, 8, 9, 10, 11]}
        head={[
          inLang(ctx, '流向', 'Flow'),
          inLang(ctx, '消息类型', 'Message type'),
          inLang(ctx, '送达', 'Delivered'),
          inLang(ctx, '字节', 'Bytes'),
          inLang(ctx, '重复', 'Duplicates'),
          inLang(ctx, '拒收', 'Refused'),
          inLang(ctx, '签名失败', 'Bad signatures'),
          inLang(ctx, '重试', 'Retries'),
          inLang(ctx, '平均时延', 'Mean latency'),
          inLang(ctx, '最大时延', 'Max latency'),
          inLang(ctx, '待发送', 'Waiting'),
          inLang(ctx, '待处理', 'Unprocessed'),
          inLang(ctx, '最近错误', 'Last error'),
        ]}
        rows={view.flows.flatMap((f) =>
          f.types.map(({ status, lastHour }) => [
            flowLabel(f.flow, ctx.lang),
            lastHour.type ? <code>{lastHour.type}</code> : inLang(ctx, '（无法识别）', '(unreadable)'),
            String(lastHour.delivered),
            bytes(lastHour.bytes),
            String(lastHour.duplicates),
            String(lastHour.rejected),
            String(lastHour.badSignatures),
            String(lastHour.retries),
            ms(latency(lastHour)),
            lastHour.latencyCount > 0 ? ms(lastHour.latencyMsMax) : '—',
            String(status?.pending ?? 0),
            String(status?.unprocessed ?? 0),
            status?.lastError ?? '',
          ]),
        )}
      />

      <h2 id="alarms">{inLang(ctx, '告警', 'Alarms')}</h2>
      {view.openAlarms.length === 0 ? (
        <p>{inLang(ctx, '当前没有告警。', 'No alarm is open.')}</p>
      ) : (
        <Table
          caption={inLang(ctx, '未解除的告警', 'Open alarms')}
          head={[
            inLang(ctx, '级别', 'Severity'),
            inLang(ctx, '告警', 'Alarm'),
            inLang(ctx, '流向', 'Flow'),
            inLang(ctx, '详情', 'Detail'),
            inLang(ctx, '开始于', 'Since'),
            inLang(ctx, '最近确认', 'Last seen'),
          ]}
          rows={view.openAlarms.map((a) => [
            <Tag tone={severityTone[a.severity] ?? 'amber'}>{severityLabel(a.severity, ctx.lang)}</Tag>,
            ruleLabel(a.rule, ctx.lang),
            flowLabel(a.flow, ctx.lang),
            alarmDetail(a.detail, ctx.lang),
            formatDateTime(ctx.lang, a.raisedAt),
            formatDateTime(ctx.lang, a.lastSeenAt),
          ])}
        />
      )}
      <p>
        {inLang(
          ctx,
          '每次告警都写入审计日志，并以短信通知安全值班员。告警规则：',
          'Every alarm is written to the audit log and sent to the security duty officer by SMS. The rules:',
        )}
      </p>
      <ul>
        <li>
          {inLang(
            ctx,
            `流转停滞：有报文等待发送超过 ${t.stallMs / 1000} 秒，或已接收未处理超过 ${min(t.processingStallMs)} 分钟；`,
            `Stalled: a message has waited to cross for over ${t.stallMs / 1000} s, or to be processed for over ${min(t.processingStallMs)} min;`,
          )}
        </li>
        <li>
          {inLang(
            ctx,
            `拒收过多：${min(t.rejectWindowMs)} 分钟内拒收 ${t.rejectThreshold} 条及以上；`,
            `Too many refusals: ${t.rejectThreshold} or more within ${min(t.rejectWindowMs)} min;`,
          )}
        </li>
        <li>
          {inLang(
            ctx,
            `流量异常：${min(t.volumeWindowMs)} 分钟内的报文数超过此前24小时同等时长平均值的 ${t.volumeFactor} 倍（且多于 ${t.volumeFloor} 条）；`,
            `Unusual volume: more messages in ${min(t.volumeWindowMs)} min than ${t.volumeFactor}× the average of the previous 24 hours (and over ${t.volumeFloor});`,
          )}
        </li>
        <li>
          {inLang(
            ctx,
            `签名校验失败：任何一条签名无效的报文（${min(t.signatureWindowMs)} 分钟内无新失败后解除）。`,
            `Signature failure: any message with an invalid signature (cleared after ${min(t.signatureWindowMs)} min without another).`,
          )}
        </li>
      </ul>
      {view.clearedAlarms.length > 0 ? (
        <Table
          caption={inLang(ctx, '最近解除的告警', 'Recently cleared alarms')}
          head={[
            inLang(ctx, '告警', 'Alarm'),
            inLang(ctx, '流向', 'Flow'),
            inLang(ctx, '详情', 'Detail'),
            inLang(ctx, '开始于', 'Raised'),
            inLang(ctx, '解除于', 'Cleared'),
          ]}
          rows={view.clearedAlarms.map((a) => [
            ruleLabel(a.rule, ctx.lang),
            flowLabel(a.flow, ctx.lang),
            alarmDetail(a.detail, ctx.lang),
            formatDateTime(ctx.lang, a.raisedAt),
            a.clearedAt ? formatDateTime(ctx.lang, a.clearedAt) : '',
          ])}
        />
      ) : null}

      <h2 id="quarantine">{inLang(ctx, '隔离区', 'Quarantine')}</h2>
      <p>
        {inLang(
          ctx,
          `未处理的隔离报文：公安网区 ${view.openCounts.workbench} 条，互联网区 ${view.openCounts.portal} 条。互联网区的报文内容留在互联网区，这里只显示摘要。`,
          `Quarantined and undecided: ${view.openCounts.workbench} in the workbench, ${view.openCounts.portal} in the portal. Portal messages stay in the portal; only a summary is shown here.`,
        )}
        {shownOfOpen(ctx, view)}
      </p>
      <InsetText>
        {inLang(
          ctx,
          '放行不会跳过任何检查：报文回到发送方队列，重新经过白名单、大小、格式和签名的全部检查。若隔离的原因仍然存在，它会再次被隔离。丢弃只记录处理决定，报文不会再发送。两者都须填写理由并记入审计日志。',
          'Releasing skips no check: the message goes back to its sender’s queue and through the whitelist, size, schema and signature checks again. If the cause of the quarantine remains, it is quarantined again. Discarding records the decision; the message is never sent. Both need a reason and are audited.',
        )}
      </InsetText>
      {view.open.length === 0 ? (
        <p>{inLang(ctx, '隔离区中没有待处理的报文。', 'Nothing in quarantine awaits a decision.')}</p>
      ) : (
        <QuarantineTable
          ctx={ctx}
          caption={inLang(
            ctx,
            '待处理的隔离报文（最新在前）',
            'Quarantined messages awaiting a decision, newest first',
          )}
          rows={view.open}
          pending={view.pending}
        />
      )}
      {view.decided.length > 0 ? (
        <QuarantineTable
          ctx={ctx}
          caption={inLang(ctx, '最近处理的隔离报文', 'Recently decided')}
          rows={view.decided}
          pending={new Map()}
        />
      ) : null}
      {p.canDecide ? null : (
        <p class="muted">
          {inLang(ctx, '您可以查看，但不能放行或丢弃报文。', 'You may look, but not release or discard.')}
        </p>
      )}
    </Layout>,
  );
}
