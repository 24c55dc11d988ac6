import type { MessageHandler } from '../../exchange/facade.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { trafficDecisionHandler, trafficLookupHandler } from './traffic.service.ts';

// A paid fine arrives as payment.settled version 2, handled with version 1 in case-fees.inbox.ts.
export function trafficInboxHandlers(services: ZoneServices): MessageHandler[] {
  return [trafficLookupHandler(services), trafficDecisionHandler(services)];
}
