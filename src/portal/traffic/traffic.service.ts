import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { trafficDecisionRequested, trafficLookupRequest } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { citizens } from '../db/schema.ts';
import { amountDue } from '../payments/payments.payables.ts';
import { payableOf } from '../payments/payments.repository.ts';
import { portalPolicy } from '../policy.ts';
import type { CurrentCitizen } from '../session.ts';
import * as repo from './traffic.repository.ts';

// 我的交通违法: a real-name verified owner asks the police zone for his vehicles' violations and accepts a
// decision; both cross the exchange on his own stream and the answers come back there (traffic.inbox.ts).

export function trafficStream(citizenId: string): string {
  return `traffic:${citizenId}`;
}

/** A lookup still unanswered after this long may be asked again (the first may have been lost upstream). */
const LOOKUP_RETRY_MS = 2 * 60_000;

/** His verified ID number, or undefined while his account is not real-name verified. */
export async function verifiedIdNumber(
  services: ZoneServices,
  citizenId: string,
): Promise<string | undefined> {
  const [row] = await services.db
    .select({ status: citizens.realNameStatus, sealed: citizens.idNumberSealed })
    .from(citizens)
    .where(eq(citizens.id, citizenId));
  return row?.status === 'verified' && row.sealed ? services.sealer.open(row.sealed) : undefined;
}

export type LookupState = 'unverified' | 'never' | 'pending' | 'answered';

export function lookupState(lookup: repo.LookupRow | undefined, verified: boolean): LookupState {
  if (!verified) return 'unverified';
  if (!lookup) return 'never';
  return lookup.answeredAt && lookup.answeredAt >= lookup.requestedAt ? 'answered' : 'pending';
}

/** Asks for his vehicles and violations; a lookup already under way is not asked twice. */
export async function requestLookup(services: ZoneServices, citizen: CurrentCitizen): Promise<void> {
  const idNumber = await verifiedIdNumber(services, citizen.id);
  if (!idNumber) throw new AppError('CONFLICT', { detail: 'real-name verification first' });
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const lookup = await repo.lookupOf(tx, citizen.id, { lock: true });
    const underWay =
      lookup &&
      lookupState(lookup, true) === 'pending' &&
      now.getTime() - lookup.requestedAt.getTime() < LOOKUP_RETRY_MS;
    if (underWay) return;
    const requestId = randomUUID();
    await repo.startLookup(tx, citizen.id, requestId, now);
    await send(
      tx,
      trafficLookupRequest,
      { requestId, citizenRef: citizen.id, idNumber },
      { stream: trafficStream(citizen.id) },
    );
  });
}

/** His violation, when he may take the action on it; one answer for missing and someone else's. */
export async function loadViolation(
  services: ZoneServices,
  citizen: CurrentCitizen,
  action: 'traffic.view' | 'traffic.accept',
  id: string,
): Promise<repo.ViolationRow> {
  const row = await repo.violationById(services.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  mustAllow(portalPolicy, citizen, action, { citizenId: row.citizenId });
  return row;
}

/**
 * 接受处理: he confirms he has checked the record and accepts the decision. The request crosses to the police
 * zone, which records the decision (audited there) and answers; until then the page says it is being dealt
 * with, and a second click sends nothing.
 */
export async function acceptDecision(
  services: ZoneServices,
  citizen: CurrentCitizen,
  id: string,
  confirmed: boolean,
): Promise<void> {
  await loadViolation(services, citizen, 'traffic.accept', id);
  if (!confirmed)
    throw new AppError('VALIDATION', { fields: [{ field: 'confirm', message: 'confirmRequired' }] });
  const idNumber = await verifiedIdNumber(services, citizen.id);
  if (!idNumber) throw new AppError('CONFLICT', { detail: 'real-name verification first' });
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const row = await repo.violationById(tx, id, { lock: true });
    if (!row || row.citizenId !== citizen.id) throw new AppError('NOT_FOUND');
    if (row.state !== 'unhandled') throw new AppError('CONFLICT', { detail: 'decision already accepted' });
    if (row.acceptRequestId) return;
    const requestId = randomUUID();
    await repo.markAcceptRequested(tx, id, requestId, now);
    await send(
      tx,
      trafficDecisionRequested,
      { requestId, citizenRef: citizen.id, idNumber, violationId: id, requestedAt: now.toISOString() },
      { stream: trafficStream(citizen.id) },
    );
  });
}

/**
 * The fine's payable once the decision is made (opened by the inbox when the police zone answers), and what
 * paying it today asks: the fine, and after the 15 days its late-payment surcharge.
 */
export async function fineOf(services: ZoneServices, violationId: string) {
  const payable = await payableOf(services.db, 'traffic-fine', violationId);
  if (!payable) return undefined;
  return { payable, due: await amountDue(services.db, payable, services.now()) };
}

export type Fine = NonNullable<Awaited<ReturnType<typeof fineOf>>>;
