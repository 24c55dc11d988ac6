import { eq, inArray } from 'drizzle-orm';
import { caseFeeDue, paymentRefunded, paymentSettled } from '../../exchange/contracts/index.ts';
import { onMessage, send, type MessageHandler } from '../../exchange/facade.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { applications } from '../applications/applications.tables.ts';
import { onPayableRefunded, onPayablesSettled } from './payments.payables.ts';
import * as repo from './payments.repository.ts';

// A case's fee: the workbench says it is due, the portal opens the payable; once it is paid, payment.settled
// goes back on the case's stream, so the case goes on after everything the applicant sent before.

export function caseFeeDueHandler(services: ZoneServices): MessageHandler {
  return onMessage(caseFeeDue, async (tx, due) => {
    const [application] = await tx
      .select({ id: applications.id, citizenId: applications.citizenId, caseNumber: applications.caseNumber })
      .from(applications)
      .where(eq(applications.id, due.applicationId));
    // Left failed in the inbox for an operator to look at: a fee for a case this portal never numbered.
    if (application?.caseNumber !== due.caseNumber)
      throw new Error('the fee names a case this portal does not hold');
    await repo.openPayable(tx, {
      kind: 'case-fee',
      reference: due.caseNumber,
      citizenId: application.citizenId,
      amountFen: due.amountFen,
      description: due.description,
      payeeUnit: due.payeeUnit,
      createdAt: services.now(),
    });
  });
}

/** Registers what paid case fees do: tell the workbench, in the settling transaction, each on its case's stream. */
export function registerCaseFeeSettlement(): void {
  onPayablesSettled('case-fee', async (tx, payables, at) => {
    // One read for the batch: a fee opened here without a case behind it (demo data) has nobody to tell.
    const found = await tx
      .select({ id: applications.id, caseNumber: applications.caseNumber })
      .from(applications)
      .where(
        inArray(
          applications.caseNumber,
          payables.map((p) => p.reference),
        ),
      );
    const applicationOf = new Map(found.map((a) => [a.caseNumber, a.id]));
    for (const payable of payables) {
      const applicationId = applicationOf.get(payable.reference);
      if (!applicationId || !payable.paidOrderNo) continue;
      await send(
        tx,
        paymentSettled,
        {
          applicationId,
          caseNumber: payable.reference,
          orderNo: payable.paidOrderNo,
          amountFen: payable.amountFen,
          payeeUnit: payable.payeeUnit,
          paidAt: at.toISOString(),
        },
        { stream: `case:${payable.reference}` },
      );
    }
  });
}

/** A paid case fee refunded: the workbench takes it off the departments' income, after the payment it undoes. */
export function registerCaseFeeRefund(): void {
  onPayableRefunded('case-fee', async (tx, payable, refund, at) => {
    const [application] = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(eq(applications.caseNumber, payable.reference));
    if (!application) return;
    await send(
      tx,
      paymentRefunded,
      {
        caseNumber: payable.reference,
        orderNo: refund.orderNo,
        refundNo: refund.refundNo,
        amountFen: refund.amountFen,
        reason: refund.reason,
        refundedAt: at.toISOString(),
      },
      { stream: `case:${payable.reference}` },
    );
  });
}

export function paymentInboxHandlers(services: ZoneServices): MessageHandler[] {
  registerCaseFeeSettlement();
  registerCaseFeeRefund();
  return [caseFeeDueHandler(services)];
}
