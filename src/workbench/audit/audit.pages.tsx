import { formatDateTime } from '../../shared/i18n/index.ts';
import { detailFields } from './audit.detail.ts';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { Select } from '../../shared/ui/choices.tsx';
import { Table, Tag } from '../../shared/ui/components.tsx';
import { Button, DateField, Form, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { actionLabel, auditActions } from './audit.actions.ts';
import type { AuditRow } from './audit.repository.ts';

export interface AuditQuery {
  actor: string;
  action: string;
  from: string;
  to: string;
}

export interface VerifyResult {
  ok: boolean;
  at: Date;
  text: string;
}

export function auditPage(p: {
  ctx: PageContext;
  rows: AuditRow[];
  query: AuditQuery;
  olderHref?: string | undefined;
  newestHref?: string | undefined;
  verify?: VerifyResult | undefined;
  seesAll: boolean;
}): string {
  const { ctx, query } = p;
  const title = inLang(ctx, '审计日志', 'Audit log');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        {p.seesAll
          ? inLang(
              ctx,
              '记录全部民警操作和个人信息查阅，只增不改，逐条以哈希链接。',
              'Every staff action and read of personal data, insert-only and chained by hash.',
            )
          : inLang(
              ctx,
              '仅显示您管辖范围内单位人员的操作记录。',
              'Only actions by staff of units within your jurisdiction are shown.',
            )}
      </p>

      <h2>{inLang(ctx, '完整性校验', 'Integrity check')}</h2>
      {p.verify ? (
        <div role="status">
          <p>
            {p.verify.ok ? (
              <Tag tone="green">{inLang(ctx, '链完整', 'Chain intact')}</Tag>
            ) : (
              <Tag tone="red">{inLang(ctx, '发现篡改', 'Tampering found')}</Tag>
            )}{' '}
            {inLang(ctx, '校验时间', 'Checked at')} {formatDateTime(ctx.lang, p.verify.at)}
          </p>
          <pre class="audit-verify">{p.verify.text}</pre>
        </div>
      ) : null}
      <Form action="/audit/verify" csrfToken={ctx.csrfToken ?? ''}>
        <Button variant="secondary">{inLang(ctx, '立即校验审计链', 'Verify the chain now')}</Button>
      </Form>

      <h2>{inLang(ctx, '筛选', 'Filter')}</h2>
      <Form action="/audit" method="get">
        <TextField
          name="actor"
          label={inLang(ctx, '操作人警号', 'Actor badge number')}
          spellcheck={false}
          width={20}
          value={query.actor}
        />
        <Select
          name="action"
          label={inLang(ctx, '操作类型', 'Action')}
          value={query.action}
          options={[
            { value: '', label: inLang(ctx, '全部', 'All') },
            ...auditActions.map((a) => ({ value: a, label: actionLabel(a, ctx.lang) })),
          ]}
        />
        <DateField name="from" label={inLang(ctx, '开始日期', 'From')} value={query.from} />
        <DateField name="to" label={inLang(ctx, '结束日期', 'To')} value={query.to} />
        <Button variant="secondary">{inLang(ctx, '筛选', 'Filter')}</Button>
      </Form>

      {p.rows.length === 0 ? (
        <p>{inLang(ctx, '没有符合条件的记录。', 'No entries match.')}</p>
      ) : (
        <Table
          caption={inLang(ctx, '审计记录（最新在前）', 'Audit entries, newest first')}
          numeric={[0]}
          head={[
            inLang(ctx, '序号', 'Seq'),
            inLang(ctx, '时间', 'Time'),
            inLang(ctx, '操作人', 'Actor'),
            inLang(ctx, '单位', 'Unit'),
            inLang(ctx, '操作', 'Action'),
            inLang(ctx, '对象', 'Target'),
            inLang(ctx, '来源地址', 'Source'),
            inLang(ctx, '详情', 'Detail'),
          ]}
          rows={p.rows.map((r) => [
            String(r.seq),
            formatDateTime(ctx.lang, r.at),
            r.actor,
            r.actorUnit ?? '',
            actionLabel(r.action, ctx.lang),
            r.target ?? '',
            r.sourceIp ?? '',
            <dl class="audit-detail">
              {detailFields(r.detail, ctx.lang).map((f) => (
                <>
                  <dt>{f.key}</dt>
                  <dd>{f.value}</dd>
                </>
              ))}
            </dl>,
          ])}
        />
      )}
      <p>
        {p.newestHref ? <a href={p.newestHref}>{inLang(ctx, '回到最新记录', 'Newest entries')}</a> : null}
        {p.newestHref && p.olderHref ? ' · ' : null}
        {p.olderHref ? <a href={p.olderHref}>{inLang(ctx, '更早的记录', 'Older entries')}</a> : null}
      </p>
    </Layout>,
  );
}
