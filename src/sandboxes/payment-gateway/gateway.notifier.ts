import { randomUUID, type KeyObject } from 'node:crypto';
import { SIGNATURE_HEADER, signPayload } from '../../shared/crypto/payment-signature.ts';

/** How the notifier posts: fetch in a running sandbox, the platform's inject() in tests. */
export type PostJson = (url: string, body: string, headers: Record<string, string>) => Promise<number>;

export const fetchPost: PostJson = async (url, body, headers) => {
  const answer = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(10_000) });
  await answer.arrayBuffer();
  return answer.status;
};

/**
 * After the first attempt, the waits before each retry, as the large gateways publish theirs (15 s, 15 s,
 * 30 s, 3 min, …): a notification unacknowledged after the last one is given up, and the merchant must query.
 */
export const RETRY_DELAYS_MS = [15_000, 15_000, 30_000, 180_000, 600_000, 1_200_000, 1_800_000, 3_600_000];

export interface PendingNotification {
  id: string;
  url: string;
  payload: Record<string, unknown>;
  attempts: number;
  nextAt: number;
  acknowledged: boolean;
  givenUp: boolean;
}

/**
 * Signed asynchronous notifications, retried with backoff until the merchant answers 2xx. Driven by `runDue`,
 * which a timer calls in a running sandbox and a test calls after moving the clock, so no test waits.
 */
export class GatewayNotifier {
  readonly queue: PendingNotification[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly key: KeyObject,
    private readonly clock: () => Date,
    private readonly post: PostJson,
  ) {}

  enqueue(url: string, payload: Record<string, unknown>): PendingNotification {
    const entry: PendingNotification = {
      id: randomUUID(),
      url,
      payload: { ...payload, notifyId: randomUUID() },
      attempts: 0,
      nextAt: this.clock().getTime(),
      acknowledged: false,
      givenUp: false,
    };
    this.queue.push(entry);
    return entry;
  }

  /** Posts every notification that is due; answers how many were acknowledged. One run at a time. */
  runDue(): Promise<number> {
    this.running ??= this.deliverDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async deliverDue(): Promise<number> {
    let acknowledged = 0;
    const now = this.clock().getTime();
    for (const entry of this.queue) {
      if (entry.acknowledged || entry.givenUp || entry.nextAt > now) continue;
      const payload = { ...entry.payload, sentAt: this.clock().toISOString() };
      const body = JSON.stringify(payload);
      let status = 0;
      try {
        status = await this.post(entry.url, body, {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signPayload(this.key, payload),
        });
      } catch {
        status = 0; // unreachable merchant: retried like a refusal
      }
      entry.attempts++;
      if (status >= 200 && status < 300) {
        entry.acknowledged = true;
        acknowledged++;
      } else {
        const delay = RETRY_DELAYS_MS[entry.attempts - 1];
        if (delay === undefined) entry.givenUp = true;
        else entry.nextAt = now + delay;
      }
    }
    // Acknowledged and abandoned entries leave the queue, so it does not grow with the sandbox's age.
    for (let i = this.queue.length - 1; i >= 0; i--)
      if (this.queue[i]!.acknowledged || this.queue[i]!.givenUp) this.queue.splice(i, 1);
    return acknowledged;
  }

  start(intervalMs = 1000): void {
    this.timer ??= setInterval(() => void this.runDue(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
