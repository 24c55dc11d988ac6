import type { FastifyRequest } from 'fastify';
import { fileHeaders } from '../../shared/files/file-response.ts';
import { SIGNATURE_HEADER } from '../../shared/crypto/payment-signature.ts';
import type { App } from '../../shared/http/app.ts';
import { AppError } from '../../shared/http/errors.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import { citizenOf } from '../session.ts';
import { paymentMessage } from './payments.messages.ts';
import { amountDue } from './payments.payables.ts';
import * as pages from './payments.pages.tsx';
import * as repo from './payments.repository.ts';
import { RECEIPT_CODE, renderReceipt } from './payments.receipt.ts';
import {
  NotificationBody,
  PayableParams,
  PayBody,
  ReceiptCodeParams,
  ReturnQuery,
} from './payments.schema.ts';
import * as service from './payments.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The payable of the address: a malformed id is as missing as an unknown one. */
function payableIdOf(request: FastifyRequest<{ Params: { payableId: string } }>): string {
  if (!UUID.test(request.params.payableId)) throw new AppError('NOT_FOUND');
  return request.params.payableId;
}

/**
 * 我的缴费, paying through the gateway, and the gateway's way back: its notifications (server to server) and
 * the payer's return (browser). Without a configured gateway the pages still show what is owed and paid.
 */
export function registerPaymentRoutes(
  app: App,
  services: ZoneServices,
  runtime: service.PaymentRuntime | undefined,
  portalBaseUrl: string,
) {
  const gateway = () => {
    if (!runtime) throw new AppError('PAYMENT_UNAVAILABLE', { detail: 'no payment gateway configured' });
    return runtime;
  };

  app.get(
    '/my/payments',
    { schema: { hide: true }, config: { permission: 'payments.view' } },
    async (request, reply) => {
      const payables = await repo.payablesOfCitizen(services.db, citizenOf(request).id);
      // A late fine is listed at what it asks today, not at the amount of its last order.
      const now = services.now();
      const rows = await Promise.all(
        payables.map(async (payable) => ({ payable, due: await amountDue(services.db, payable, now) })),
      );
      return reply.html(pages.listPage({ ctx: portalContext(request, reply), rows }));
    },
  );

  app.get(
    '/my/payments/:payableId',
    { schema: { hide: true, params: PayableParams }, config: { permission: 'payments.view' } },
    async (request, reply) => {
      const payable = await service.loadPayable(
        services,
        citizenOf(request),
        'payments.view',
        payableIdOf(request),
      );
      const orders = await repo.ordersOfPayable(services.db, payable.id);
      const now = services.now();
      const due = await amountDue(services.db, payable, now);
      // An order made on an earlier day of a late fine asks less than is due today: a new one is offered.
      const live = orders.find(
        (o) => o.status === 'pending' && o.payUrl && o.expiresAt > now && o.amountFen === due.amountFen,
      );
      const ctx = portalContext(request, reply);
      const receipt = await repo.receiptOfPayable(services.db, payable.id);
      return reply.html(
        pages.detailPage({ ctx, payable, due, orders, live, now, flash: takeFlash(request), receipt }),
      );
    },
  );

  // The payer's receipt only: someone else's fee is as missing as one that does not exist.
  app.get(
    '/my/payments/:payableId/receipt',
    { schema: { hide: true, params: PayableParams }, config: { permission: 'payments.view' } },
    async (request, reply) => {
      const payable = await service.loadPayable(
        services,
        citizenOf(request),
        'payments.view',
        payableIdOf(request),
      );
      const receipt = await repo.receiptOfPayable(services.db, payable.id);
      if (!receipt) throw new AppError('NOT_FOUND');
      const pdf = await renderReceipt(receipt, payable.reference, portalBaseUrl, request.lang);
      return fileHeaders(reply, {
        type: 'application/pdf',
        name:
          request.lang === 'en' ? `receipt-${receipt.receiptNo}.pdf` : `缴费凭证-${receipt.receiptNo}.pdf`,
        asciiName: `receipt-${receipt.receiptNo}.pdf`,
      })
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  // Public, for anyone holding a receipt; limited per address so the codes cannot be walked.
  app.get(
    '/payments/verify/:code',
    {
      schema: { hide: true, params: ReceiptCodeParams },
      config: { permission: PUBLIC, rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { code } = request.params;
      const found = RECEIPT_CODE.test(code) ? await repo.receiptByCode(services.db, code) : undefined;
      const ctx = portalContext(request, reply);
      return reply
        .header('cache-control', 'no-store')
        .html(pages.verifyPage({ ctx, code, found }), found ? 200 : 404);
    },
  );

  app.post(
    '/my/payments/:payableId/pay',
    { schema: { hide: true, params: PayableParams, body: PayBody }, config: { permission: 'payments.pay' } },
    async (request, reply) => {
      const payableId = payableIdOf(request);
      const payable = await service.loadPayable(services, citizenOf(request), 'payments.pay', payableId);
      if (payable.status === 'due')
        await service.startPayment(services, gateway(), citizenOf(request), payableId);
      return reply.redirect(`/my/payments/${payableId}`, 303);
    },
  );

  // The payer's browser back from the checkout: proves nothing; the order is settled by notification or query.
  app.get(
    '/payments/return',
    { schema: { hide: true, querystring: ReturnQuery }, config: { permission: 'payments.view' } },
    async (request, reply) => {
      const result = await service.returnFromGateway(
        services,
        gateway(),
        citizenOf(request),
        request.query.orderNo,
      );
      const key = result.status === 'paid' ? 'paid' : result.status === 'closed' ? 'closed' : 'confirming';
      setFlash(request, paymentMessage(request.lang, key));
      return reply.redirect(`/my/payments/${result.payableId}`, 303);
    },
  );

  // Server to server: no session and no CSRF token, the gateway's signature instead. A 2xx acknowledges; a
  // forgery gets 400 and an alarm. Unknown orders are acknowledged (and alarmed), so the gateway stops.
  app.post(
    '/payments/notify',
    {
      schema: { hide: true, body: NotificationBody },
      config: { permission: PUBLIC, csrf: false },
    },
    async (request, reply) => {
      const outcome = await service.handleNotification(
        services,
        gateway(),
        request.body,
        request.headers[SIGNATURE_HEADER],
      );
      return reply.code(200).send({ ack: true, outcome });
    },
  );
}
