import { caseFeeDue, paymentSettled } from '../../exchange/contracts/index.ts';
import { onMessage, send, type MessageHandler } from '../../exchange/facade.ts';
import type { ServiceItem } from '../../shared/catalog/index.ts';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { CaseRefusal, type CaseMessage } from '../cases/cases.messages.ts';
import { findCase, itemContent } from '../cases/cases.repository.ts';
import { recordStep } from '../cases/cases.steps.ts';
import type { CaseRow } from '../cases/cases.tables.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import { bookFeeIncome } from '../finance/finance.income.ts';
import { feeSplitFor } from '../finance/finance.split.ts';
import * as repo from './case-fees.repository.ts';

// A case's fee: fixed by the catalogue item (offered as the form's default) or assessed by the officer who
// holds the case. While it is due the case waits: the queue and the case page say 待缴费 and the result is
// neither issued nor the case completed until the portal reports the payment (payment.settled).

/** The steps that hand the result out: they wait for a due fee. */
export const WAITS_FOR_FEE: readonly string[] = ['issue', 'complete'];

/** 20, 20.5 or 20.50 yuan as fen; anything else (negative, three decimals, words) is no amount. */
export function fenOf(amount: string): number | undefined {
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) return undefined;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return fen > 0 ? fen : undefined;
}

/** What the assessment form offers: the item's first charged fee, as the catalogue fixes it. */
export async function catalogueFee(
  ex: Executor,
  row: Pick<CaseRow, 'itemId' | 'itemVersion'>,
): Promise<{ name: string; amount: string } | undefined> {
  const item = (await itemContent(ex, row.itemId, row.itemVersion)) as ServiceItem | undefined;
  const fee = item?.fees.charged ? item.fees.items.find((f) => f.amountFen > 0) : undefined;
  return fee ? { name: fee.name, amount: (fee.amountFen / 100).toFixed(2) } : undefined;
}

/**
 * The unit the catalogue names for a fee of this amount: the item's implementing unit, when the amount is one
 * of the item's fixed fees (the fee then pays for the document that unit makes); none for an assessed amount.
 */
async function catalogueUnitOf(
  ex: Executor,
  row: Pick<CaseRow, 'itemId' | 'itemVersion'>,
  amountFen: number,
): Promise<string | undefined> {
  const item = (await itemContent(ex, row.itemId, row.itemVersion)) as ServiceItem | undefined;
  if (!item?.fees.charged || !item.fees.items.some((f) => f.amountFen === amountFen)) return undefined;
  return item.implementingUnit.unitCode;
}

/** Whether the case waits for its fee. */
export async function feeIsDue(ex: Executor, caseNumber: string): Promise<boolean> {
  return (await repo.feeOf(ex, caseNumber))?.status === 'due';
}

/**
 * Makes a case's fee due: kept here, audited, in the case's history, and sent to the portal on the case's
 * stream, where the applicant finds it on the case and in 我的缴费 with a Pay button. Only the officer holding
 * the open case assesses it, once: a second assessment is refused (409).
 */
export async function assessCaseFee(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  caseNumber: string,
  input: { amount: string; name: string },
): Promise<void> {
  const amountFen = fenOf(input.amount);
  const name = input.name.trim();
  const problems: { field: string; key: CaseMessage }[] = [];
  if (amountFen === undefined) problems.push({ field: 'amount', key: 'case.fee.amount' });
  if (!name) problems.push({ field: 'name', key: 'case.fee.name' });
  if (problems.length > 0 || amountFen === undefined) throw CaseRefusal.many(problems);
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const found = await findCase(tx, caseNumber, { lock: true });
    if (!found) throw new AppError('NOT_FOUND');
    mustAllow(workbenchPolicy, me, 'cases.read', found);
    mustAllow(workbenchPolicy, me, 'cases.act', found);
    if (found.closed) throw new CaseRefusal('CONFLICT', 'amount', 'case.closed');
    if (found.claimedBy !== me.badgeNo)
      throw new CaseRefusal('CONFLICT', 'claim', found.claimedBy ? 'case.claimedByOther' : 'case.notClaimed');
    // The income is booked to the unit that decides the case, wherever it waits for approval.
    const payeeUnit = found.homeUnitCode ?? found.unitCode;
    const description = { zh: name, en: name };
    const split = feeSplitFor({ payeeUnit, catalogueUnit: await catalogueUnitOf(tx, found, amountFen) });
    const booked = await repo.insertFee(tx, {
      caseNumber,
      amountFen,
      description,
      payeeUnit,
      split,
      assessedBy: me.badgeNo,
      assessedAt: now,
    });
    if (!booked) throw new CaseRefusal('CONFLICT', 'amount', 'case.fee.assessed');
    await recordAudit(tx, {
      ...by,
      action: 'case.fee.assess',
      target: `case:${caseNumber}`,
      detail: { amountFen, split: split.map((s) => `${s.unitCode}:${String(s.shareBp)}`).join(' ') },
      at: now,
    });
    await recordStep(tx, {
      before: found,
      action: 'fee-assessed',
      to: found.state,
      actor: me.badgeNo,
      unitCode: me.unitCode,
      data: { note: `${name} ¥${(amountFen / 100).toFixed(2)}` },
      stateDueOn: found.stateDueOn,
      at: now,
    });
    await send(
      tx,
      caseFeeDue,
      {
        applicationId: found.applicationId,
        caseNumber,
        amountFen,
        description,
        payeeUnit,
        assessedAt: now.toISOString(),
      },
      { stream: `case:${caseNumber}` },
    );
  });
}

/** The portal reports the fee paid: recorded once (a redelivery finds it paid), and the case goes on. */
export function paymentSettledHandler(services: ZoneServices): MessageHandler {
  return onMessage(paymentSettled, (tx, paid) => settleCaseFee(tx, services, paid));
}

/** A case's fee paid, as version 1 of payment.settled says it and version 2 for a case fee. */
export async function settleCaseFee(
  tx: Tx,
  services: ZoneServices,
  paid: { caseNumber: string; orderNo: string; amountFen: number; paidAt: string },
): Promise<void> {
  const found = await findCase(tx, paid.caseNumber, { lock: true });
  const moved = await repo.markFeePaid(tx, paid.caseNumber, {
    orderNo: paid.orderNo,
    amountFen: paid.amountFen,
    at: new Date(paid.paidAt),
  });
  if (!moved || !found) return;
  // The income goes to the receiving departments in the same transaction that records the payment.
  await bookFeeIncome(tx, moved, paid);
  const now = services.now();
  await recordAudit(tx, {
    actor: 'exchange',
    actorUnit: null,
    sourceIp: null,
    action: 'case.fee.paid',
    target: `case:${paid.caseNumber}`,
    detail: { orderNo: paid.orderNo, amountFen: paid.amountFen },
    at: now,
  });
  await recordStep(tx, {
    before: found,
    action: 'fee-paid',
    to: found.state,
    actor: 'exchange',
    unitCode: null,
    data: { note: `¥${(paid.amountFen / 100).toFixed(2)} ${paid.orderNo}` },
    stateDueOn: found.stateDueOn,
    at: now,
  });
}
