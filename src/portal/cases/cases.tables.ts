import { sql } from 'drizzle-orm';
import {
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CaseAnswers, CaseDocumentKind, PublicCaseStatus } from '../../exchange/contracts/index.ts';
import { bytea } from '../../shared/db/columns.ts';
import { applications } from '../applications/applications.tables.ts';
import { citizens } from '../db/schema.ts';

export interface MissingMaterial {
  code: string;
  name: string;
  problem: string;
}

/**
 * Every step of a case as the workbench reported it, kept once (case number and seq are unique) and never
 * changed: the timeline is read from here, whatever order the steps arrived in.
 */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    caseNumber: text('case_number').notNull(),
    seq: integer('seq').notNull(),
    status: text('status').notNull().$type<PublicCaseStatus>(),
    step: text('step').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    unitCode: text('unit_code').notNull(),
    unitName: text('unit_name').notNull(),
    message: text('message'),
    missingMaterials: jsonb('missing_materials').$type<MissingMaterial[]>(),
    legalBasis: text('legal_basis'),
    dueOn: date('due_on'),
    applicantMay: text('applicant_may')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    visit: jsonb('visit').$type<{ zh: string; en: string }>(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('case_events_case_seq').on(t.caseNumber, t.seq),
    index('case_events_application_idx').on(t.applicationId, t.seq),
  ],
);

/**
 * A document issued on a case: the PDF for the applicant, and the verification entry anyone holding the
 * document may look up by its code. The entry holds only what the public page shows.
 */
export const caseDocuments = pgTable(
  'case_documents',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    caseNumber: text('case_number').notNull(),
    kind: text('kind').notNull().$type<CaseDocumentKind>(),
    documentNumber: text('document_number').notNull(),
    verificationCode: text('verification_code').notNull(),
    holderMasked: text('holder_masked').notNull(),
    unitName: text('unit_name').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    validUntil: date('valid_until'),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    content: bytea('content').notNull(),
    bytes: integer('bytes').notNull(),
    // The English copy (case.document.issued version 2), for the kinds drawn in English; the Chinese is the legal text.
    englishSha256: text('english_sha256'),
    englishContent: bytea('english_content'),
    englishBytes: integer('english_bytes'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('case_documents_code_idx').on(t.verificationCode),
    index('case_documents_application_idx').on(t.applicationId, t.issuedAt),
  ],
);

/**
 * The portal's in-site messages to a citizen (站内信): one per step of his cases, beside the SMS. Both
 * languages are kept, so the message reads in whichever the citizen uses when he opens it.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id),
    subject: jsonb('subject').notNull().$type<{ zh: string; en: string }>(),
    body: jsonb('body').notNull().$type<{ zh: string; en: string }>(),
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('messages_citizen_idx').on(t.citizenId, t.createdAt),
    index('messages_unread_idx')
      .on(t.citizenId)
      .where(sql`${t.readAt} IS NULL`),
  ],
);

/**
 * A withdrawal the applicant asked for. One per status the case was in (`statusSeq`): asking twice while the
 * workbench has not answered sends nothing more; once it answered (withdrawn, or refused and the case goes
 * on), a later request is a new one.
 */
export const caseWithdrawals = pgTable(
  'case_withdrawals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => citizens.id),
    statusSeq: integer('status_seq').notNull(),
    reason: text('reason').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('case_withdrawals_once').on(t.applicationId, t.statusSeq)],
);

/** The applicant's answer to one notice of missing materials: one per notice (its status seq). */
export const caseSupplements = pgTable(
  'case_supplements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => citizens.id),
    statusSeq: integer('status_seq').notNull(),
    note: text('note').notNull(),
    answers: jsonb('answers').notNull().$type<CaseAnswers>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('case_supplements_once').on(t.applicationId, t.statusSeq)],
);

/** A file uploaded with a supplement; its id is the attachment id it crossed with. */
export const caseSupplementFiles = pgTable(
  'case_supplement_files',
  {
    id: uuid('id').primaryKey(),
    supplementId: uuid('supplement_id')
      .notNull()
      .references(() => caseSupplements.id),
    field: text('field').notNull(),
    material: text('material').notNull(),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
  },
  (t) => [index('case_supplement_files_supplement_idx').on(t.supplementId)],
);
