import { randomUUID } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Tx } from '../../shared/db/database.ts';
import { AppError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { realnameVerifyRequest, realnameVerifyResult } from '../../exchange/contracts/index.ts';
import type { InboxHandler } from '../../exchange/inbox.ts';
import { sendMessage } from '../../exchange/outbox.ts';
import { outbox } from '../../exchange/tables.ts';
import { citizens } from '../db/schema.ts';

/** Checks per person per day: enough for typing mistakes, too few to walk the registry. */
export const CHECKS_PER_DAY = 5;

/**
 * Sends the name and ID number across the exchange for a check against the population registry, in the
 * caller's transaction; the account shows "verifying" until the answer comes back.
 */
export async function requestRealNameCheck(
  tx: Tx,
  services: ZoneServices,
  citizenId: string,
  name: string,
  idNumber: string,
): Promise<void> {
  const since = new Date(services.now().getTime() - 86_400_000);
  const [recent] = await tx
    .select({ n: sql<number>`count(*)` })
    .from(outbox)
    .where(
      and(
        eq(outbox.type, realnameVerifyRequest.type),
        sql`${outbox.payload}->>'citizenRef' = ${citizenId}`,
        gt(outbox.createdAt, since),
      ),
    );
  if (Number(recent?.n ?? 0) >= CHECKS_PER_DAY) {
    throw new AppError('RATE_LIMITED', {
      detail: 'real-name checks',
      fields: [{ field: 'idNumber', message: 'RATE_LIMITED' }],
    });
  }
  const requestId = randomUUID();
  await tx
    .update(citizens)
    .set({ realNameStatus: 'pending', realNameRequestId: requestId })
    .where(eq(citizens.id, citizenId));
  await sendMessage(
    tx,
    realnameVerifyRequest,
    { requestId, citizenRef: citizenId, name, idNumber },
    { stream: 'realname' },
  );
}

/** The registry's answer; one for a request that has since been superseded changes nothing. */
export const realnameResultHandler: InboxHandler = async (tx, payload) => {
  const result = payload as Static<typeof realnameVerifyResult.schema>;
  await tx
    .update(citizens)
    .set({ realNameStatus: result.outcome, realNameCheckedAt: new Date() })
    .where(and(eq(citizens.id, result.citizenRef), eq(citizens.realNameRequestId, result.requestId)));
};
