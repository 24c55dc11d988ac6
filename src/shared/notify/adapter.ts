import { createHmac, randomUUID } from 'node:crypto';

export interface OutgoingMessage {
  /**
   * The platform's own id of the message, given to the provider as its reference: a provider keeps it and
   * answers a repeated send with the first receipt, so a retry after a lost answer delivers nothing twice.
   */
  reference: string;
  channel: 'sms' | 'email';
  recipient: string;
  body: string;
}

export interface DeliveryReceipt {
  providerId: string;
  /** The provider's signature over its receipt, checked as a real gateway's callback would be. */
  signature: string;
}

/** What every SMS / e-mail provider integration implements. */
export interface NotificationAdapter {
  readonly name: string;
  send(message: OutgoingMessage): Promise<DeliveryReceipt>;
  verifyReceipt(receipt: DeliveryReceipt): boolean;
}

const REMEMBERED_RECEIPTS = 10_000;

export class ProviderRejected extends Error {
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
  ) {
    super(`provider rejected: ${reason}`);
  }
}

/**
 * The default adapter: it accepts messages like a real gateway (signed receipts, per-recipient throttling,
 * refusals of unreachable numbers) but delivers nothing outside; the messages stay readable in the
 * notifications table and, in the embedded mode, on the developer page.
 */
export class SandboxNotificationAdapter implements NotificationAdapter {
  readonly name = 'sandbox';
  private readonly recent = new Map<string, number[]>();
  /** Receipts by reference, as a provider keeps them for a while to recognise repeated sends. */
  private readonly receipts = new Map<string, DeliveryReceipt>();

  constructor(private readonly secret: string) {}

  async send(message: OutgoingMessage): Promise<DeliveryReceipt> {
    const earlier = this.receipts.get(message.reference);
    if (earlier) return earlier;
    // Reserved test ranges behave like a real carrier's refusals, so retry paths can be exercised.
    if (message.channel === 'sms' && message.recipient.startsWith('1700000')) {
      throw new ProviderRejected('unreachable-number', false);
    }
    if (message.channel === 'sms' && message.recipient.startsWith('1710000')) {
      throw new ProviderRejected('gateway-timeout', true);
    }
    const now = Date.now();
    const sent = (this.recent.get(message.recipient) ?? []).filter((t) => now - t < 60_000);
    if (sent.length >= 10) throw new ProviderRejected('recipient-throttled', true);
    sent.push(now);
    this.recent.set(message.recipient, sent);
    const providerId = `sbx-${randomUUID()}`;
    const receipt = { providerId, signature: this.sign(providerId) };
    this.receipts.set(message.reference, receipt);
    // Kept for the last messages only, like a provider's de-duplication window.
    if (this.receipts.size > REMEMBERED_RECEIPTS) this.receipts.delete(this.receipts.keys().next().value!);
    return receipt;
  }

  verifyReceipt(receipt: DeliveryReceipt): boolean {
    return receipt.signature === this.sign(receipt.providerId);
  }

  private sign(providerId: string): string {
    return createHmac('sha256', this.secret).update(providerId).digest('hex');
  }
}
