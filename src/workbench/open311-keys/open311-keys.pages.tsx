import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { BackLink, InsetText, SummaryList, Table, Tag } from '../../shared/ui/components.tsx';
import { Button, ErrorSummary, Form, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { Flash } from '../exchange-monitor/exchange-monitor.pages.tsx';
import type { Open311KeyRow } from './open311-keys.tables.ts';
import { langOf } from '../../shared/ui/as-written.tsx';

// The Open311 API keys: who holds one, since when, and the forms to issue and revoke. The key itself appears
// once, on the page that answers its issuance.

export function keysPage(p: {
  ctx: PageContext;
  keys: readonly Open311KeyRow[];
  flash?: string | undefined;
  values?: Record<string, string> | undefined;
  errors?: FieldError[] | undefined;
}): string {
  const { ctx } = p;
  const title = inLang(ctx, 'Open311 接口密钥', 'Open311 API keys');
  const errors = p.errors ?? [];
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <Flash text={p.flash} />
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      <p>
        {inLang(
          ctx,
          '民间举报类应用（如 FixMyStreet 类客户端）凭密钥通过门户的 Open311 GeoReport v2 接口（/open311/v2/）提交隐患和治安举报。密钥只在签发时显示一次；门户只保存其摘要。',
          "Civic-reporting apps (FixMyStreet-style clients) use a key to file hazard and safety tips through the portal's Open311 GeoReport v2 endpoint (/open311/v2/). A key is shown only once, when it is issued; the portal keeps only its hash.",
        )}
      </p>
      <h2>{inLang(ctx, '签发新密钥', 'Issue a key')}</h2>
      <Form action="/open311-keys" csrfToken={ctx.csrfToken ?? ''}>
        <TextField
          name="label"
          label={inLang(ctx, '客户端或使用单位', 'Client or organisation')}
          hint={inLang(ctx, '例如：示范市随手拍应用', 'For example: the Shifan street-reporting app')}
          value={p.values?.label ?? ''}
          error={errorFor(errors, 'label')}
        />
        <Button>{inLang(ctx, '签发密钥', 'Issue the key')}</Button>
      </Form>
      <h2>{inLang(ctx, '已签发的密钥', 'Keys issued')}</h2>
      {p.keys.length === 0 ? (
        <p>{inLang(ctx, '尚未签发任何密钥。', 'No key has been issued yet.')}</p>
      ) : (
        <Table
          caption={inLang(ctx, '已签发的密钥', 'Keys issued')}
          stackOnNarrow
          head={[
            inLang(ctx, '客户端', 'Client'),
            inLang(ctx, '密钥开头', 'Key starts with'),
            inLang(ctx, '签发', 'Issued'),
            inLang(ctx, '状态', 'Status'),
            inLang(ctx, '操作', 'Action'),
          ]}
          rows={p.keys.map((k) => [
            k.label,
            <code>{k.hint}…</code>,
            `${formatDateTime(ctx.lang, k.issuedAt)} ${k.issuedBy}`,
            k.revokedAt ? (
              <Tag tone="grey">
                {inLang(ctx, '已吊销', 'Revoked')} {formatDateTime(ctx.lang, k.revokedAt)}
              </Tag>
            ) : (
              <Tag tone="green">{inLang(ctx, '有效', 'Active')}</Tag>
            ),
            k.revokedAt ? (
              ''
            ) : (
              <Form action={`/open311-keys/${k.id}/revoke`} csrfToken={ctx.csrfToken ?? ''}>
                <Button variant="warning">
                  {inLang(ctx, '吊销', 'Revoke')}
                  <span class="visually-hidden" lang={langOf(ctx.lang, k.label)}>
                    {' '}
                    {k.label}
                  </span>
                </Button>
              </Form>
            ),
          ])}
        />
      )}
    </Layout>,
  );
}

export function issuedPage(p: { ctx: PageContext; row: Open311KeyRow; key: string }): string {
  const { ctx } = p;
  const title = inLang(ctx, '密钥已签发', 'Key issued');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href="/open311-keys">{inLang(ctx, '返回接口密钥', 'Back to the API keys')}</BackLink>
      <h1>{title}</h1>
      <InsetText>
        {inLang(
          ctx,
          '请立即复制并通过安全渠道交给客户端。离开本页后将无法再次查看此密钥；遗失只能吊销后重新签发。',
          'Copy it now and hand it to the client over a secure channel. It cannot be shown again after you leave this page; a lost key can only be revoked and replaced.',
        )}
      </InsetText>
      <SummaryList
        rows={[
          { key: inLang(ctx, '客户端', 'Client'), value: p.row.label },
          { key: inLang(ctx, '密钥', 'Key'), value: <code class="digest">{p.key}</code> },
          { key: inLang(ctx, '签发时间', 'Issued'), value: formatDateTime(ctx.lang, p.row.issuedAt) },
        ]}
      />
      <p>
        {inLang(
          ctx,
          '密钥经边界交换送达门户后（通常几秒内）即可使用。',
          'The key works as soon as it has crossed the boundary exchange to the portal (usually within seconds).',
        )}
      </p>
    </Layout>,
  );
}
