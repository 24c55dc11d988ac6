import type { KeyObject } from 'node:crypto';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  SIGNATURE_HEADER,
  signBytes,
  signPayload,
  verifyPayload,
} from '../../shared/crypto/payment-signature.ts';
import { GatewayNotifier } from './gateway.notifier.ts';
import { GATEWAY_CSS, notFoundPage, payPage, returnAddress } from './gateway.pages.ts';
import { GatewayStore, type GatewayOrder } from './gateway.store.ts';

export interface GatewayAppOptions {
  /** The gateway's own private key: it signs answers, notifications and reconciliation files. */
  gatewayKey: KeyObject;
  /** Each merchant's public key, by merchant id: requests are accepted only when signed by it. */
  merchants: Record<string, KeyObject>;
  clock: () => Date;
  notifier: GatewayNotifier;
  store: GatewayStore;
}

const text = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;

/** The Beijing date (YYYY-MM-DD) of an instant: the day a Chinese gateway books it on. */
export function bookingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The sandbox bank: a signed JSON API for the merchant, and a checkout page for the payer. */
export function buildGatewayApp(options: GatewayAppOptions): FastifyInstance {
  const { store, notifier, clock } = options;
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  void app.register(formbody);

  app.addHook('onSend', async (_request, reply) => {
    reply.header(
      'content-security-policy',
      "default-src 'none'; style-src 'self'; form-action 'self' http: https:",
    );
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', 'no-store');
  });

  /** The merchant's signed request, or a refusal: unknown merchant or bad signature answer 401. */
  const signed = (request: FastifyRequest, reply: FastifyReply): Record<string, unknown> | undefined => {
    const body = request.body as Record<string, unknown> | null;
    const key = body && typeof body.merchantId === 'string' ? options.merchants[body.merchantId] : undefined;
    if (!body || !key || !verifyPayload(key, body, request.headers[SIGNATURE_HEADER])) {
      void reply.code(401).send({ error: 'BAD_SIGNATURE' });
      return undefined;
    }
    return body;
  };
  const answer = (reply: FastifyReply, payload: Record<string, unknown>, code = 200) =>
    reply
      .code(code)
      .header(SIGNATURE_HEADER, signPayload(options.gatewayKey, payload))
      .type('application/json')
      .send(JSON.stringify(payload));
  const view = (order: GatewayOrder) => {
    store.settle(order, clock());
    return {
      merchantId: order.merchantId,
      orderNo: order.orderNo,
      gatewayOrderId: order.gatewayOrderId,
      status: order.status,
      amountFen: order.amountFen,
      paidAt: order.paidAt?.toISOString() ?? null,
      refundedFen: store.refunded(order),
    };
  };
  const notify = (order: GatewayOrder) => notifier.enqueue(order.notifyUrl, view(order));

  app.get('/gateway.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(GATEWAY_CSS));
  app.get('/', async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send('OpenPSB payment gateway sandbox\n'),
  );

  app.post('/api/v1/orders', async (request, reply) => {
    const body = signed(request, reply);
    if (!body) return reply;
    const orderNo = text(body.orderNo, 64);
    const subject = text(body.subject, 128);
    const notifyUrl = text(body.notifyUrl, 500);
    const returnUrl = text(body.returnUrl, 500);
    const expiresAt = new Date(typeof body.expiresAt === 'string' ? body.expiresAt : NaN);
    const amountFen = body.amountFen;
    if (
      !orderNo ||
      !subject ||
      !notifyUrl ||
      !returnUrl ||
      Number.isNaN(expiresAt.getTime()) ||
      !Number.isSafeInteger(amountFen) ||
      (amountFen as number) <= 0
    )
      return reply.code(422).send({ error: 'BAD_ORDER' });
    const merchantId = body.merchantId as string;
    const existing = store.byOrderNo(merchantId, orderNo);
    // The same order number twice is the merchant retrying: the same order, unless the terms differ.
    if (existing) {
      if (existing.amountFen !== amountFen) return reply.code(409).send({ error: 'ORDER_NO_REUSED' });
      return answer(reply, { ...view(existing), payUrl: `/pay/${existing.gatewayOrderId}` });
    }
    const order = store.add({
      merchantId,
      orderNo,
      amountFen: amountFen as number,
      subject,
      expiresAt,
      notifyUrl,
      returnUrl,
      createdAt: clock(),
    });
    return answer(reply, { ...view(order), payUrl: `/pay/${order.gatewayOrderId}` }, 201);
  });

  app.post('/api/v1/orders/query', async (request, reply) => {
    const body = signed(request, reply);
    if (!body) return reply;
    const order = store.byOrderNo(body.merchantId as string, text(body.orderNo, 64) ?? '');
    if (!order) return answer(reply, { orderNo: body.orderNo ?? null, status: 'unknown' }, 404);
    return answer(reply, view(order));
  });

  app.post('/api/v1/refunds', async (request, reply) => {
    const body = signed(request, reply);
    if (!body) return reply;
    const order = store.byOrderNo(body.merchantId as string, text(body.orderNo, 64) ?? '');
    const refundNo = text(body.refundNo, 64);
    const amountFen = body.amountFen;
    if (!order || !refundNo || !Number.isSafeInteger(amountFen) || (amountFen as number) <= 0)
      return reply.code(422).send({ error: 'BAD_REFUND' });
    const earlier = order.refunds.find((refund) => refund.refundNo === refundNo);
    // A refund number already booked is the merchant retrying: the same refund, never a second one.
    if (earlier) return answer(reply, { ...view(order), refundNo, refundFen: earlier.amountFen });
    if (order.status !== 'paid') return reply.code(409).send({ error: 'NOT_PAID' });
    if (store.refunded(order) + (amountFen as number) > order.amountFen)
      return reply.code(409).send({ error: 'REFUND_EXCEEDS_PAYMENT' });
    order.refunds.push({ refundNo, amountFen: amountFen as number, at: clock() });
    return answer(reply, { ...view(order), refundNo, refundFen: amountFen as number });
  });

  // The day's file, as a bank's 对账单: every payment and refund booked on that Beijing day, signed.
  app.post('/api/v1/reconciliation', async (request, reply) => {
    const body = signed(request, reply);
    if (!body) return reply;
    const day = text(body.date, 10);
    if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return reply.code(422).send({ error: 'BAD_DATE' });
    const lines = ['gateway_order_id,order_no,type,amount_fen,booked_at,refund_no'];
    for (const order of store.orders.values()) {
      if (order.merchantId !== body.merchantId) continue;
      if (order.paidAt && bookingDay(order.paidAt) === day)
        lines.push(
          `${order.gatewayOrderId},${order.orderNo},payment,${String(order.amountFen)},${order.paidAt.toISOString()},`,
        );
      for (const refund of order.refunds)
        if (bookingDay(refund.at) === day)
          lines.push(
            `${order.gatewayOrderId},${order.orderNo},refund,${String(refund.amountFen)},${refund.at.toISOString()},${refund.refundNo}`,
          );
    }
    const csv = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    return reply
      .header(SIGNATURE_HEADER, signBytes(options.gatewayKey, csv))
      .type('text/csv; charset=utf-8')
      .send(csv);
  });

  app.get('/pay/:id', async (request, reply) => {
    const order = store.orders.get((request.params as { id: string }).id);
    if (!order) return reply.code(404).type('text/html; charset=utf-8').send(notFoundPage());
    store.settle(order, clock());
    return reply.type('text/html; charset=utf-8').send(payPage(order));
  });

  app.post('/pay/:id', async (request, reply) => {
    const order = store.orders.get((request.params as { id: string }).id);
    if (!order) return reply.code(404).type('text/html; charset=utf-8').send(notFoundPage());
    store.settle(order, clock());
    const outcome = (request.body as { outcome?: unknown } | null)?.outcome;
    if (order.status === 'pending') {
      if (outcome === 'pay') {
        order.status = 'paid';
        order.paidAt = clock();
        notify(order);
      } else if (outcome === 'cancel') {
        order.status = 'cancelled';
        notify(order);
      } else if (outcome === 'fail') {
        order.status = 'failed';
        notify(order);
      } else if (outcome === 'expire') {
        // As if the payer had walked away until the deadline: no notification, as for a real expiry.
        order.status = 'expired';
        order.expiresAt = clock();
      }
    }
    // Notifications go out at once (and again later if unanswered); the payer is sent back meanwhile.
    void notifier.runDue();
    if (order.status === 'expired' || order.status === 'pending')
      return reply.type('text/html; charset=utf-8').send(payPage(order));
    return reply.redirect(returnAddress(order), 303);
  });

  return app;
}
