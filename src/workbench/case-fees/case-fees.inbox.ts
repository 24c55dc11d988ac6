import { paymentRefunded, paymentSettledV2 } from '../../exchange/contracts/index.ts';
import { onMessage, onVersions, type MessageHandler } from '../../exchange/facade.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { bookFeeRefund } from '../finance/finance.income.ts';
import { settleTrafficFine } from '../traffic/traffic.service.ts';
import { feeOf } from './case-fees.repository.ts';
import { paymentSettledHandler, settleCaseFee } from './case-fees.service.ts';

/** payment.settled version 2 names what was paid: a traffic fine, or a case's fee as version 1 does. */
export function paymentSettledV2Handler(services: ZoneServices): MessageHandler {
  return onMessage(paymentSettledV2, async (tx, paid) => {
    const { payable, ...payment } = paid;
    if (payable.kind === 'traffic-fine') await settleTrafficFine(tx, services, { ...payment, ...payable });
    else await settleCaseFee(tx, services, { ...payment, caseNumber: payable.caseNumber });
  });
}

/**
 * A paid case fee refunded in the portal: its income comes off the departments it was split to. The refund
 * follows its payment on the case's stream, so the fee is paid here when it arrives.
 */
export function paymentRefundedHandler(): MessageHandler {
  return onMessage(paymentRefunded, async (tx, refund) => {
    const fee = await feeOf(tx, refund.caseNumber);
    // Left failed in the inbox for an operator: the portal refunds only what was reported paid here.
    if (fee?.status !== 'paid' || fee.orderNo !== refund.orderNo)
      throw new Error('a refund of a fee payment the police zone did not record');
    await bookFeeRefund(tx, fee, refund);
  });
}

export function caseFeeInboxHandlers(services: ZoneServices): MessageHandler[] {
  return [
    onVersions([paymentSettledHandler(services), paymentSettledV2Handler(services)]),
    paymentRefundedHandler(),
  ];
}
