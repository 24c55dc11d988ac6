import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { LetterTopic } from '../../exchange/contracts/index.ts';

const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

export type KbState = 'draft' | 'in-review' | 'in-use' | 'superseded' | 'retired';

/**
 * An entry of the reply knowledge base (答复口径库): one agreed answer to a question the public asks, owned by
 * the unit that wrote it (a provincial or city bureau, or a unit below) and shared with every unit under it.
 * `currentVersion` is the reviewed version in use, if any; every version is kept in `kb_versions`.
 * `helpedCount` is the portal's count of writers whose question a published version answered.
 */
export const kbEntries = pgTable(
  'kb_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitCode: text('unit_code').notNull(),
    unitPath: text('unit_path').notNull(),
    currentVersion: integer('current_version'),
    latestVersion: integer('latest_version').notNull(),
    helpedCount: integer('helped_count').notNull().default(0),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('kb_entries_unit_idx').on(t.unitPath)],
);

/**
 * One version of an entry, as written; it moves draft → in review → in use (a second officer's review) →
 * superseded by the next version or retired. Search reads only versions in use: `search_vector` is the
 * weighted bigram vector of public.zh_search_tsv (question and keywords A, answer B).
 * `unitCode`, `unitPath` and `helpedCount` are the entry's, copied by triggers (migration kb_search_own_row): a
 * search filters its up to a thousand candidates by owner and orders them by the count without a lookup of each
 * one's entry, which cost more than reading the versions themselves. A change of the entry reaches its version in
 * use; any other version is brought up to date whenever it is written, so when it comes into use (migration
 * kb_copies_in_use). Never written by the application.
 */
export const kbVersions = pgTable(
  'kb_versions',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => kbEntries.id),
    version: integer('version').notNull(),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    keywords: text('keywords').array().notNull(),
    area: text('area').notNull().$type<LetterTopic>(),
    // Public entries cross to the portal as instant answers once in use.
    public: boolean('public').notNull(),
    state: text('state').notNull().$type<KbState>(),
    workflowId: text('workflow_id').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    authorBadge: text('author_badge').notNull(),
    submittedBy: text('submitted_by'),
    reviewedBy: text('reviewed_by'),
    reviewComment: text('review_comment'),
    searchText: text('search_text').notNull(),
    searchVector: tsvector('search_vector').notNull(),
    unitCode: text('unit_code').notNull().default(''),
    unitPath: text('unit_path').notNull().default(''),
    helpedCount: integer('helped_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.version] }),
    index('kb_versions_search_idx')
      .using('gin', t.searchVector)
      .where(sql`${t.state} = 'in-use'`),
    index('kb_versions_state_idx').on(t.state, t.updatedAt),
  ],
);

/**
 * How many versions in use hold each search lexeme (pair, single ideograph or Latin word), kept by statement
 * triggers on kb_versions (migration kb_term_docs), so a search can start from the question's rarest lexemes
 * instead of ranking every entry that says 办理. The row with the empty term counts the versions in use.
 */
export const kbTermDocs = pgTable('kb_term_docs', {
  term: text('term').primaryKey(),
  docs: integer('docs').notNull(),
});

export type KbEntryRow = typeof kbEntries.$inferSelect;
export type KbVersionRow = typeof kbVersions.$inferSelect;
