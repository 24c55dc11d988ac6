import { sql } from 'drizzle-orm';
import {
  bigserial,
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { LetterTopic } from '../../exchange/contracts/index.ts';

const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

/**
 * The workbench's public knowledge-base entries, newest version only: the instant answers offered while a
 * consultation is written. A withdrawal keeps the row (marked, vector emptied) so a late publication of the same
 * or an older version cannot bring it back. An entry whose text fails the portal's own check is never stored.
 */
export const publishedAnswers = pgTable(
  'published_answers',
  {
    entryId: uuid('entry_id').primaryKey(),
    version: integer('version').notNull(),
    question: text('question').notNull().default(''),
    answer: text('answer').notNull().default(''),
    area: text('area').notNull().default('other').$type<LetterTopic>(),
    // Question and keywords (A) and answer (B) separated by U+001F, for public.zh_search_tsv (catalog-search).
    searchText: text('search_text').notNull().default(''),
    searchVector: tsvector('search_vector').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('published_answers_search_idx').using('gin', t.searchVector)],
);

/**
 * How many live answers (not withdrawn) hold each search lexeme, kept by statement triggers on published_answers
 * (migration answer_term_docs), so the instant answers start from the question's rarest lexemes instead of
 * ranking every answer that says 办理. The row with the empty term counts the live answers.
 */
export const publishedAnswerTerms = pgTable('published_answer_terms', {
  term: text('term').primaryKey(),
  docs: integer('docs').notNull(),
});

/**
 * Each "this answered my question": who (a signed-in citizen, once per answer; a visitor is counted each time,
 * the route being rate-limited), when, for which version. The count sent to the workbench is the number of rows,
 * so every unit of it can be accounted for.
 */
export const answerHelpedMarks = pgTable(
  'answer_helped_marks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entryId: uuid('entry_id').notNull(),
    version: integer('version').notNull(),
    citizenId: uuid('citizen_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('answer_helped_marks_entry_idx').on(t.entryId),
    uniqueIndex('answer_helped_marks_citizen_idx')
      .on(t.entryId, t.citizenId)
      .where(sql`${t.citizenId} IS NOT NULL`),
  ],
);

/** Public questions and answers as the network spokesperson published them, personal data already removed. */
export const publicQa = pgTable(
  'public_qa',
  {
    id: uuid('id').primaryKey(),
    topic: text('topic').notNull().default('other').$type<LetterTopic>(),
    question: text('question').notNull().default(''),
    answer: text('answer').notNull().default(''),
    unitName: text('unit_name').notNull().default(''),
    // The answering unit's code beside its name (an optional field of qa.published, so a message from a workbench
    // not yet upgraded has none; migration qa_unit_codes filled older rows whose name the directory lists once), for the directory's English name.
    unitCode: text('unit_code'),
    askedOn: text('asked_on').notNull().default(''),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('public_qa_published_idx').on(t.publishedAt)],
);

export type PublishedAnswerRow = typeof publishedAnswers.$inferSelect;
export type PublicQaRow = typeof publicQa.$inferSelect;
