import { kbAnswerHelped } from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { raiseHelped } from './kb.repository.ts';

/** The portal's count of writers a published answer answered: the entry keeps the highest total it is sent. */
export function kbInboxHandlers(_services: ZoneServices): MessageHandler[] {
  return [onMessage(kbAnswerHelped, (tx, message) => raiseHelped(tx, message.entryId, message.count))];
}
