import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CaseAnswers, PublicCaseStatus } from '../../exchange/contracts/index.ts';
import { bytea } from '../../shared/db/columns.ts';
import { citizens } from '../db/schema.ts';
import { companies } from '../companies/companies.tables.ts';

/**
 * One application from its first saved page to its end: a draft while `submittedAt` is null, then a case
 * whose progress the workbench reports (status, seq, due date, what the applicant may do). The draft lives on
 * the server, so it resumes on any device and survives a restart. The form version is kept with it: a new
 * version of the form never changes an application already begun.
 */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id),
    // Set when the application is made for a company, by its representative or an accepted agent.
    companyId: uuid('company_id').references(() => companies.id),
    companyRole: text('company_role').$type<'representative' | 'agent'>(),
    itemId: text('item_id').notNull(),
    itemVersion: integer('item_version').notNull(),
    formId: text('form_id').notNull(),
    formVersion: integer('form_version').notNull(),
    answers: jsonb('answers').notNull().$type<CaseAnswers>().default({}),
    // The page the applicant last saved, to resume where he stopped.
    lastPage: text('last_page'),
    // The key the check-your-answers page hands out: a second submission with it finds the first.
    submitKey: uuid('submit_key').unique(),
    caseNumber: text('case_number').unique(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    status: text('status').$type<PublicCaseStatus>(),
    statusSeq: integer('status_seq').notNull().default(0),
    dueOn: date('due_on'),
    applicantMay: text('applicant_may')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // True from submission until a final status: one application per person (or company) and service at a time.
    inFlight: boolean('in_flight').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('applications_citizen_idx').on(t.citizenId, t.updatedAt),
    index('applications_company_idx').on(t.companyId, t.updatedAt),
    uniqueIndex('applications_in_flight_idx')
      .on(t.citizenId, t.itemId, sql`coalesce(${t.companyId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`${t.inFlight}`),
  ],
);

/** The daily sequence of case numbers per deciding unit: unit code + Beijing date + sequence. */
export const caseNumberCounters = pgTable(
  'case_number_counters',
  {
    unitCode: text('unit_code').notNull(),
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.day] })],
);

/**
 * The files uploaded to a draft's upload questions, kept in the portal until the application is submitted and
 * they cross to the police network (attachment.submitted, with the same id as in the answers). The type is the
 * one read from the bytes, never the browser's word.
 */
export const applicationFiles = pgTable(
  'application_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    fieldId: text('field_id').notNull(),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('application_files_application_idx').on(t.applicationId, t.fieldId, t.createdAt)],
);
