import {
  contentImagePublished,
  contentPublished,
  contentPublishedV1,
  contentWithdrawn,
} from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import { publicContentChanged } from '../../shared/http/public-content.ts';
import { applyImage } from './content.images.ts';
import { applyPublishedArticle, upgradePublished, withdrawPublishedArticle } from './content.service.ts';

// What the portal does with the workbench's article messages; both are idempotent in any order of delivery.

const publishedV2 = onMessage(contentPublished, async (tx, message) => {
  await applyPublishedArticle(tx, message);
  // Sections, columns, feeds, search and the home page's warnings all show articles: drop every cached page.
  publicContentChanged('/');
});
const publishedV1 = onMessage(contentPublishedV1, async (tx, message) => {
  await applyPublishedArticle(tx, upgradePublished(message));
  publicContentChanged('/');
});

/**
 * One handler per type, so both versions of content.published go through this one: a version 1 message
 * still in the outbox when the workbench moved to version 2 is read as an article without English.
 */
export const contentPublishedHandler: MessageHandler = {
  type: contentPublished.type,
  version: contentPublished.version,
  handle: (tx, payload, message) =>
    message.version === contentPublishedV1.version
      ? publishedV1.handle(tx, payload, message)
      : publishedV2.handle(tx, payload, message),
};

export const contentWithdrawnHandler = onMessage(contentWithdrawn, async (tx, message) => {
  await withdrawPublishedArticle(tx, message.id, message.version, new Date(message.withdrawnAt));
  publicContentChanged('/');
});

/** A picture arrives ahead of the article that shows it; nothing links to it until the article goes live. */
export const contentImageHandler = onMessage(contentImagePublished, async (tx, message) => {
  // When it arrived is bookkeeping only, as for the catalogue's documents.
  await applyImage(tx, message, new Date());
});

export const contentInboxHandlers: readonly MessageHandler[] = [
  contentPublishedHandler,
  contentWithdrawnHandler,
  contentImageHandler,
];
