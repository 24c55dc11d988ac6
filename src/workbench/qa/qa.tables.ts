import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { LetterTopic } from '../../exchange/contracts/index.ts';

export type QaState = 'draft' | 'in-review' | 'published' | 'withdrawn';

/**
 * A question and answer a network spokesperson drafted from an answered letter whose writer allowed it: the
 * texts after the publication check removed personal data. A second spokesperson approves it (four eyes)
 * before it crosses, or returns it to draft with a comment. One per letter; a withdrawn one stays, with its
 * time, and is not offered again. `draftedBy` is whoever last wrote and submitted the texts.
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
    // Rows from before the review step were published at once: they start in that state.
    state: text('state').notNull().default('published').$type<QaState>(),
    workflowId: text('workflow_id').notNull().default('qa-publication'),
    workflowVersion: integer('workflow_version').notNull().default(1),
    draftedBy: text('drafted_by'),
    reviewComment: text('review_comment'),
    publishedBy: text('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('qa_publications_unit_idx').on(t.unitPath, t.publishedAt),
    index('qa_publications_state_idx').on(t.state, t.updatedAt),
  ],
);

export type QaPublicationRow = typeof qaPublications.$inferSelect;
