import type { KeyObject } from 'node:crypto';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { SIGNATURE_HEADER, signPayload, verifyPayload } from '../../shared/crypto/payment-signature.ts';
import type { GatewayNotifier } from '../payment-gateway/gateway.notifier.ts';
import { COURIER_CSS, listPage, notFoundPage, waybillPage } from './courier.pages.ts';
import {
  nextStatus,
  TRACKING_STATUSES,
  type CourierStore,
  type Party,
  type TrackingEvent,
  type TrackingStatus,
  type Waybill,
} from './courier.store.ts';

export interface CourierAppOptions {
  /** The courier's own private key: it signs answers and tracking callbacks. */
  courierKey: KeyObject;
  /** Each client's public key, by client id: requests are accepted only when signed by it. */
  clients: Record<string, KeyObject>;
  clock: () => Date;
  notifier: GatewayNotifier;
  store: CourierStore;
}

const text = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max ? value : undefined;

function partyOf(value: unknown): Party | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const name = text(v.name, 60);
  const phone = text(v.phone, 30);
  const address = text(v.address, 200);
  return name && phone && address ? { name, phone, address } : undefined;
}

/** The tracking callback for one step, as the client receives it (signed by the notifier). */
export function callbackOf(waybill: Waybill, event: TrackingEvent): Record<string, unknown> {
  return {
    clientId: waybill.clientId,
    orderNo: waybill.orderNo,
    waybillNo: waybill.waybillNo,
    eventId: event.eventId,
    status: event.status,
    occurredAt: event.at.toISOString(),
    note: event.note,
  };
}

/** The sandbox courier: a signed JSON API for the client, and a tracking page where a tester moves a parcel. */
export function buildCourierApp(options: CourierAppOptions): FastifyInstance {
  const { store, notifier, clock } = options;
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  void app.register(formbody);

  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', "default-src 'none'; style-src 'self'; form-action 'self'");
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', 'no-store');
  });

  const signed = (request: FastifyRequest, reply: FastifyReply): Record<string, unknown> | undefined => {
    const body = request.body as Record<string, unknown> | null;
    const key = body && typeof body.clientId === 'string' ? options.clients[body.clientId] : undefined;
    if (!body || !key || !verifyPayload(key, body, request.headers[SIGNATURE_HEADER])) {
      void reply.code(401).send({ error: 'BAD_SIGNATURE' });
      return undefined;
    }
    return body;
  };
  const answer = (reply: FastifyReply, payload: Record<string, unknown>, code = 200) =>
    reply
      .code(code)
      .header(SIGNATURE_HEADER, signPayload(options.courierKey, payload))
      .type('application/json')
      .send(JSON.stringify(payload));
  const view = (waybill: Waybill) => ({
    clientId: waybill.clientId,
    orderNo: waybill.orderNo,
    waybillNo: waybill.waybillNo,
    status: waybill.status,
  });
  const html = (reply: FastifyReply, body: string, code = 200) =>
    reply.code(code).type('text/html; charset=utf-8').send(body);

  /** A step of the parcel: recorded, and its callback queued and sent at once (retried later if unanswered). */
  const push = (waybill: Waybill, status: TrackingStatus | 'cancelled') => {
    const event = store.record(waybill, status, clock());
    notifier.enqueue(waybill.notifyUrl, callbackOf(waybill, event));
    void notifier.runDue();
  };

  app.get('/courier.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(COURIER_CSS));
  app.get('/', async (_request, reply) => html(reply, listPage([...store.waybills.values()])));

  app.post('/api/v1/waybills', async (request, reply) => {
    const body = signed(request, reply);
    if (!body) return reply;
    const orderNo = text(body.orderNo, 64);
    const notifyUrl = text(body.notifyUrl, 500);
    const sender = partyOf(body.sender);
    const recipient = partyOf(body.recipient);
    if (!orderNo || !notifyUrl || !sender || !recipient)
      return reply.code(422).send({ error: 'BAD_WAYBILL' });
    const clientId = body.clientId as string;
    // The same order number twice is the client retrying: the same waybill, never a second parcel.
    const existing = store.byOrderNo(clientId, orderNo);
    if (existing) return answer(reply, view(existing));
    const waybill = store.add({ clientId, orderNo, sender, recipient, notifyUrl, createdAt: clock() });
    return answer(reply, view(waybill), 201);
  });

  app.post('/api/v1/waybills/cancel', async (request, reply) => {
    const body = signed(request, reply);
    if (!body) return reply;
    const waybill = store.waybills.get(text(body.waybillNo, 20) ?? '');
    if (!waybill || waybill.clientId !== body.clientId)
      return reply.code(404).send({ error: 'NO_SUCH_WAYBILL' });
    if (waybill.status === 'cancelled') return answer(reply, view(waybill));
    // Once the courier holds the parcel it can only be delivered or sent back, not cancelled.
    if (waybill.status !== 'created') return reply.code(409).send({ error: 'ALREADY_PICKED_UP' });
    push(waybill, 'cancelled');
    return answer(reply, view(waybill));
  });

  app.get('/waybills/:no', async (request, reply) => {
    const waybill = store.waybills.get((request.params as { no: string }).no);
    if (!waybill) return html(reply, notFoundPage(), 404);
    return html(reply, waybillPage(waybill));
  });

  // A tester pushes any step, in any order (a late 'in transit' after 'delivered' included): the client must cope.
  app.post('/waybills/:no', async (request, reply) => {
    const waybill = store.waybills.get((request.params as { no: string }).no);
    if (!waybill) return html(reply, notFoundPage(), 404);
    const status = (request.body as { status?: unknown } | null)?.status;
    if (waybill.status !== 'cancelled' && TRACKING_STATUSES.includes(status as TrackingStatus))
      push(waybill, status as TrackingStatus);
    return reply.redirect(`/waybills/${waybill.waybillNo}`, 303);
  });

  return app;
}

/**
 * The sandbox's own pace: every waybill not yet delivered takes its next step once `stepMs` have passed since
 * its last one, so a demo's parcel arrives by itself. Answers how many steps were taken.
 */
export function advanceWaybills(
  store: CourierStore,
  notifier: GatewayNotifier,
  now: Date,
  stepMs: number,
): number {
  let steps = 0;
  for (const waybill of store.waybills.values()) {
    const next = nextStatus(waybill);
    const last = waybill.events.at(-1)?.at ?? waybill.createdAt;
    if (!next || now.getTime() - last.getTime() < stepMs) continue;
    const event = store.record(waybill, next, now);
    notifier.enqueue(waybill.notifyUrl, callbackOf(waybill, event));
    steps++;
  }
  if (steps) void notifier.runDue();
  return steps;
}
