import { randomUUID } from 'node:crypto';
import { and, count, eq, gt, isNotNull, lt, ne } from 'drizzle-orm';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { isUniqueViolation } from '../../shared/db/unique-violation.ts';
import { AppError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { realnameVerifyRequest, realnameVerifyResult } from '../../exchange/contracts/index.ts';
import { onMessage, send, type MessageHandler } from '../../exchange/facade.ts';
import { citizens } from '../db/schema.ts';
import { realnameChecks } from './realname.tables.ts';

/** Checks per person per day: enough for typing mistakes, too few to walk the registry. */
export const CHECKS_PER_DAY = 5;
const DAY_MS = 86_400_000;

/**
 * Each person's checks travel in their own ordered stream: a later request never overtakes an earlier one of
 * the same person, and one delivery waiting out a backoff holds up nobody else's.
 */
export function realnameStream(citizenId: string): string {
  return `realname:${citizenId}`;
}

/**
 * Takes one of the person's checks for the day, or refuses (429). It commits on its own, before anything else
 * is decided, so a request refused afterwards has still used its check.
 */
export async function reserveRealNameCheck(services: ZoneServices, citizenId: string): Promise<string> {
  const now = services.now();
  const since = new Date(now.getTime() - DAY_MS);
  return services.db.transaction(async (tx) => {
    // The person's row lock makes two saves at once count one after the other.
    await tx.select({ id: citizens.id }).from(citizens).where(eq(citizens.id, citizenId)).for('update');
    await tx
      .delete(realnameChecks)
      .where(and(eq(realnameChecks.citizenId, citizenId), lt(realnameChecks.requestedAt, since)));
    const [recent] = await tx
      .select({ n: count() })
      .from(realnameChecks)
      .where(and(eq(realnameChecks.citizenId, citizenId), gt(realnameChecks.requestedAt, since)));
    if ((recent?.n ?? 0) >= CHECKS_PER_DAY) {
      throw new AppError('RATE_LIMITED', {
        detail: 'real-name checks',
        fields: [{ field: 'idNumber', message: 'RATE_LIMITED' }],
      });
    }
    const requestId = randomUUID();
    await tx.insert(realnameChecks).values({ requestId, citizenId, requestedAt: now });
    return requestId;
  });
}

/** Whether another account has passed the check with this ID number. Ask only after reserving a check. */
export async function idNumberVerifiedElsewhere(
  ex: Executor,
  services: ZoneServices,
  citizenId: string,
  idNumber: string,
): Promise<boolean> {
  const [other] = await ex
    .select({ id: citizens.id })
    .from(citizens)
    .where(and(eq(citizens.idNumberHash, services.sealer.lookupHash(idNumber)), ne(citizens.id, citizenId)));
  return other !== undefined;
}

/**
 * Sends the name and ID number across the exchange for a check against the population registry, in the
 * caller's transaction; the account shows "verifying" until the answer comes back, and holds no claim on the
 * number until then.
 */
export async function sendRealNameCheck(
  tx: Tx,
  citizenId: string,
  requestId: string,
  name: string,
  idNumber: string,
): Promise<void> {
  await tx
    .update(citizens)
    .set({ realNameStatus: 'pending', realNameRequestId: requestId, idNumberHash: null })
    .where(eq(citizens.id, citizenId));
  await send(
    tx,
    realnameVerifyRequest,
    { requestId, citizenRef: citizenId, name, idNumber },
    { stream: realnameStream(citizenId) },
  );
}

/**
 * The registry's answer; one for a request that has since been superseded changes nothing. A match makes the
 * ID number the account's own, unless another account got there first: the unique index decides, and the loser
 * is told so on the account page instead of the handler failing over and over.
 */
export function realnameResultHandler(services: ZoneServices): MessageHandler {
  return onMessage(realnameVerifyResult, async (tx, result) => {
    const now = services.now();
    const current = and(
      eq(citizens.id, result.citizenRef),
      eq(citizens.realNameRequestId, result.requestId),
      isNotNull(citizens.idNumberSealed),
    );
    const [citizen] = await tx
      .select({ sealed: citizens.idNumberSealed })
      .from(citizens)
      .where(current)
      .for('update');
    if (!citizen?.sealed) return;
    if (result.outcome !== 'verified') {
      await tx
        .update(citizens)
        .set({ realNameStatus: result.outcome, realNameCheckedAt: now })
        .where(current);
      return;
    }
    const idNumberHash = services.sealer.lookupHash(services.sealer.open(citizen.sealed));
    try {
      // A savepoint, so a lost race leaves the rest of the transaction usable.
      await tx.transaction((savepoint) =>
        savepoint
          .update(citizens)
          .set({ realNameStatus: 'verified', realNameCheckedAt: now, idNumberHash })
          .where(current),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await tx.update(citizens).set({ realNameStatus: 'id-taken', realNameCheckedAt: now }).where(current);
    }
  });
}
