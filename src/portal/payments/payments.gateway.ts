import type { KeyObject } from 'node:crypto';
import {
  SIGNATURE_HEADER,
  signPayload,
  verifyBytes,
  verifyPayload,
} from '../../shared/crypto/payment-signature.ts';
import { AppError } from '../../shared/http/errors.ts';

/** The gateway's word for an order (a query answer or a notification), once its signature has been checked. */
export interface GatewayOrderState {
  orderNo: string;
  gatewayOrderId: string | null;
  status: 'pending' | 'paid' | 'cancelled' | 'failed' | 'expired' | 'unknown';
  amountFen: number | null;
  paidAt: string | null;
}

export interface CreatedOrder {
  gatewayOrderId: string;
  /** The gateway's checkout page the payer is sent to. */
  payUrl: string;
}

/**
 * What the payment engine needs of a gateway. One implementation talks to the sandbox (or a bank with the
 * same API) over HTTP; every answer is checked against the gateway's public key before it is believed.
 */
export interface PaymentGateway {
  createOrder(order: {
    orderNo: string;
    amountFen: number;
    subject: string;
    expiresAt: Date;
    notifyUrl: string;
    returnUrl: string;
  }): Promise<CreatedOrder>;
  queryOrder(orderNo: string): Promise<GatewayOrderState>;
  refund(request: { orderNo: string; refundNo: string; amountFen: number }): Promise<void>;
  /** The day's reconciliation file (CSV), its signature checked. */
  reconciliationFile(day: string): Promise<string>;
  /** A notification's payload, if the signature is the gateway's and it names this merchant. */
  verifyNotification(payload: unknown, signature: unknown): GatewayOrderState | undefined;
}

/** The gateway could not be reached, refused, or answered with a signature that is not its own. */
export class GatewayError extends AppError {
  constructor(detail: string) {
    super('PAYMENT_UNAVAILABLE', { detail });
  }
}

const STATUSES = new Set(['pending', 'paid', 'cancelled', 'failed', 'expired', 'unknown']);

function stateOf(body: Record<string, unknown>): GatewayOrderState | undefined {
  if (typeof body.orderNo !== 'string' || !STATUSES.has(body.status as string)) return undefined;
  return {
    orderNo: body.orderNo,
    gatewayOrderId: typeof body.gatewayOrderId === 'string' ? body.gatewayOrderId : null,
    status: body.status as GatewayOrderState['status'],
    amountFen: Number.isSafeInteger(body.amountFen) ? (body.amountFen as number) : null,
    paidAt: typeof body.paidAt === 'string' ? body.paidAt : null,
  };
}

export class HttpPaymentGateway implements PaymentGateway {
  constructor(
    private readonly options: {
      baseUrl: string;
      merchantId: string;
      merchantKey: KeyObject;
      gatewayPublicKey: KeyObject;
    },
  ) {}

  private async call(path: string, body: Record<string, unknown>): Promise<Response> {
    const payload = { ...body, merchantId: this.options.merchantId };
    try {
      return await fetch(new URL(path, this.options.baseUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signPayload(this.options.merchantKey, payload),
        },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new GatewayError(`payment gateway unreachable (${path})`);
    }
  }

  /** A JSON answer the gateway signed; anything else is treated as no answer at all. */
  private async signedJson(answer: Response, path: string): Promise<Record<string, unknown>> {
    const body = (await answer.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!body || !verifyPayload(this.options.gatewayPublicKey, body, answer.headers.get(SIGNATURE_HEADER)))
      throw new GatewayError(
        `payment gateway answer to ${path} not signed by the gateway (${answer.status})`,
      );
    return body;
  }

  async createOrder(order: Parameters<PaymentGateway['createOrder']>[0]): Promise<CreatedOrder> {
    const answer = await this.call('/api/v1/orders', { ...order, expiresAt: order.expiresAt.toISOString() });
    const body = await this.signedJson(answer, 'orders');
    if (typeof body.gatewayOrderId !== 'string' || typeof body.payUrl !== 'string')
      throw new GatewayError('payment gateway order answer incomplete');
    return {
      gatewayOrderId: body.gatewayOrderId,
      payUrl: new URL(body.payUrl, this.options.baseUrl).toString(),
    };
  }

  async queryOrder(orderNo: string): Promise<GatewayOrderState> {
    const answer = await this.call('/api/v1/orders/query', { orderNo });
    const state = stateOf(await this.signedJson(answer, 'query'));
    if (!state || state.orderNo !== orderNo) throw new GatewayError('payment gateway query answer malformed');
    return state;
  }

  async refund(request: { orderNo: string; refundNo: string; amountFen: number }): Promise<void> {
    const answer = await this.call('/api/v1/refunds', request);
    if (answer.status === 409) throw new AppError('CONFLICT', { detail: 'refund refused by the gateway' });
    await this.signedJson(answer, 'refunds');
  }

  async reconciliationFile(day: string): Promise<string> {
    const answer = await this.call('/api/v1/reconciliation', { date: day });
    const bytes = Buffer.from(await answer.arrayBuffer());
    if (
      !answer.ok ||
      !verifyBytes(this.options.gatewayPublicKey, bytes, answer.headers.get(SIGNATURE_HEADER))
    )
      throw new GatewayError('reconciliation file not signed by the gateway');
    return bytes.toString('utf8');
  }

  verifyNotification(payload: unknown, signature: unknown): GatewayOrderState | undefined {
    if (!payload || typeof payload !== 'object') return undefined;
    if (!verifyPayload(this.options.gatewayPublicKey, payload, signature)) return undefined;
    const body = payload as Record<string, unknown>;
    if (body.merchantId !== this.options.merchantId) return undefined;
    return stateOf(body);
  }
}
