import { and, eq } from 'drizzle-orm';
import { caseFeeDue, paymentSettled } from '../../exchange/contracts/index.ts';
import { onMessage, send, type MessageHandler } from '../../exchange/facade.ts';
import { recordAudit } from '../../shared/audit/audit-log.ts';
import { AppError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { findCase } from '../cases/cases.repository.ts';
import { caseFees } from './case-fees.tables.ts';

/**
 * Makes a case's fee due: kept here, audited, and sent to the portal on the case's stream, where the applicant
 * finds it in 我的缴费 with a Pay button. Once per case: a second assessment is refused (409).
 */
export async function assessCaseFee(
  services: ZoneServices,
  officer: { badge: string; unitCode: string | null; ip?: string | null },
  caseNumber: string,
  fee: { amountFen: number; description: { zh: string; en: string } },
): Promise<void> {
  if (!Number.isSafeInteger(fee.amountFen) || fee.amountFen <= 0)
    throw new AppError('VALIDATION', { fields: [{ field: 'amount', message: 'amountInvalid' }] });
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const found = await findCase(tx, caseNumber, { lock: true });
    if (!found || found.closed) throw new AppError('NOT_FOUND');
    const inserted = await tx
      .insert(caseFees)
      .values({
        caseNumber,
        amountFen: fee.amountFen,
        description: fee.description,
        payeeUnit: found.unitCode,
        assessedBy: officer.badge,
        assessedAt: now,
      })
      .onConflictDoNothing()
      .returning({ caseNumber: caseFees.caseNumber });
    if (inserted.length === 0) throw new AppError('CONFLICT', { detail: 'fee already assessed' });
    await recordAudit(tx, {
      actor: officer.badge,
      actorUnit: officer.unitCode,
      action: 'case.fee.assess',
      target: `case:${caseNumber}`,
      sourceIp: officer.ip ?? null,
      detail: { amountFen: fee.amountFen },
      at: now,
    });
    await send(
      tx,
      caseFeeDue,
      {
        applicationId: found.applicationId,
        caseNumber,
        amountFen: fee.amountFen,
        description: fee.description,
        payeeUnit: found.unitCode,
        assessedAt: now.toISOString(),
      },
      { stream: `case:${caseNumber}` },
    );
  });
}

/** The portal reports the fee paid: recorded once (a redelivery finds it paid already). */
export function paymentSettledHandler(services: ZoneServices): MessageHandler {
  return onMessage(paymentSettled, async (tx, paid) => {
    const moved = await tx
      .update(caseFees)
      .set({ status: 'paid', orderNo: paid.orderNo, paidFen: paid.amountFen, paidAt: new Date(paid.paidAt) })
      .where(and(eq(caseFees.caseNumber, paid.caseNumber), eq(caseFees.status, 'due')))
      .returning({ caseNumber: caseFees.caseNumber });
    if (moved.length === 0) return;
    await recordAudit(tx, {
      actor: 'exchange',
      actorUnit: null,
      action: 'case.fee.paid',
      target: `case:${paid.caseNumber}`,
      sourceIp: null,
      detail: { orderNo: paid.orderNo, amountFen: paid.amountFen, receivedAt: services.now().toISOString() },
    });
  });
}
