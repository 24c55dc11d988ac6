import { paymentSettledV2 } from '../../exchange/contracts/index.ts';
import { onMessage, onVersions, type MessageHandler } from '../../exchange/facade.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { settleTrafficFine } from '../traffic/traffic.service.ts';
import { paymentSettledHandler, settleCaseFee } from './case-fees.service.ts';

/** payment.settled version 2 names what was paid: a traffic fine, or a case's fee as version 1 does. */
export function paymentSettledV2Handler(services: ZoneServices): MessageHandler {
  return onMessage(paymentSettledV2, async (tx, paid) => {
    const { payable, ...payment } = paid;
    if (payable.kind === 'traffic-fine') await settleTrafficFine(tx, services, { ...payment, ...payable });
    else await settleCaseFee(tx, services, { ...payment, caseNumber: payable.caseNumber });
  });
}

export function caseFeeInboxHandlers(services: ZoneServices): MessageHandler[] {
  return [onVersions([paymentSettledHandler(services), paymentSettledV2Handler(services)])];
}
