import type { FastifyReply, FastifyRequest } from 'fastify';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { App } from '../../shared/http/app.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { staffOf } from '../session.ts';
import { allows } from '../staff/staff.policy.ts';
import { financeWords } from './finance.messages.ts';
import * as pages from './finance.pages.tsx';
import { MERCHANT_ACCOUNT } from './finance.policy.ts';
import { presentDay, presentDifference, presentIncome } from './finance.presenter.ts';
import * as repo from './finance.repository.ts';
import { DayParams, DifferenceParams, IncomeQuery, RequestBody, ResolveBody } from './finance.schema.ts';
import * as service from './finance.service.ts';

type Form = { values?: Record<string, string>; errors?: FieldError[] };

// The reason may span lines.
const reasonInput = { multiline: ['reason'] };

export function registerFinanceRoutes(app: App, services: ZoneServices): void {
  async function daysPage(request: FastifyRequest, reply: FastifyReply, form: Form = {}) {
    const me = staffOf(request);
    const reachesAccount = allows(me, 'finance.read', MERCHANT_ACCOUNT.unitPath);
    return pages.daysPage({
      ctx: workbenchContext(request, reply),
      days: reachesAccount ? await service.daysOf(services) : null,
      mayRequest: allows(me, 'finance.resolve', MERCHANT_ACCOUNT.unitPath),
      flash: takeFlash(request),
      ...form,
    });
  }
  const daysFormPage: FormPage = (request, reply, form) => daysPage(request, reply, form);

  app.get(
    '/finance/reconciliation',
    { schema: { hide: true }, config: { permission: 'finance.read' } },
    async (request, reply) => reply.html(await daysPage(request, reply)),
  );

  app.post(
    '/finance/reconciliation/request',
    {
      schema: { hide: true, body: RequestBody },
      config: { permission: 'finance.resolve', formPage: daysFormPage },
    },
    async (request, reply) => {
      let day: string;
      try {
        day = await service.requestReconciliation(
          services,
          staffOf(request),
          actorOf(request),
          formBody(request),
        );
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => daysPage(request, reply, { values: formBody(request), errors }),
          financeWords,
        );
      }
      setFlash(
        request,
        request.lang === 'en'
          ? `Reconciliation of ${day} asked for; the figures follow when the gateway's file has been checked.`
          : `已发起 ${day} 的对账，核对银行对账单后显示结果。`,
      );
      return reply.redirect('/finance/reconciliation', 303);
    },
  );

  app.get(
    '/finance/reconciliation/:day',
    { schema: { hide: true, params: DayParams }, config: { permission: 'finance.read' } },
    async (request, reply) => {
      const me = staffOf(request);
      const day = await service.loadDay(services, me, 'finance.read', request.params.day);
      const detail = await service.dayDetail(services, me, day);
      if (wantsJson(request)) return reply.send(presentDay(detail));
      return reply.html(
        pages.dayPage({ ctx: workbenchContext(request, reply), detail, flash: takeFlash(request) }),
      );
    },
  );

  async function differencePage(request: FastifyRequest, form: Form = {}) {
    const me = staffOf(request);
    const { day: dayParam, id } = request.params as { day: string; id: string };
    const day = await service.loadDay(services, me, 'finance.read', dayParam);
    const difference = await repo.differenceById(services.db, id);
    if (difference?.day !== day.day) throw new AppError('NOT_FOUND');
    return { day, difference, mayResolve: allows(me, 'finance.resolve', MERCHANT_ACCOUNT.unitPath), ...form };
  }
  const differenceFormPage: FormPage = async (request, reply, form) =>
    pages.differencePage({ ctx: workbenchContext(request, reply), ...(await differencePage(request, form)) });

  app.get(
    '/finance/reconciliation/:day/differences/:id',
    { schema: { hide: true, params: DifferenceParams }, config: { permission: 'finance.read' } },
    async (request, reply) => {
      const found = await differencePage(request);
      if (wantsJson(request)) return reply.send(presentDifference(found.difference, found.day.computedAt));
      return reply.html(pages.differencePage({ ctx: workbenchContext(request, reply), ...found }));
    },
  );

  app.post(
    '/finance/reconciliation/:day/differences/:id/resolve',
    {
      schema: { hide: true, params: DifferenceParams, body: ResolveBody },
      config: { permission: 'finance.resolve', formPage: differenceFormPage, input: reasonInput },
    },
    async (request, reply) => {
      const me = staffOf(request);
      const day = await service.loadDay(services, me, 'finance.resolve', request.params.day);
      try {
        await service.resolveDifference(
          services,
          me,
          actorOf(request),
          day,
          request.params.id,
          formBody(request),
        );
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          async (errors) => differenceFormPage(request, reply, { values: formBody(request), errors }),
          financeWords,
        );
      }
      setFlash(request, request.lang === 'en' ? 'Difference resolved.' : '差异已处理。');
      return reply.redirect(`/finance/reconciliation/${day.day}`, 303);
    },
  );

  app.get(
    '/finance/income',
    { schema: { hide: true, querystring: IncomeQuery }, config: { permission: 'finance.read' } },
    async (request, reply) => {
      const asked = request.query.day ?? '';
      const day = service.isDay(asked) ? asked : todayInShanghai(services.now());
      const lines = await service.incomeOf(services, staffOf(request), day);
      if (wantsJson(request)) return reply.send({ day, income: presentIncome(lines) });
      return reply.html(pages.incomePage({ ctx: workbenchContext(request, reply), day, lines }));
    },
  );
}
