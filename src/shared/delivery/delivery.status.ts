/**
 * A delivered result's states, shared by both zones and the courier adapter. `collect-at-hall` says no parcel
 * goes out (the applicant collects the result at the hall); the others are a waybill's, as the courier reports
 * them.
 */
export const deliveryStatuses = [
  'collect-at-hall',
  'created',
  'picked-up',
  'in-transit',
  'out-for-delivery',
  'failed',
  'delivered',
  'cancelled',
] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** The courier's steps a callback may carry. */
export const trackingStatuses = [
  'picked-up',
  'in-transit',
  'out-for-delivery',
  'failed',
  'delivered',
  'cancelled',
] as const satisfies readonly DeliveryStatus[];

// Callbacks arrive in any order and more than once; a waybill's state only goes forward along this order. A
// failed attempt outranks the steps before it, so a late 'out for delivery' does not hide it; only 'delivered'
// (the courier's next try succeeding) or 'cancelled' comes after it.
const RANK: Record<Exclude<DeliveryStatus, 'collect-at-hall'>, number> = {
  created: 1,
  'picked-up': 2,
  'in-transit': 3,
  'out-for-delivery': 4,
  failed: 5,
  delivered: 6,
  cancelled: 6,
};

export interface WaybillState {
  waybillNo: string | null;
  status: DeliveryStatus;
}

/**
 * The state after an event of `waybillNo`, or undefined when the event changes nothing: a step of another
 * waybill (one cancelled before), a step that is not ahead of the current one, anything after a final state.
 * A new waybill ('created') replaces only none, a hall collection or a cancelled one.
 */
export function advanceDelivery(
  current: WaybillState | undefined,
  event: { waybillNo: string | null; status: DeliveryStatus },
): WaybillState | undefined {
  const fresh = { waybillNo: event.waybillNo, status: event.status };
  if (!current) return fresh;
  if (event.status === 'collect-at-hall' || event.status === 'created')
    return ['collect-at-hall', 'cancelled'].includes(current.status) ? fresh : undefined;
  if (current.status === 'collect-at-hall' || event.waybillNo !== current.waybillNo) return undefined;
  return RANK[event.status] > RANK[current.status] ? fresh : undefined;
}

/** A waybill's last word: nothing moves it any more. */
export const isFinalDelivery = (status: DeliveryStatus): boolean =>
  status === 'delivered' || status === 'cancelled';

export const deliveryStatusLabels: Record<DeliveryStatus, { zh: string; en: string }> = {
  'collect-at-hall': { zh: '申请人到大厅领取', en: 'The applicant collects it at the hall' },
  created: { zh: '已下快递单', en: 'Waybill created' },
  'picked-up': { zh: '快递已揽收', en: 'Picked up by the courier' },
  'in-transit': { zh: '运输中', en: 'In transit' },
  'out-for-delivery': { zh: '派送中', en: 'Out for delivery' },
  failed: { zh: '派送失败', en: 'Delivery failed' },
  delivered: { zh: '已签收', en: 'Delivered' },
  cancelled: { zh: '运单已取消', en: 'Waybill cancelled' },
};
