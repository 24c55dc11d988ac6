import { statisticsPublished } from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import { publicContentChanged } from '../../shared/http/public-content.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { registeredUserCount, storeFigures } from './transparency.repository.ts';

/** The bureau's daily figures: kept, with the portal's own count of registered accounts at that moment. */
export function transparencyInboxHandlers(services: ZoneServices): MessageHandler[] {
  return [
    onMessage(statisticsPublished, async (tx, figures) => {
      const users = await registeredUserCount(tx);
      const stored = await storeFigures(tx, figures, users, services.now());
      // Anonymous copies of the page in this process are dropped now rather than when they expire.
      if (stored) publicContentChanged('/transparency');
    }),
  ];
}
