import type { Db, Tx } from '../../shared/db/database.ts';
import { newVerificationCode } from '../../shared/pdf/verified-slip.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { runSettledHooks } from './payments.payables.ts';
import { issueReceipt, receiptNoOf } from './payments.receipt.ts';
import * as repo from './payments.repository.ts';

// Paid words (notifications and query answers) are applied in batches, one transaction each: while a batch is
// being written, the words that arrive wait and then go together in the next one. Nothing waits on a timer: a
// word arriving at a quiet moment is written at once, alone; under load a batch takes whatever came meanwhile,
// so the statements, the round trips and the commit's flush are shared by every word in it. Each word is answered
// only once its batch has committed, with what it did, exactly as if the words had been applied one after the
// other in the order they arrived (`payOrders` settles a payable with the first of its orders in the batch).

/** The gateway's word that an order was paid, with the amount it names. */
export interface PaidState {
  orderNo: string;
  amountFen: number;
  gatewayOrderId: string | null;
  paidAt: string | null;
}

export type PaidOutcome = 'paid' | 'already-paid' | 'unknown-order' | 'amount-differs';

export interface Settlement {
  outcome: PaidOutcome;
  /** An order paid after another order had paid its payable: this money goes back (after the commit). */
  duplicatePayment?: string;
}

/** Words in one batch at most: a batch's statement and hooks stay small, and one bad word costs little. */
const BATCH = 200;

interface Waiting {
  state: PaidState;
  via: 'notification' | 'query';
  resolve: (settlement: Settlement) => void;
  reject: (error: unknown) => void;
}

class SettlementQueue {
  private waiting: Waiting[] = [];
  private running = false;

  constructor(private readonly services: ZoneServices) {}

  settle(state: PaidState, via: 'notification' | 'query'): Promise<Settlement> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ state, via, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        // A batch is the longest run from the front of the queue with one word per order: a second word for an
        // order ends it, and it and every word after it wait for the next batch. Skipping over it instead would
        // let a later word overtake it, and two orders of one payable would settle it in the wrong order (A's
        // wrong amount, A's right one, then B: one at a time A pays, and B is the payment to give back).
        const batch: Waiting[] = [];
        const orders = new Set<string>();
        for (const word of this.waiting) {
          if (batch.length >= BATCH || orders.has(word.state.orderNo)) break;
          orders.add(word.state.orderNo);
          batch.push(word);
        }
        const later = this.waiting.slice(batch.length);
        this.waiting = later;
        await this.write(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    try {
      const settlements = await settleBatch(this.services, batch);
      batch.forEach((word, i) => word.resolve(settlements[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // One word the batch could not take (a hook's failure, a lock conflict with another instance) must not
      // refuse the others: each is written again alone, and only its own failure is its answer.
      for (const word of batch) {
        try {
          word.resolve((await settleBatch(this.services, [word]))[0]!);
        } catch (own) {
          word.reject(own);
        }
      }
    }
  }
}

// One queue per database (tests run several portals in one process).
const queues = new WeakMap<Db, SettlementQueue>();

/** Applies a verified paid word; answered once it is written. */
export function settlePaid(
  services: ZoneServices,
  state: PaidState,
  via: 'notification' | 'query',
): Promise<Settlement> {
  let queue = queues.get(services.db);
  if (!queue) queues.set(services.db, (queue = new SettlementQueue(services)));
  return queue.settle(state, via);
}

/** Writes a batch of paid words (distinct orders) in one transaction: one statement, then what follows each. */
async function settleBatch(services: ZoneServices, batch: Waiting[]): Promise<Settlement[]> {
  const now = services.now();
  const words = batch.map(({ state, via }): repo.PaidWord => {
    const reported = state.paidAt ? new Date(state.paidAt) : now;
    return {
      orderNo: state.orderNo,
      amountFen: state.amountFen,
      at: Number.isNaN(reported.getTime()) ? now : reported,
      via,
      gatewayOrderId: state.gatewayOrderId,
      receiptNo: receiptNoOf(state.orderNo),
      verificationCode: newVerificationCode(),
    };
  });
  return services.db.transaction(async (tx) => {
    const paid = await repo.payOrders(tx, words, now);
    const settled: repo.PayableRow[] = [];
    const settlements: Settlement[] = [];
    for (const [i, word] of words.entries()) {
      settlements.push(await outcomeOf(services, tx, word, batch[i]!.via, paid[i], settled, now));
    }
    if (settled.length > 0) await runSettledHooks(tx, settled, now);
    return settlements;
  });
}

async function outcomeOf(
  services: ZoneServices,
  tx: Tx,
  word: repo.PaidWord,
  via: 'notification' | 'query',
  paid: repo.PaidOrder | undefined,
  settled: repo.PayableRow[],
  now: Date,
): Promise<Settlement> {
  if (!paid) {
    await unknownOrder(services, tx, word.orderNo, via, now);
    return { outcome: 'unknown-order' };
  }
  if (paid.amountFen !== word.amountFen) {
    await amountDiffers(services, tx, word.orderNo, paid, word.amountFen, now);
    return { outcome: 'amount-differs' };
  }
  if (!paid.moved) return { outcome: 'already-paid' };
  if (paid.settled) {
    if (paid.surchargeFen > 0)
      await issueReceipt(tx, paid.settled, { orderNo: word.orderNo, ...paid }, word.at, now);
    settled.push(paid.settled);
    return { outcome: 'paid' };
  }
  // Paid twice (another order of the payable was paid first): this money goes back.
  await repo.raiseAlarm(tx, 'paid-twice', { orderNo: word.orderNo }, now);
  return { outcome: 'paid', duplicatePayment: word.orderNo };
}

export async function unknownOrder(
  services: ZoneServices,
  tx: Tx,
  orderNo: string,
  via: 'notification' | 'query',
  now: Date,
): Promise<void> {
  await repo.raiseAlarm(tx, 'unknown-order', { orderNo: orderNo.slice(0, 64), via }, now);
  services.log.warn(
    { alarm: 'unknown-order', via },
    'payment gateway named an order this platform never made',
  );
}

/** A payment of another amount than the order asks (or of none): alarmed, the order left as it is. */
export async function amountDiffers(
  services: ZoneServices,
  tx: Tx,
  orderNo: string,
  order: { amountFen: number },
  reported: number | null,
  now: Date,
): Promise<void> {
  await repo.raiseAlarm(tx, 'amount-differs', { orderNo, expected: order.amountFen, reported }, now);
  services.log.warn(
    { alarm: 'amount-differs' },
    'payment gateway reported another amount; order left unpaid',
  );
}
