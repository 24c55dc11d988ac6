import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { LetterTopic } from '../../exchange/contracts/index.ts';

/**
 * A question and answer the network spokesperson published from an answered letter whose writer allowed it:
 * the texts as they crossed, after the publication check removed personal data. One per letter; a withdrawn
 * one stays, with its time, and is not offered again.
 */
export const qaPublications = pgTable(
  'qa_publications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    letterNumber: text('letter_number').notNull().unique(),
    unitCode: text('unit_code'),
    unitPath: text('unit_path').notNull(),
    topic: text('topic').notNull().$type<LetterTopic>(),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    publishedBy: text('published_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('qa_publications_unit_idx').on(t.unitPath, t.publishedAt)],
);

export type QaPublicationRow = typeof qaPublications.$inferSelect;
