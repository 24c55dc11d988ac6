import type { FastifyReply, FastifyRequest } from 'fastify';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { App } from '../../shared/http/app.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { staffOf } from '../session.ts';
import { ratingWords } from './ratings.messages.ts';
import * as pages from './ratings.pages.tsx';
import {
  DecideBody,
  OrderParams,
  OrdersQuery,
  ProposeBody,
  SampleBody,
  StepBody,
  WindowBody,
} from './ratings.schema.ts';
import * as setAside from './ratings.set-aside.ts';
import { recordAtWindow } from './ratings.window.ts';
import { windowPage } from './ratings.window.tsx';
import * as service from './ratings.service.ts';

// The long answers may span lines.
const textInput = {
  multiline: ['text', 'reason', 'evidence', 'note'],
  maxLength: { text: 2400, reason: 2400, evidence: 2400, note: 2400 },
};

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

export function registerRatingRoutes(app: App, services: ZoneServices): void {
  app.get(
    '/ratings',
    { schema: { hide: true, querystring: OrdersQuery }, config: { permission: 'ratings.read' } },
    async (request, reply) => {
      const view = request.query.view ?? 'open';
      return reply.html(
        pages.ordersPage({
          ctx: workbenchContext(request, reply),
          view,
          list: await service.ordersOf(services, staffOf(request), view),
          today: todayInShanghai(services.now()),
        }),
      );
    },
  );

  const windowReasons = (request: FastifyRequest) => {
    const r = (request.body as { reasons?: string | string[] } | undefined)?.reasons;
    return r === undefined ? [] : Array.isArray(r) ? r : [r];
  };
  const windowForm: FormPage = async (request, reply, form) =>
    windowPage({ ctx: workbenchContext(request, reply), ...form, reasons: windowReasons(request) });
  app.get('/ratings/window', { config: { permission: 'ratings.record_window' } }, async (request, reply) =>
    reply.html(windowPage({ ctx: workbenchContext(request, reply), flash: takeFlash(request) })),
  );
  app.post(
    '/ratings/window',
    {
      schema: { hide: true, body: WindowBody },
      config: {
        permission: 'ratings.record_window',
        formPage: windowForm,
        input: { multiline: ['comment'], maxLength: { comment: 600 } },
      },
    },
    async (request, reply) => {
      let caseNumber: string;
      try {
        caseNumber = await recordAtWindow(services, staffOf(request), actorOf(request), request.body);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => windowForm(request, reply, { values: formBody(request), errors }),
          ratingWords,
        );
      }
      setFlash(
        request,
        request.lang === 'en'
          ? `The rating of ${caseNumber} was recorded.`
          : `已登记办件 ${caseNumber} 的评价。`,
      );
      return reply.redirect('/ratings/window', 303);
    },
  );

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values?: Record<string, string>; errors?: FieldError[] } = {},
  ) {
    const me = staffOf(request);
    const order = await service.loadOrder(services, me, 'ratings.read', idOf(request));
    return pages.orderPage({
      ctx: workbenchContext(request, reply),
      detail: await service.detailOf(services, me, order),
      flash: takeFlash(request),
      ...form,
    });
  }
  const formPage: FormPage = (request, reply, form) => page(request, reply, form);

  app.get(
    '/ratings/orders/:id',
    { schema: { hide: true, params: OrderParams }, config: { permission: 'ratings.read' } },
    async (request, reply) => reply.html(await page(request, reply)),
  );

  const act =
    (
      permission: 'ratings.rectify' | 'ratings.sample' | 'ratings.set_aside' | 'ratings.review_set_aside',
      run:
        | typeof service.takeStep
        | typeof service.sampleOrder
        | typeof setAside.proposeSetAside
        | typeof setAside.decideSetAside,
    ) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const me = staffOf(request);
      const order = await service.loadOrder(services, me, permission, idOf(request));
      try {
        await run(services, me, actorOf(request), order, formBody(request));
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => page(request, reply, { values: formBody(request), errors }),
          ratingWords,
        );
      }
      setFlash(request, request.lang === 'en' ? 'Done.' : '已办理。');
      return reply.redirect(`/ratings/orders/${order.id}`, 303);
    };

  app.post(
    '/ratings/orders/:id/step',
    {
      schema: { hide: true, params: OrderParams, body: StepBody },
      config: { permission: 'ratings.rectify', formPage, input: textInput },
    },
    act('ratings.rectify', service.takeStep),
  );
  app.post(
    '/ratings/orders/:id/sample',
    {
      schema: { hide: true, params: OrderParams, body: SampleBody },
      config: { permission: 'ratings.sample', formPage, input: textInput },
    },
    act('ratings.sample', service.sampleOrder),
  );
  app.post(
    '/ratings/orders/:id/set-aside',
    {
      schema: { hide: true, params: OrderParams, body: ProposeBody },
      config: { permission: 'ratings.set_aside', formPage, input: textInput },
    },
    act('ratings.set_aside', setAside.proposeSetAside),
  );
  app.post(
    '/ratings/orders/:id/set-aside/decide',
    {
      schema: { hide: true, params: OrderParams, body: DecideBody },
      config: { permission: 'ratings.review_set_aside', formPage, input: textInput },
    },
    act('ratings.review_set_aside', setAside.decideSetAside),
  );
}
