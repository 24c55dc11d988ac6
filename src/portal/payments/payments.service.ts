import { randomInt } from 'node:crypto';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalPolicy } from '../policy.ts';
import type { CurrentCitizen } from '../session.ts';
import { GatewayError, type GatewayOrderState, type PaymentGateway } from './payments.gateway.ts';
import { amountDue } from './payments.payables.ts';
import { refundOrder } from './payments.refunds.ts';
import { amountDiffers, settlePaid, unknownOrder } from './payments.settlement.ts';
import * as repo from './payments.repository.ts';

/** The gateway and where it sends the payer and its notifications back to. */
export interface PaymentRuntime {
  gateway: PaymentGateway;
  /** The portal's address as the gateway and the payer's browser reach it. */
  portalBaseUrl: string;
  orderMinutes: number;
}

/** An order still payable for at least this long is offered again instead of a new one. */
const REUSE_MARGIN_MS = 60_000;

/** The payable, when the person may take the action on it; one answer for missing and someone else's. */
export async function loadPayable(
  services: ZoneServices,
  citizen: CurrentCitizen,
  action: 'payments.view' | 'payments.pay',
  payableId: string,
): Promise<repo.PayableRow> {
  const row = await repo.payableById(services.db, payableId);
  if (!row) throw new AppError('NOT_FOUND');
  mustAllow(portalPolicy, citizen, action, { citizenId: row.citizenId });
  return row;
}

/** A new merchant order number: P, the Beijing date, 12 random digits (never reused, never guessable). */
function newOrderNo(now: Date): string {
  const digits = Array.from({ length: 12 }, () => String(randomInt(10))).join('');
  return `P${todayInShanghai(now).replaceAll('-', '')}${digits}`;
}

/**
 * The order to pay a due payable with: its live order when one is still payable, or a new one made at the
 * gateway (an expired, cancelled or failed order is left as it is: paying again is a new order).
 */
export async function startPayment(
  services: ZoneServices,
  runtime: PaymentRuntime,
  citizen: CurrentCitizen,
  payableId: string,
): Promise<repo.OrderRow> {
  const payable = await loadPayable(services, citizen, 'payments.pay', payableId);
  if (payable.status !== 'due') throw new AppError('CONFLICT', { detail: 'payable is not due' });
  const now = services.now();
  // A fine paid late asks its surcharge as of today; an order made on an earlier day asks less and is not reused.
  const due = await amountDue(services.db, payable, now);
  const live = (await repo.ordersOfPayable(services.db, payable.id)).find(
    (order) =>
      order.status === 'pending' &&
      order.payUrl &&
      order.amountFen === due.amountFen &&
      order.expiresAt.getTime() - now.getTime() > REUSE_MARGIN_MS,
  );
  if (live) return live;
  const orderNo = newOrderNo(now);
  const expiresAt = new Date(now.getTime() + runtime.orderMinutes * 60_000);
  await services.db.transaction(async (tx) => {
    const locked = await repo.payableById(tx, payable.id, { lock: true });
    if (locked?.status !== 'due') throw new AppError('CONFLICT', { detail: 'payable is not due' });
    await repo.setPayableAmount(tx, payable.id, due);
    await repo.insertOrder(tx, {
      orderNo,
      payableId: payable.id,
      amountFen: due.amountFen,
      surchargeFen: due.surchargeFen,
      expiresAt,
      createdAt: now,
    });
  });
  try {
    const created = await runtime.gateway.createOrder({
      orderNo,
      amountFen: due.amountFen,
      subject: payable.description.zh.slice(0, 128),
      expiresAt,
      notifyUrl: new URL('/payments/notify', runtime.portalBaseUrl).toString(),
      returnUrl: new URL('/payments/return', runtime.portalBaseUrl).toString(),
    });
    await repo.setGatewayOrder(services.db, orderNo, created.gatewayOrderId, created.payUrl);
  } catch (error) {
    await services.db.transaction((tx) => repo.closeOrder(tx, orderNo, 'unavailable'));
    throw error;
  }
  const order = await repo.orderByNo(services.db, orderNo);
  return order!;
}

export type Outcome = 'paid' | 'already-paid' | 'closed' | 'unchanged' | 'unknown-order' | 'amount-differs';

/**
 * What a verified word from the gateway (a notification or a query answer) does to the order. Idempotent and
 * order-free: a repeated, late or out-of-order word never pays twice, never reopens a paid order, and a
 * payment reported after the order was closed here still counts, since the money moved. A paid word is written
 * with the others arriving meanwhile (`settlePaid`); answered once it is.
 */
export async function applyGatewayState(
  services: ZoneServices,
  state: GatewayOrderState,
  via: 'notification' | 'query',
): Promise<{ outcome: Outcome; duplicatePayment?: string }> {
  if (state.status === 'paid' && state.amountFen !== null)
    return settlePaid(services, { ...state, amountFen: state.amountFen }, via);
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const order = await repo.orderByNo(tx, state.orderNo, { lock: true });
    if (!order) {
      await unknownOrder(services, tx, state.orderNo, via, now);
      return { outcome: 'unknown-order' as const };
    }
    if (state.status === 'paid') {
      await amountDiffers(services, tx, order.orderNo, order, state.amountFen, now);
      return { outcome: 'amount-differs' as const };
    }
    if (state.status === 'cancelled' || state.status === 'failed' || state.status === 'expired') {
      const closed = await repo.closeOrder(tx, order.orderNo, state.status);
      return { outcome: closed ? ('closed' as const) : ('unchanged' as const) };
    }
    return { outcome: 'unchanged' as const };
  });
}

/** A notification posted by the gateway: believed only with the gateway's signature; a forgery is alarmed. */
export async function handleNotification(
  services: ZoneServices,
  runtime: PaymentRuntime,
  body: unknown,
  signature: unknown,
): Promise<Outcome> {
  const state = runtime.gateway.verifyNotification(body, signature);
  if (!state) {
    const named = (body as { orderNo?: unknown } | null)?.orderNo;
    await repo.raiseAlarm(
      services.db,
      'forged-notification',
      { orderNo: typeof named === 'string' ? named.slice(0, 64) : null },
      services.now(),
    );
    // Nothing from the body goes to the log: it is whatever the sender chose to write.
    services.log.warn(
      { alarm: 'forged-notification' },
      'payment notification refused: not signed by the gateway',
    );
    throw new AppError('BAD_REQUEST', { detail: 'notification signature refused' });
  }
  const result = await applyGatewayState(services, state, 'notification');
  if (result.duplicatePayment)
    await refundOrder(services, runtime, result.duplicatePayment, 'duplicate-payment');
  return result.outcome;
}

/**
 * The payer is back from the gateway. His browser's word proves nothing: the order is as the notifications
 * left it, or, while it still looks pending, as the gateway answers a query.
 */
export async function returnFromGateway(
  services: ZoneServices,
  runtime: PaymentRuntime,
  citizen: CurrentCitizen,
  orderNo: string,
): Promise<{ payableId: string; status: repo.OrderRow['status'] }> {
  const order = await repo.orderByNo(services.db, orderNo);
  if (!order) throw new AppError('NOT_FOUND');
  await loadPayable(services, citizen, 'payments.view', order.payableId);
  if (order.status === 'pending') {
    try {
      const state = await runtime.gateway.queryOrder(orderNo);
      const result = await applyGatewayState(services, state, 'query');
      if (result.duplicatePayment)
        await refundOrder(services, runtime, result.duplicatePayment, 'duplicate-payment');
    } catch (error) {
      // The gateway is away: the page says the payment is being confirmed; the notification will come.
      if (!(error instanceof GatewayError)) throw error;
      services.log.warn({ err: error }, 'payment query failed on return');
    }
  }
  const now = await repo.orderByNo(services.db, orderNo);
  return { payableId: order.payableId, status: now!.status };
}
