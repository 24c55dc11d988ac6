import { contentPublished, contentWithdrawn } from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import { publicContentChanged } from '../../shared/http/public-content.ts';
import { applyPublishedArticle, withdrawPublishedArticle } from './content.service.ts';

// What the portal does with the workbench's article messages; both are idempotent in any order of delivery.

export const contentPublishedHandler = onMessage(contentPublished, async (tx, message) => {
  await applyPublishedArticle(tx, message);
  // Sections, columns, feeds, search and the home page's warnings all show articles: drop every cached page.
  publicContentChanged('/');
});

export const contentWithdrawnHandler = onMessage(contentWithdrawn, async (tx, message) => {
  await withdrawPublishedArticle(tx, message.id, message.version, new Date(message.withdrawnAt));
  publicContentChanged('/');
});

export const contentInboxHandlers: readonly MessageHandler[] = [
  contentPublishedHandler,
  contentWithdrawnHandler,
];
