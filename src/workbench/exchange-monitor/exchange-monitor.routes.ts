import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { formBody } from '../../shared/http/forms.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { requireStaff, staffOf } from '../session.ts';
import * as pages from './exchange-monitor.pages.tsx';
import { entryPage } from './exchange-monitor.quarantine.pages.tsx';
import { monitorAccess } from './exchange-monitor.policy.ts';
import * as service from './exchange-monitor.service.ts';

const guarded = { schema: { hide: true }, preHandler: requireStaff };

type Params = { zone: string; id: string };

const messages: Record<string, { zh: string; en: string }> = {
  'exchange.reason.length': {
    zh: '请填写处理理由（4至500字）',
    en: 'Give a reason of 4 to 500 characters',
  },
  'exchange.action.required': { zh: '请选择放行或丢弃', en: 'Choose release or discard' },
};

function translated(request: FastifyRequest, error: unknown): FieldError[] | undefined {
  if (!(error instanceof AppError) || error.code !== 'VALIDATION' || error.fields.length === 0)
    return undefined;
  return error.fields.map((f) => ({
    field: f.field,
    message: messages[f.message]?.[request.lang] ?? f.message,
  }));
}

function takeFlash(request: FastifyRequest): string | undefined {
  const flash = request.session.flash;
  if (flash) request.session.flash = undefined;
  return flash;
}

/** The boundary exchange's monitor: flows, alarms and the quarantine (administrators decide, auditors read). */
export function registerExchangeMonitorRoutes(app: FastifyInstance, services: ZoneServices): void {
  const requireRead = (request: FastifyRequest) => {
    if (monitorAccess(staffOf(request)) === 'none') throw new AppError('FORBIDDEN');
  };
  const requireDecide = (request: FastifyRequest) => {
    if (monitorAccess(staffOf(request)) !== 'decide') throw new AppError('FORBIDDEN');
  };

  app.get('/exchange', guarded, async (request, reply) => {
    requireRead(request);
    const view = await service.monitorView(services);
    return reply.html(
      pages.monitorPage({
        ctx: workbenchContext(request, reply),
        view,
        canDecide: monitorAccess(staffOf(request)) === 'decide',
      }),
    );
  });

  const entry = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { values?: Record<string, string>; errors?: FieldError[] } = {},
  ) => {
    const { zone, id } = request.params as Params;
    const view = await service.entryView(services, actorOf(request), zone, id);
    return reply.html(
      entryPage({
        ctx: workbenchContext(request, reply),
        view,
        canDecide: monitorAccess(staffOf(request)) === 'decide',
        flash: takeFlash(request),
        ...options,
      }),
      options.errors ? 422 : 200,
    );
  };

  app.get('/exchange/quarantine/:zone/:id', guarded, async (request, reply) => {
    requireRead(request);
    return entry(request, reply);
  });

  app.post(
    '/exchange/quarantine/:zone/:id/decide',
    { ...guarded, config: { input: { multiline: ['reason'] } } },
    async (request, reply) => {
      requireDecide(request);
      const { zone, id } = request.params as Params;
      const body = formBody(request);
      try {
        const action = await service.decide(services, actorOf(request), zone, id, body);
        request.session.flash =
          action === 'release'
            ? request.lang === 'en'
              ? 'Release requested: the relay puts the message back in its queue within seconds, and it is checked again.'
              : '已提交放行：交换程序将在几秒内把报文放回发送队列，并重新检查。'
            : request.lang === 'en'
              ? 'Discard requested: the relay records it within seconds.'
              : '已提交丢弃：交换程序将在几秒内记录该决定。';
        return reply.redirect(`/exchange/quarantine/${zone}/${id}`, 303);
      } catch (error) {
        const errors = translated(request, error);
        if (!errors) throw error;
        return entry(request, reply, { values: body, errors });
      }
    },
  );
}
