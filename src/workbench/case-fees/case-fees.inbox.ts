import type { MessageHandler } from '../../exchange/facade.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { paymentSettledHandler } from './case-fees.service.ts';

export function caseFeeInboxHandlers(services: ZoneServices): MessageHandler[] {
  return [paymentSettledHandler(services)];
}
