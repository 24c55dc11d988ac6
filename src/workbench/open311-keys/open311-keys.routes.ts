import Type from 'typebox';
import type { App } from '../../shared/http/app.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { renderFormError } from '../../shared/http/forms.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import { inLang } from '../../shared/ui/context.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { open311KeyWords } from './open311-keys.messages.ts';
import * as pages from './open311-keys.pages.tsx';
import * as service from './open311-keys.service.ts';

// Issuing and revoking the Open311 API keys (open311-keys.policy.ts: force-wide administrators). A key belongs
// to no unit; past the door there is only "there is no such active key" (404).

const manage = { permission: 'open311.keys.manage' };

const IssueForm = Type.Object(
  {
    label: Type.Optional(Type.String({ maxLength: 100 })),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const KeyParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) });
const RevokeForm = Type.Object(
  { _csrf: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

export function registerOpen311KeyRoutes(app: App, services: ZoneServices): void {
  const list: FormPage = async (request, reply, form) =>
    pages.keysPage({
      ctx: workbenchContext(request, reply),
      keys: await service.listKeys(services),
      ...form,
    });

  app.get('/open311-keys', { schema: { hide: true }, config: manage }, async (request, reply) =>
    reply.header('cache-control', 'no-store').html(
      pages.keysPage({
        ctx: workbenchContext(request, reply),
        keys: await service.listKeys(services),
        flash: takeFlash(request),
      }),
    ),
  );

  app.post(
    '/open311-keys',
    { schema: { hide: true, body: IssueForm }, config: { ...manage, formPage: list } },
    async (request, reply) => {
      try {
        const { row, key } = await service.issueKey(services, actorOf(request), request.body.label);
        // The one time the key is shown: answered here rather than after a redirect, and never cached.
        return await reply
          .header('cache-control', 'no-store')
          .html(pages.issuedPage({ ctx: workbenchContext(request, reply), row, key }));
      } catch (error) {
        const { _csrf: _token, ...values } = request.body;
        return renderFormError(
          request,
          reply,
          error,
          (errors) => list(request, reply, { values: values as Record<string, string>, errors }),
          open311KeyWords,
        );
      }
    },
  );

  app.post(
    '/open311-keys/:id/revoke',
    { schema: { hide: true, params: KeyParams, body: RevokeForm }, config: manage },
    async (request, reply) => {
      const row = await service.revokeKey(services, actorOf(request), request.params.id);
      setFlash(
        request,
        inLang(
          request,
          `已吊销「${row.label}」的密钥；门户在几秒内停止接受它。`,
          `The key of "${row.label}" is revoked; the portal stops accepting it within seconds.`,
        ),
      );
      return reply.redirect('/open311-keys', 303);
    },
  );
}
