import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import type { PageContext } from '../../shared/ui/context.ts';
import { BackLink, InsetText, SummaryList, Table } from '../../shared/ui/components.tsx';
import { Button, ErrorSummary, Form, TextArea } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import {
  directionLabel,
  entryHref,
  Flash,
  quarantineState,
  reasonLabel,
  zoneLabel,
} from './exchange-monitor.pages.tsx';
import { inLang } from '../../shared/ui/context.ts';
import type { EntryView } from './exchange-monitor.service.ts';

// One quarantined message: what it is, what was decided, and (for administrators) the decision form.

const outcomeLabels: Record<string, { zh: string; en: string }> = {
  released: { zh: '已放行，重新进入发送队列', en: 'Released: back in the sender’s queue' },
  discarded: { zh: '已丢弃', en: 'Discarded' },
  'already-decided': { zh: '未执行：此前已有处理决定', en: 'Not done: already decided' },
  'not-found': { zh: '未执行：找不到该报文', en: 'Not done: entry not found' },
  'not-releasable': {
    zh: '未执行：发送方没有这条报文（可能是伪造或无法识别的报文），只能丢弃',
    en: 'Not done: the sender holds no such message (forged or unreadable); it can only be discarded',
  },
};

export function entryPage(p: {
  ctx: PageContext;
  view: EntryView;
  canDecide: boolean;
  values?: Record<string, string> | undefined;
  errors?: FieldError[] | undefined;
  flash?: string | undefined;
}): string {
  const { ctx } = p;
  const { entry: q, requests, waiting } = p.view;
  const title = inLang(ctx, '隔离报文', 'Quarantined message');
  const open = !q.releasedAt && !q.discardedAt;
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={Boolean(p.errors?.length)}>
      <BackLink href="/exchange#quarantine">
        {inLang(ctx, '返回交换监控', 'Back to the exchange monitor')}
      </BackLink>
      <Flash text={p.flash} />
      <ErrorSummary errors={p.errors ?? []} />
      <h1>{title}</h1>
      <p>{quarantineState(ctx, q, waiting)}</p>
      <SummaryList
        rows={[
          { key: inLang(ctx, '所在区', 'Zone'), value: zoneLabel(ctx, q.zone) },
          { key: inLang(ctx, '环节', 'Where'), value: directionLabel(ctx, q) },
          { key: inLang(ctx, '隔离时间', 'Quarantined at'), value: formatDateTime(ctx.lang, q.at) },
          { key: inLang(ctx, '原因', 'Reason'), value: reasonLabel(ctx, q.reason) },
          { key: inLang(ctx, '说明', 'Detail'), value: q.detail ?? '' },
          { key: inLang(ctx, '消息类型', 'Message type'), value: q.type ? <code>{q.type}</code> : '' },
          {
            key: inLang(ctx, '流 / 序号', 'Stream / seq'),
            value: q.stream ? `${q.stream} #${q.streamSeq ?? '?'}` : '',
          },
          {
            key: inLang(ctx, '报文编号', 'Message id'),
            value: q.messageId ? <code>{q.messageId}</code> : '',
          },
          ...(q.decidedBy
            ? [
                { key: inLang(ctx, '处理人', 'Decided by'), value: q.decidedBy },
                { key: inLang(ctx, '处理理由', 'Reason given'), value: q.decisionReason ?? '' },
              ]
            : []),
        ]}
      />

      {requests.length > 0 ? (
        <Table
          caption={inLang(ctx, '处理记录', 'Decisions')}
          head={[
            inLang(ctx, '提交时间', 'Requested'),
            inLang(ctx, '提交人', 'By'),
            inLang(ctx, '决定', 'Decision'),
            inLang(ctx, '理由', 'Reason'),
            inLang(ctx, '执行结果', 'Outcome'),
          ]}
          rows={requests.map((r) => [
            formatDateTime(ctx.lang, r.requestedAt),
            r.requestedBy,
            r.action === 'release' ? inLang(ctx, '放行', 'Release') : inLang(ctx, '丢弃', 'Discard'),
            r.reason,
            r.outcome
              ? (outcomeLabels[r.outcome]?.[ctx.lang] ?? r.outcome)
              : inLang(ctx, '等待交换程序执行（通常几秒内）', 'Waiting for the relay (usually seconds)'),
          ])}
        />
      ) : null}

      <h2>{inLang(ctx, '报文内容', 'The message')}</h2>
      {q.zone === 'workbench' ? (
        <>
          <p>
            {inLang(
              ctx,
              '报文中的个人信息已部分遮盖；本次查看已记入审计日志。',
              'Personal data in the message is partly masked; this view is recorded in the audit log.',
            )}
          </p>
          <div
            class="table-scroll"
            role="region"
            aria-label={inLang(ctx, '被隔离的原始报文', 'The quarantined message as received')}
            tabindex={0}
          >
            <pre>{JSON.stringify(p.view.raw, null, 2)}</pre>
          </div>
        </>
      ) : (
        <p>
          {inLang(
            ctx,
            '该报文隔离在互联网区，内容不进入公安网，这里只显示摘要。',
            'This message is quarantined in the portal; its content does not enter the police network, only this summary does.',
          )}
        </p>
      )}

      {p.canDecide && open && !waiting ? (
        <>
          <h2>{inLang(ctx, '处理', 'Decide')}</h2>
          <InsetText>
            {inLang(
              ctx,
              '放行：报文回到发送方队列，重新经过全部检查后投递；若隔离原因仍在（例如报文本身不合格式或签名伪造），它会再次被隔离。丢弃：报文永不发送，只留下处理记录。',
              'Release: the message goes back to its sender’s queue and is delivered only after passing every check again; if the cause remains (say, the message itself is malformed or forged) it is quarantined again. Discard: the message is never sent; the decision is recorded.',
            )}
          </InsetText>
          <Form action={`${entryHref(q)}/decide`} csrfToken={ctx.csrfToken ?? ''}>
            <TextArea
              name="reason"
              label={inLang(ctx, '处理理由', 'Reason')}
              hint={inLang(
                ctx,
                '4至500字，记入审计日志。',
                '4 to 500 characters; recorded in the audit log.',
              )}
              rows={3}
              value={p.values?.reason}
              error={errorFor(p.errors, 'reason') ?? errorFor(p.errors, 'action')}
            />
            <div class="button-group">
              <Button name="action" value="release">
                {inLang(ctx, '放行（重新检查后投递）', 'Release (checked again, then delivered)')}
              </Button>
              <Button name="action" value="discard" variant="warning">
                {inLang(ctx, '丢弃', 'Discard')}
              </Button>
            </div>
          </Form>
        </>
      ) : null}
    </Layout>,
  );
}
