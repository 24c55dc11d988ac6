import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type {
  QuestionAnswer,
  QuestionnaireAudience,
  QuestionnaireDefinition,
} from '../../exchange/contracts/index.ts';

export type QuestionnaireState = 'draft' | 'published' | 'closed';

/**
 * A satisfaction questionnaire, owned by the unit whose supervisor built it. `definition` is the text being
 * edited; `version` is the last version published (0 while a draft), each kept in `questionnaire_versions`, so
 * an edit after publishing is a new version and every response keeps the one it answered.
 */
export const questionnaires = pgTable(
  'questionnaires',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitCode: text('unit_code').notNull(),
    unitPath: text('unit_path').notNull(),
    definition: jsonb('definition').notNull().$type<QuestionnaireDefinition>(),
    state: text('state').notNull().$type<QuestionnaireState>(),
    workflowId: text('workflow_id').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    version: integer('version').notNull().default(0),
    audience: text('audience').$type<QuestionnaireAudience>(),
    opensOn: date('opens_on'),
    closesOn: date('closes_on'),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('questionnaires_unit_idx').on(t.unitPath, t.updatedAt)],
);

/** Each published version of a questionnaire as it crossed to the portal. */
export const questionnaireVersions = pgTable(
  'questionnaire_versions',
  {
    questionnaireId: uuid('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull().$type<QuestionnaireDefinition>(),
    publishedBy: text('published_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.questionnaireId, t.version] })],
);

/**
 * The responses the portal sent, without any personal data: the version answered, the audience tag, the
 * answers. The portal's response id is the key, so a redelivered message is stored once.
 */
export const questionnaireResponses = pgTable(
  'questionnaire_responses',
  {
    id: uuid('id').primaryKey(),
    questionnaireId: uuid('questionnaire_id').notNull(),
    version: integer('version').notNull(),
    audience: text('audience').notNull().$type<QuestionnaireAudience>(),
    answers: jsonb('answers').notNull().$type<QuestionAnswer[]>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('questionnaire_responses_idx').on(t.questionnaireId, t.submittedAt)],
);

export type QuestionnaireRow = typeof questionnaires.$inferSelect;
export type QuestionnaireResponseRow = typeof questionnaireResponses.$inferSelect;
