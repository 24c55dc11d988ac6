import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { App } from '../../shared/http/app.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { renderFormError } from '../../shared/http/forms.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import { inLang } from '../../shared/ui/context.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { workbenchPolicy } from '../policy.ts';
import { staffOf } from '../session.ts';
import { exchangeWords } from './exchange-monitor.messages.ts';
import * as pages from './exchange-monitor.pages.tsx';
import { entryPage } from './exchange-monitor.quarantine.pages.tsx';
import * as service from './exchange-monitor.service.ts';

// The boundary exchange's monitor: flows, alarms and the quarantine. Who may read and who may decide is the
// exchange policy's (force-wide administrators decide, force-wide auditors read); a quarantined message
// belongs to no unit, so past that door there is no record-level rule, only "there is no such entry" (404).

const read = { permission: 'exchange.read' };
const decide = { permission: 'exchange.decide' };

// A zone or an id that names no entry is looked up and not found (404), not refused as malformed.
const EntryParams = Type.Object({
  zone: Type.String({ maxLength: 16 }),
  id: Type.String({ maxLength: 64 }),
});

const DecisionForm = Type.Object(
  {
    action: Type.Optional(Type.Union([Type.Literal('release'), Type.Literal('discard')])),
    // The service counts 4 to 500 characters once the spaces around are trimmed.
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** The entry of a quarantine route, for a form shown again after its schema refused it. */
function entryParams(request: FastifyRequest): { zone: string; id: string } {
  const params = request.params;
  if (!params || typeof params !== 'object') return { zone: '', id: '' };
  return {
    zone: 'zone' in params && typeof params.zone === 'string' ? params.zone : '',
    id: 'id' in params && typeof params.id === 'string' ? params.id : '',
  };
}

export function registerExchangeMonitorRoutes(app: App, services: ZoneServices): void {
  const canDecide = (request: FastifyRequest) => workbenchPolicy.can(staffOf(request), 'exchange.decide');

  app.get('/exchange', { schema: { hide: true }, config: read }, async (request, reply) => {
    const view = await service.monitorView(services);
    return reply.html(
      pages.monitorPage({ ctx: workbenchContext(request, reply), view, canDecide: canDecide(request) }),
    );
  });

  const entry = async (
    request: FastifyRequest,
    reply: FastifyReply,
    { zone, id }: { zone: string; id: string },
    form: { values?: Record<string, string>; errors?: FieldError[] } = {},
  ) => {
    const view = await service.entryView(services, actorOf(request), zone, id);
    return entryPage({
      ctx: workbenchContext(request, reply),
      view,
      canDecide: canDecide(request),
      flash: takeFlash(request),
      ...form,
    });
  };
  const decisionForm: FormPage = (request, reply, form) => entry(request, reply, entryParams(request), form);

  app.get(
    '/exchange/quarantine/:zone/:id',
    { schema: { hide: true, params: EntryParams }, config: read },
    async (request, reply) => reply.html(await entry(request, reply, request.params)),
  );

  app.post(
    '/exchange/quarantine/:zone/:id/decide',
    {
      schema: { hide: true, params: EntryParams, body: DecisionForm },
      config: { ...decide, input: { multiline: ['reason'] }, formPage: decisionForm },
    },
    async (request, reply) => {
      const { zone, id } = request.params;
      try {
        const action = await service.decide(services, actorOf(request), zone, id, request.body);
        setFlash(
          request,
          action === 'release'
            ? inLang(
                request,
                '已提交放行：交换程序将在几秒内把报文放回发送队列，并重新检查。',
                'Release requested: the relay puts the message back in its queue within seconds, and it is checked again.',
              )
            : inLang(
                request,
                '已提交丢弃：交换程序将在几秒内记录该决定。',
                'Discard requested: the relay records it within seconds.',
              ),
        );
        return await reply.redirect(`/exchange/quarantine/${zone}/${id}`, 303);
      } catch (error) {
        const { _csrf: _token, ...values } = request.body;
        return renderFormError(
          request,
          reply,
          error,
          (errors) => entry(request, reply, request.params, { values, errors }),
          exchangeWords,
        );
      }
    },
  );
}
