import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  QuestionAnswer,
  QuestionnaireAudience,
  QuestionnaireDefinition,
} from '../../exchange/contracts/index.ts';
import { citizens } from '../db/schema.ts';

/**
 * The questionnaires the workbench published, the highest version only; `closedAt` once closed. A closing that
 * overtook its publication leaves the row with version 0 and an empty definition, never shown.
 */
export const publicQuestionnaires = pgTable(
  'public_questionnaires',
  {
    id: uuid('id').primaryKey(),
    version: integer('version').notNull().default(0),
    definition: jsonb('definition').$type<QuestionnaireDefinition>(),
    audience: text('audience').notNull().default('everyone').$type<QuestionnaireAudience>(),
    opensOn: date('opens_on'),
    closesOn: date('closes_on'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('public_questionnaires_open_idx').on(t.closesOn)],
);

/**
 * Each response taken, with what guards the one-response rule: the signed-in citizen (once per questionnaire),
 * or for a visitor the guard token of his browser's cookie (once per token). Only the answers and the audience
 * tag cross to the workbench.
 */
export const questionnaireAnswers = pgTable(
  'questionnaire_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionnaireId: uuid('questionnaire_id')
      .notNull()
      .references(() => publicQuestionnaires.id),
    version: integer('version').notNull(),
    citizenId: uuid('citizen_id').references(() => citizens.id),
    guard: text('guard'),
    answers: jsonb('answers').notNull().$type<QuestionAnswer[]>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('questionnaire_answers_citizen_idx')
      .on(t.questionnaireId, t.citizenId)
      .where(sql`${t.citizenId} IS NOT NULL`),
    uniqueIndex('questionnaire_answers_guard_idx')
      .on(t.questionnaireId, t.guard)
      .where(sql`${t.guard} IS NOT NULL`),
  ],
);

export type PublicQuestionnaireRow = typeof publicQuestionnaires.$inferSelect;
