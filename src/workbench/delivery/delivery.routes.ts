import Type from 'typebox';
import type { App } from '../../shared/http/app.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { AppError } from '../../shared/http/errors.ts';
import { setFlash } from '../../shared/http/flash.ts';
import { FormBody } from '../../shared/http/schemas.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { CaseParams } from '../cases/cases.schema.ts';
import { visibleCase } from '../cases/cases.service.ts';
import { workbenchContext } from '../page.ts';
import { staffOf } from '../session.ts';
import { waybillPage } from './delivery.pages.tsx';
import { deliveryOf } from './delivery.repository.ts';
import { recipientOf, requestDelivery } from './delivery.service.ts';

const DeliveryBody = FormBody({
  action: Type.Union([Type.Literal('create'), Type.Literal('cancel')]),
});

/** Sending a decided case's result by courier, calling a waybill back, and printing it. */
export function registerDeliveryRoutes(app: App, services: ZoneServices): void {
  app.post(
    '/cases/:number/delivery',
    { schema: { params: CaseParams, body: DeliveryBody }, config: { permission: 'cases.act' } },
    async (request, reply) => {
      const row = await visibleCase(services.db, staffOf(request), request.params.number);
      const { action } = request.body;
      await requestDelivery(services, staffOf(request), actorOf(request), row, action);
      if (wantsJson(request)) return reply.code(202).send({ caseNumber: row.caseNumber, action });
      setFlash(
        request,
        action === 'create'
          ? request.lang === 'en'
            ? 'Sent to the portal for a waybill.'
            : '已交寄，正在生成快递运单。'
          : request.lang === 'en'
            ? 'Asked the courier to cancel the waybill.'
            : '已申请取消运单。',
      );
      return reply.redirect(`/cases/${row.caseNumber}`, 303);
    },
  );

  // The printout shows the recipient's phone whole: reading it is audited, as reading the applicant is.
  app.get(
    '/cases/:number/waybill',
    { schema: { params: CaseParams }, config: { permission: 'cases.read' } },
    async (request, reply) => {
      const row = await visibleCase(services.db, staffOf(request), request.params.number);
      const delivery = await deliveryOf(services.db, row.caseNumber);
      if (!delivery?.waybillNo) throw new AppError('NOT_FOUND');
      await services.db.transaction((tx) =>
        recordAudit(tx, {
          ...actorOf(request),
          action: 'case.waybill.print',
          target: `case:${row.caseNumber}`,
          detail: { waybillNo: delivery.waybillNo, personalData: ['recipient'] },
          at: services.now(),
        }),
      );
      const ctx = workbenchContext(request, reply);
      return reply.html(
        waybillPage({
          ctx,
          caseNumber: row.caseNumber,
          delivery,
          recipient: recipientOf(services, delivery),
        }),
      );
    },
  );
}
