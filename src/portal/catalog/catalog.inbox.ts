import {
  catalogDocumentPublished,
  catalogItemPublished,
  catalogItemWithdrawn,
} from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import { applyDocument } from './catalog.documents.ts';
import { applyPublishedItem, withdrawItem } from './catalog.service.ts';

// What the portal does with the workbench's catalogue messages. The exchange has already checked each payload
// against its contract; both service functions are idempotent and safe in any order of delivery, so a
// redelivered or overtaken message changes nothing.

export const catalogPublishedHandler = onMessage(catalogItemPublished, async (tx, message) => {
  // The message's version is the one the workbench approved; the item carries the same number.
  await applyPublishedItem(tx, { ...message.item, version: message.version }, new Date(message.publishedAt));
});

export const catalogWithdrawnHandler = onMessage(catalogItemWithdrawn, async (tx, message) => {
  await withdrawItem(tx, message.id, message.version, new Date(message.withdrawnAt));
});

export const catalogDocumentHandler = onMessage(catalogDocumentPublished, async (tx, message) => {
  await applyDocument(tx, message, new Date());
});

/** Every catalogue message the portal takes, as the zone wires them. */
export const catalogInboxHandlers: readonly MessageHandler[] = [
  catalogPublishedHandler,
  catalogWithdrawnHandler,
  catalogDocumentHandler,
];
