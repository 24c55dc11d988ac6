import { and, eq, inArray, lt, or, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/database.ts';
import { AppError } from '../http/errors.ts';
import { authThrottle } from './throttle.tables.ts';

// Growing delays instead of a lock: after a number of free failures each further one doubles the wait before
// the next attempt, up to a cap. Nobody can lock an account for long with a handful of requests, and a guesser
// gets a few dozen tries a day instead of millions. Every attempt is charged BEFORE the password or code is
// checked, under a row lock, so parallel attempts cannot slip past the count; a successful one is refunded.

export interface ThrottlePolicy {
  /** Failures allowed before any delay. */
  freeFailures: number;
  /** The wait after the first failure beyond the free ones; it doubles with every further failure. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A counter that has seen no attempt for this long starts again from zero. */
  forgetAfterMs: number;
}

const DAY_MS = 86_400_000;

/** Five free failures per account name, then 1, 2, 4 … minutes, at most 15: a few dozen guesses a day. */
export const PER_ACCOUNT: ThrottlePolicy = {
  freeFailures: 5,
  firstDelayMs: 60_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: DAY_MS,
};

/** An address may be shared by many people (a carrier's NAT, an office), so it gets more room and a longer cap. */
export const PER_ADDRESS: ThrottlePolicy = {
  freeFailures: 20,
  firstDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  forgetAfterMs: DAY_MS,
};

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

/** What an admitted attempt charged, so that it can be refunded exactly if it succeeds. */
export interface AttemptTicket {
  charges: { key: string; failures: number; blockedUntil: Date | null }[];
}

/** A refused attempt: 429 with the seconds to wait in Retry-After (read by the error handler and the forms). */
export class ThrottledError extends AppError {
  readonly headers: Record<string, string>;
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', { detail: 'attempt throttled' });
    this.headers = { 'retry-after': String(retryAfterSeconds) };
  }
}

export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, 30);
  return Math.min(policy.firstDelayMs * 2 ** doublings, policy.maxDelayMs);
}

/**
 * Admits one attempt against every key, or refuses it with the longest wait among them. Keys are locked in
 * one order so two attempts sharing keys cannot deadlock.
 */
export async function admitAttempt(db: Db, keys: ThrottleKey[], now: Date): Promise<AttemptTicket> {
  const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const outcome = await db.transaction(async (tx) => {
    await tx
      .insert(authThrottle)
      .values(sorted.map(({ key }) => ({ key, failures: 0, lastAttemptAt: now })))
      .onConflictDoNothing();
    const rows = await tx
      .select()
      .from(authThrottle)
      .where(
        inArray(
          authThrottle.key,
          sorted.map((k) => k.key),
        ),
      )
      .orderBy(authThrottle.key)
      .for('update');
    const waitMs = Math.max(0, ...rows.map((row) => (row.blockedUntil?.getTime() ?? 0) - now.getTime()));
    if (waitMs > 0) return { waitMs, charges: [] };
    const charges: AttemptTicket['charges'] = [];
    for (const { key, policy } of sorted) {
      const row = rows.find((r) => r.key === key);
      const stale = !row || now.getTime() - row.lastAttemptAt.getTime() > policy.forgetAfterMs;
      const failures = (stale ? 0 : row.failures) + 1;
      const delay = delayAfter(failures, policy);
      const blockedUntil = delay > 0 ? new Date(now.getTime() + delay) : null;
      await tx
        .update(authThrottle)
        .set({ failures, blockedUntil, lastAttemptAt: now })
        .where(eq(authThrottle.key, key));
      charges.push({ key, failures, blockedUntil });
    }
    return { waitMs: 0, charges };
  });
  if (outcome.waitMs > 0) throw new ThrottledError(Math.ceil(outcome.waitMs / 1000));
  return { charges: outcome.charges };
}

/**
 * Gives back what a successful attempt charged. Keys named in `reset` start again from zero (the account that
 * just proved its password); the others lose only this attempt (an address shared by many people), and keep a
 * delay that a later failure set.
 */
export async function refundAttempt(
  ex: Executor,
  ticket: AttemptTicket,
  options: { reset?: string[] } = {},
): Promise<void> {
  for (const { key, blockedUntil } of ticket.charges) {
    if (options.reset?.includes(key)) {
      await ex.update(authThrottle).set({ failures: 0, blockedUntil: null }).where(eq(authThrottle.key, key));
      continue;
    }
    const ownDelay = blockedUntil
      ? sql`CASE WHEN ${authThrottle.blockedUntil} = ${blockedUntil} THEN NULL ELSE ${authThrottle.blockedUntil} END`
      : authThrottle.blockedUntil;
    await ex
      .update(authThrottle)
      .set({ failures: sql`greatest(${authThrottle.failures} - 1, 0)`, blockedUntil: ownDelay })
      .where(eq(authThrottle.key, key));
  }
}

/** Forgets a counter entirely, e.g. once the owner has reset the password by SMS. */
export async function clearAttempts(ex: Executor, keys: string[]): Promise<void> {
  if (keys.length) await ex.delete(authThrottle).where(inArray(authThrottle.key, keys));
}

/** Drops counters nobody has used for a day and that hold no delay; counters for made-up names would pile up. */
export async function purgeStaleAttempts(db: Db, now: Date, idleMs = DAY_MS): Promise<void> {
  await db
    .delete(authThrottle)
    .where(
      and(
        lt(authThrottle.lastAttemptAt, new Date(now.getTime() - idleMs)),
        or(isNull(authThrottle.blockedUntil), lt(authThrottle.blockedUntil, now)),
      ),
    );
}
