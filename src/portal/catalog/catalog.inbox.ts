import type { PayloadOf } from '../../exchange/contracts/index.ts';
import {
  catalogDocumentPublished,
  catalogItemPublished,
  catalogItemWithdrawn,
} from '../../exchange/contracts/index.ts';
import type { InboxHandler } from '../../exchange/inbox.ts';
import { applyDocument } from './catalog.documents.ts';
import { applyPublishedItem, withdrawItem } from './catalog.service.ts';

// What the portal does with the workbench's catalogue messages. The exchange has already checked each payload
// against its contract; both service functions are idempotent and safe in any order of delivery, so a
// redelivered or overtaken message changes nothing.

type Published = PayloadOf<typeof catalogItemPublished>;
type Withdrawn = PayloadOf<typeof catalogItemWithdrawn>;

export const catalogPublishedHandler: InboxHandler = async (tx, payload) => {
  const message = payload as Published;
  // The message's version is the one the workbench approved; the item carries the same number.
  await applyPublishedItem(tx, { ...message.item, version: message.version }, new Date(message.publishedAt));
};

export const catalogWithdrawnHandler: InboxHandler = async (tx, payload) => {
  const message = payload as Withdrawn;
  await withdrawItem(tx, message.id, message.version, new Date(message.withdrawnAt));
};

export const catalogDocumentHandler: InboxHandler = async (tx, payload) => {
  await applyDocument(tx, payload as PayloadOf<typeof catalogDocumentPublished>, new Date());
};

/** Every catalogue message the portal takes, by type, as the zone wires them. */
export const catalogInboxHandlers: Record<string, InboxHandler> = {
  [catalogItemPublished.type]: catalogPublishedHandler,
  [catalogItemWithdrawn.type]: catalogWithdrawnHandler,
  [catalogDocumentPublished.type]: catalogDocumentHandler,
};
