import { randomBytes } from 'node:crypto';

export type GatewayOrderStatus = 'pending' | 'paid' | 'cancelled' | 'failed' | 'expired';

export interface GatewayRefund {
  refundNo: string;
  amountFen: number;
  at: Date;
}

/** An order as the gateway keeps it: what the merchant asked for and what the payer did. */
export interface GatewayOrder {
  gatewayOrderId: string;
  merchantId: string;
  orderNo: string;
  amountFen: number;
  subject: string;
  expiresAt: Date;
  notifyUrl: string;
  returnUrl: string;
  status: GatewayOrderStatus;
  createdAt: Date;
  paidAt: Date | null;
  refunds: GatewayRefund[];
}

/**
 * The sandbox's books, in memory: a sandbox forgets everything on restart, as a bank's test environment
 * resets. Orders are unique per merchant and order number, like a real gateway's out_trade_no.
 */
export class GatewayStore {
  readonly orders = new Map<string, GatewayOrder>();
  private readonly byMerchantOrder = new Map<string, string>();

  add(order: Omit<GatewayOrder, 'gatewayOrderId' | 'status' | 'paidAt' | 'refunds'>): GatewayOrder {
    const stored: GatewayOrder = {
      ...order,
      gatewayOrderId: `SBX${randomBytes(10).toString('hex').toUpperCase()}`,
      status: 'pending',
      paidAt: null,
      refunds: [],
    };
    this.orders.set(stored.gatewayOrderId, stored);
    this.byMerchantOrder.set(`${order.merchantId}/${order.orderNo}`, stored.gatewayOrderId);
    return stored;
  }

  byOrderNo(merchantId: string, orderNo: string): GatewayOrder | undefined {
    const id = this.byMerchantOrder.get(`${merchantId}/${orderNo}`);
    return id === undefined ? undefined : this.orders.get(id);
  }

  /** The order's status at `now`: a pending order past its expiry is expired, whether anyone looked or not. */
  settle(order: GatewayOrder, now: Date): GatewayOrder {
    if (order.status === 'pending' && now.getTime() >= order.expiresAt.getTime()) order.status = 'expired';
    return order;
  }

  refunded(order: GatewayOrder): number {
    return order.refunds.reduce((sum, refund) => sum + refund.amountFen, 0);
  }
}
