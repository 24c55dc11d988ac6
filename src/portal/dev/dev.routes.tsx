import { desc } from 'drizzle-orm';
import { notifications } from '../db/schema.ts';
import type { App } from '../../shared/http/app.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { Layout } from '../../shared/ui/layout.tsx';
import { Table } from '../../shared/ui/components.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { portalContext } from '../page.ts';

/**
 * The SMS / e-mail sandbox's outbox, so a tester can read the codes it "sent". Registered only in the
 * embedded demo install: a production portal never has this route. Public there, as the demo's whole point is
 * that anyone can register with any number and read the code sent to it.
 */
const channelLabel = { sms: { zh: '短信', en: 'SMS' }, email: { zh: '电子邮件', en: 'E-mail' } } as const;
const statusLabel = {
  queued: { zh: '待发送', en: 'Queued' },
  sent: { zh: '已发送', en: 'Sent' },
  failed: { zh: '发送失败', en: 'Failed' },
} as const;

export function registerDevRoutes(app: App, services: ZoneServices): void {
  if (!services.embedded) return;
  app.get(
    '/dev/messages',
    { schema: { hide: true }, config: { permission: PUBLIC } },
    async (request, reply) => {
      const rows = await services.db
        .select()
        .from(notifications)
        .orderBy(desc(notifications.createdAt))
        .limit(50);
      const ctx = portalContext(request, reply);
      const en = ctx.lang === 'en';
      const title = en ? 'Sandbox messages (demo only)' : '短信与邮件沙箱（仅演示环境）';
      return reply.html(
        renderPage(
          <Layout ctx={ctx} title={title}>
            <h1>{title}</h1>
            <p>
              {en
                ? 'The sandbox adapter sends nothing outside; these are the messages it accepted.'
                : '沙箱适配器不会真正发送短信或邮件；以下是它收到的最近50条消息。'}
            </p>
            <Table
              caption={title}
              head={[
                en ? 'Time' : '时间',
                en ? 'Channel' : '渠道',
                en ? 'Recipient' : '接收人',
                en ? 'Message' : '内容',
                en ? 'Status' : '状态',
              ]}
              rows={rows.map((r) => [
                <time datetime={r.createdAt.toISOString()}>{formatDateTime(ctx.lang, r.createdAt)}</time>,
                channelLabel[r.channel][ctx.lang],
                r.recipient,
                <span data-message>{r.body}</span>,
                statusLabel[r.status][ctx.lang],
              ])}
            />
          </Layout>,
        ),
      );
    },
  );
}
