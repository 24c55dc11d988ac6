import type { KeyObject } from 'node:crypto';
import { publicPortalUrl, type Config } from '../../shared/config.ts';
import {
  privateKeyOf,
  publicKeyOf,
  SIGNATURE_HEADER,
  signPayload,
  verifyPayload,
} from '../../shared/crypto/payment-signature.ts';
import { trackingStatuses } from '../../shared/delivery/delivery.status.ts';
import { AppError } from '../../shared/http/errors.ts';
import type { DeliveryParty } from './delivery.tables.ts';

/** A tracking callback, once its signature has been checked. */
export interface TrackingCallback {
  orderNo: string;
  waybillNo: string;
  eventId: string;
  status: (typeof trackingStatuses)[number];
  occurredAt: Date;
  note: string;
}

/**
 * What delivery needs of a courier. One implementation talks to the sandbox (or a courier with the same API)
 * over HTTP, signed with the platform's key; every answer and callback is checked against the courier's key.
 */
export interface Courier {
  createWaybill(request: {
    orderNo: string;
    sender: DeliveryParty;
    recipient: DeliveryParty;
  }): Promise<{ waybillNo: string }>;
  /** False when the courier refuses: the parcel is already on its way. */
  cancelWaybill(waybillNo: string): Promise<boolean>;
  verifyCallback(payload: unknown, signature: unknown): TrackingCallback | undefined;
}

/** The courier could not be reached, refused, or answered with a signature that is not its own. */
export class CourierError extends AppError {
  constructor(detail: string) {
    super('COURIER_UNAVAILABLE', { detail });
  }
}

const str = (value: unknown, max: number) =>
  typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;

export class HttpCourier implements Courier {
  constructor(
    private readonly options: {
      baseUrl: string;
      clientId: string;
      clientKey: KeyObject;
      courierPublicKey: KeyObject;
      /** Where the courier posts its tracking callbacks (the portal's public address). */
      notifyUrl: string;
    },
  ) {}

  private async call(path: string, body: Record<string, unknown>): Promise<Response> {
    const payload = { ...body, clientId: this.options.clientId };
    try {
      return await fetch(new URL(path, this.options.baseUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signPayload(this.options.clientKey, payload),
        },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new CourierError(`courier unreachable (${path})`);
    }
  }

  private async signedJson(answer: Response, path: string): Promise<Record<string, unknown>> {
    const body = (await answer.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!body || !verifyPayload(this.options.courierPublicKey, body, answer.headers.get(SIGNATURE_HEADER)))
      throw new CourierError(`courier answer to ${path} not signed by the courier (${answer.status})`);
    return body;
  }

  async createWaybill(request: Parameters<Courier['createWaybill']>[0]): Promise<{ waybillNo: string }> {
    const answer = await this.call('/api/v1/waybills', { ...request, notifyUrl: this.options.notifyUrl });
    const body = await this.signedJson(answer, 'waybills');
    const waybillNo = str(body.waybillNo, 20);
    if (!waybillNo || body.orderNo !== request.orderNo)
      throw new CourierError('courier waybill answer malformed');
    return { waybillNo };
  }

  async cancelWaybill(waybillNo: string): Promise<boolean> {
    const answer = await this.call('/api/v1/waybills/cancel', { waybillNo });
    if (answer.status === 409) return false;
    const body = await this.signedJson(answer, 'cancel');
    return body.status === 'cancelled';
  }

  verifyCallback(payload: unknown, signature: unknown): TrackingCallback | undefined {
    if (!payload || typeof payload !== 'object') return undefined;
    if (!verifyPayload(this.options.courierPublicKey, payload, signature)) return undefined;
    const body = payload as Record<string, unknown>;
    if (body.clientId !== this.options.clientId) return undefined;
    const orderNo = str(body.orderNo, 64);
    const waybillNo = str(body.waybillNo, 20);
    const eventId = str(body.eventId, 64);
    const occurredAt = new Date(typeof body.occurredAt === 'string' ? body.occurredAt : NaN);
    const status = trackingStatuses.find((s) => s === body.status);
    if (!orderNo || !waybillNo || !eventId || !status || Number.isNaN(occurredAt.getTime())) return undefined;
    const note = typeof body.note === 'string' ? body.note.slice(0, 200) : '';
    return { orderNo, waybillNo, eventId, status, occurredAt, note };
  }
}

/** The portal's courier from the settings; none (results collected at the hall only) unless all are set. */
export function courierFrom(config: Config): Courier | undefined {
  const { COURIER_URL: url, COURIER_CLIENT_KEY: key, COURIER_PUBLIC_KEY: courierKey } = config;
  if (!url || !key || !courierKey) return undefined;
  const portal = publicPortalUrl(config);
  return new HttpCourier({
    baseUrl: url,
    clientId: config.COURIER_CLIENT_ID,
    clientKey: privateKeyOf(key),
    courierPublicKey: publicKeyOf(courierKey),
    notifyUrl: new URL('/delivery/notify', portal).toString(),
  });
}
