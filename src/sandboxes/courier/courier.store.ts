import { randomBytes, randomUUID } from 'node:crypto';

/** The steps of a parcel, in the order a courier reports them. */
export const TRACKING_STATUSES = [
  'picked-up',
  'in-transit',
  'out-for-delivery',
  'delivered',
  'failed',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];
export type WaybillStatus = 'created' | TrackingStatus | 'cancelled';

export interface Party {
  name: string;
  phone: string;
  address: string;
}

export interface TrackingEvent {
  eventId: string;
  status: TrackingStatus | 'cancelled';
  at: Date;
  note: string;
}

export interface Waybill {
  waybillNo: string;
  clientId: string;
  orderNo: string;
  sender: Party;
  recipient: Party;
  notifyUrl: string;
  status: WaybillStatus;
  createdAt: Date;
  events: TrackingEvent[];
}

/** The sandbox's own word for each step, as a courier's tracking page words it. */
export const EVENT_NOTES: Record<TrackingEvent['status'], string> = {
  'picked-up': '快递员已揽收',
  'in-transit': '运输中，已到达示范市转运中心',
  'out-for-delivery': '派送中，快递员正在派件',
  delivered: '已签收',
  failed: '派送失败：收件人不在，将再次派送',
  cancelled: '运单已取消',
};

/** The next step the sandbox takes by itself: a parcel that failed once is delivered on the second try. */
export function nextStatus(waybill: Waybill): TrackingStatus | undefined {
  switch (waybill.status) {
    case 'created':
      return 'picked-up';
    case 'picked-up':
      return 'in-transit';
    case 'in-transit':
      return 'out-for-delivery';
    case 'out-for-delivery':
    case 'failed':
      return 'delivered';
    default:
      return undefined;
  }
}

/** The sandbox's waybills, in memory: a sandbox forgets everything on restart, as a test environment resets. */
export class CourierStore {
  readonly waybills = new Map<string, Waybill>();
  private readonly byClientOrder = new Map<string, string>();

  add(waybill: Omit<Waybill, 'waybillNo' | 'status' | 'events'>): Waybill {
    const stored: Waybill = {
      ...waybill,
      // Twelve digits after a letter pair, as the large couriers number theirs.
      waybillNo: `SF${String(randomBytes(5).readUIntBE(0, 5) % 1e12).padStart(12, '0')}`,
      status: 'created',
      events: [],
    };
    this.waybills.set(stored.waybillNo, stored);
    this.byClientOrder.set(`${waybill.clientId}/${waybill.orderNo}`, stored.waybillNo);
    return stored;
  }

  byOrderNo(clientId: string, orderNo: string): Waybill | undefined {
    const no = this.byClientOrder.get(`${clientId}/${orderNo}`);
    return no === undefined ? undefined : this.waybills.get(no);
  }

  /** Records a step; the waybill's status is the latest step a courier would show (its own order here). */
  record(waybill: Waybill, status: TrackingEvent['status'], at: Date): TrackingEvent {
    const event: TrackingEvent = { eventId: randomUUID(), status, at, note: EVENT_NOTES[status] };
    waybill.events.push(event);
    waybill.status = status;
    return event;
  }

  final(waybill: Waybill): boolean {
    return waybill.status === 'delivered' || waybill.status === 'cancelled';
  }
}
