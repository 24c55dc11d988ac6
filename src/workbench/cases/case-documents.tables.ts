import { integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CaseDocumentKind } from '../../exchange/contracts/case.document.issued.ts';
import { bytea } from '../../shared/db/columns.ts';
import { cases } from './cases.tables.ts';

/**
 * The documents issued on cases: the PDF as it was sent to the applicant, its number and its verification
 * code. A document is issued once per step (`step_seq`), so a job run twice issues nothing twice.
 */
export const caseDocuments = pgTable(
  'case_documents',
  {
    id: uuid('id').primaryKey(),
    caseNumber: text('case_number')
      .notNull()
      .references(() => cases.caseNumber),
    stepSeq: integer('step_seq').notNull(),
    kind: text('kind').notNull().$type<CaseDocumentKind>(),
    documentNumber: text('document_number').notNull().unique(),
    verificationCode: text('verification_code').notNull().unique(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    content: bytea('content').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('case_documents_step_idx').on(t.caseNumber, t.stepSeq)],
);

/** Document numbers run per issuing unit, kind and year: SF-ZA-受字〔2026〕第000123号. */
export const documentCounters = pgTable(
  'document_counters',
  {
    unitCode: text('unit_code').notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.kind, t.year] })],
);
