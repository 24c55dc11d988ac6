import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  inArray,
  isNull,
  isNotNull,
  lt,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { PublicCaseStatus } from '../../exchange/contracts/index.ts';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { applications } from '../applications/applications.tables.ts';
import { companies, companyAgents } from '../companies/companies.tables.ts';
import { citizens, publishedItems } from '../db/schema.ts';
import { directoryUnits } from '../directory/directory.tables.ts';
import {
  caseDocuments,
  caseEvents,
  caseSupplementFiles,
  caseSupplements,
  caseWithdrawals,
  messages,
} from './cases.tables.ts';

export type NewCaseEvent = typeof caseEvents.$inferInsert;

/** Keeps a step once: false when this case already has a step with that seq (a redelivery). */
export async function insertEvent(tx: Tx, event: NewCaseEvent): Promise<boolean> {
  const inserted = await tx
    .insert(caseEvents)
    .values(event)
    .onConflictDoNothing({ target: [caseEvents.caseNumber, caseEvents.seq] })
    .returning({ id: caseEvents.id });
  return inserted.length > 0;
}

/** The submitted application a message names (its id and case number must agree), with its applicant's number. */
export async function applicationOfCase(ex: Executor, applicationId: string, caseNumber: string) {
  const [row] = await ex
    .select({
      id: applications.id,
      citizenId: applications.citizenId,
      caseNumber: applications.caseNumber,
      statusSeq: applications.statusSeq,
      mobile: citizens.mobile,
      nameZh: publishedItems.nameZh,
      nameEn: publishedItems.nameEn,
    })
    .from(applications)
    .innerJoin(citizens, eq(citizens.id, applications.citizenId))
    .leftJoin(publishedItems, eq(publishedItems.id, applications.itemId))
    .where(and(eq(applications.id, applicationId), eq(applications.caseNumber, caseNumber)));
  return row;
}

/** Moves the case to a step's status only when the step is newer than the one it shows. */
export async function advanceStatus(
  tx: Tx,
  id: string,
  step: {
    seq: number;
    status: PublicCaseStatus;
    dueOn: string | null;
    applicantMay: string[];
    final: boolean;
    now: Date;
  },
): Promise<boolean> {
  const moved = await tx
    .update(applications)
    .set({
      status: step.status,
      statusSeq: step.seq,
      dueOn: step.dueOn,
      applicantMay: step.applicantMay,
      updatedAt: step.now,
      ...(step.final ? { inFlight: false } : {}),
    })
    .where(and(eq(applications.id, id), lt(applications.statusSeq, step.seq)))
    .returning({ id: applications.id });
  return moved.length > 0;
}

export async function insertMessage(tx: Tx, message: typeof messages.$inferInsert): Promise<void> {
  await tx.insert(messages).values(message);
}

export async function insertDocument(tx: Tx, document: typeof caseDocuments.$inferInsert): Promise<boolean> {
  const inserted = await tx
    .insert(caseDocuments)
    .values(document)
    .onConflictDoNothing()
    .returning({ id: caseDocuments.id });
  return inserted.length > 0;
}

/** The companies whose every case the person sees: those he is the active legal representative of. */
async function representedCompanies(ex: Executor, citizenId: string): Promise<string[]> {
  const rows = await ex
    .select({ id: companies.id })
    .from(companyAgents)
    .innerJoin(companies, eq(companies.id, companyAgents.companyId))
    .where(
      and(
        eq(companyAgents.citizenId, citizenId),
        eq(companyAgents.role, 'legal-representative'),
        eq(companyAgents.active, true),
        eq(companies.status, 'active'),
      ),
    );
  return rows.map((r) => r.id);
}

/** `draft`, `open` (submitted, not final), `closed` (final), or one public status. */
export type CaseFilter = 'all' | 'draft' | 'open' | 'closed' | PublicCaseStatus;
export const FINAL_STATUSES: readonly PublicCaseStatus[] = [
  'not-accepted',
  'refused',
  'completed',
  'withdrawn',
];

function filterSql(filter: CaseFilter): SQL | undefined {
  if (filter === 'all') return undefined;
  if (filter === 'draft') return isNull(applications.submittedAt);
  if (filter === 'open') return and(isNotNull(applications.submittedAt), eq(applications.inFlight, true));
  if (filter === 'closed') return inArray(applications.status, [...FINAL_STATUSES]);
  return eq(applications.status, filter);
}

/**
 * The person's own applications and every case of the companies he represents, newest first. An agent's
 * applications for a company are his own rows, so he sees those and no others of the company.
 */
/** What the list and the case page both show of an application: whose, which service, where it stands. */
const caseColumns = {
  id: applications.id,
  citizenId: applications.citizenId,
  companyId: applications.companyId,
  companyName: companies.name,
  itemId: applications.itemId,
  nameZh: publishedItems.nameZh,
  nameEn: publishedItems.nameEn,
  caseNumber: applications.caseNumber,
  submittedAt: applications.submittedAt,
  status: applications.status,
  dueOn: applications.dueOn,
};

export async function listCases(
  ex: Executor,
  citizenId: string,
  filter: CaseFilter,
  page: { limit: number; offset: number },
) {
  const represented = await representedCompanies(ex, citizenId);
  const whose = represented.length
    ? or(eq(applications.citizenId, citizenId), inArray(applications.companyId, represented))
    : eq(applications.citizenId, citizenId);
  const where = and(whose, filterSql(filter));
  const latest = sql<{ step: string; at: string } | null>`(
    select json_build_object('step', e.step, 'at', e.at) from ${caseEvents} e
    where e.application_id = ${applications.id} order by e.seq desc limit 1)`;
  // The total comes with the page, one statement for the list a person opens most: the count is a subquery
  // of its own (run once, from the index alone, as the page keeps its ordered index scan), repeated on every
  // row. A page past the end has no row to carry it and asks apart.
  const found = await ex
    .select({
      ...caseColumns,
      lastPage: applications.lastPage,
      updatedAt: applications.updatedAt,
      latest,
      total: sql<string>`(select count(*) from ${applications} where ${where})`,
    })
    .from(applications)
    .leftJoin(publishedItems, eq(publishedItems.id, applications.itemId))
    .leftJoin(companies, eq(companies.id, applications.companyId))
    .where(where)
    .orderBy(desc(applications.updatedAt), desc(applications.id))
    .limit(page.limit)
    .offset(page.offset);
  const rows = found.map(({ total: _total, ...row }) => row);
  if (found[0]) return { rows, total: Number(found[0].total) };
  if (page.offset === 0) return { rows, total: 0 };
  const [count] = await ex
    .select({ n: sql<number>`count(*)` })
    .from(applications)
    .where(where);
  return { rows, total: Number(count?.n ?? 0) };
}

/** A submitted case by number, with what the policy needs: whose it is and who represents its company. */
export async function caseByNumber(ex: Executor, caseNumber: string) {
  const [row] = await ex
    .select({
      ...caseColumns,
      formId: applications.formId,
      formVersion: applications.formVersion,
      answers: applications.answers,
      statusSeq: applications.statusSeq,
      applicantMay: applications.applicantMay,
      inFlight: applications.inFlight,
    })
    .from(applications)
    .leftJoin(publishedItems, eq(publishedItems.id, applications.itemId))
    .leftJoin(companies, eq(companies.id, applications.companyId))
    .where(and(eq(applications.caseNumber, caseNumber), isNotNull(applications.submittedAt)));
  if (!row) return undefined;
  const representatives = row.companyId
    ? (
        await ex
          .select({ citizenId: companyAgents.citizenId })
          .from(companyAgents)
          .innerJoin(companies, eq(companies.id, companyAgents.companyId))
          .where(
            and(
              eq(companyAgents.companyId, row.companyId),
              eq(companyAgents.role, 'legal-representative'),
              eq(companyAgents.active, true),
              eq(companies.status, 'active'),
            ),
          )
      ).map((r) => r.citizenId)
    : [];
  return { ...row, caseNumber: row.caseNumber!, representatives };
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof caseByNumber>>>;

/**
 * A case's steps in order, each with the directory's English name of its unit when the directory has one (a
 * withdrawn unit's row stays there: an old step still names it), read in the same statement.
 */
export async function eventsOf(ex: Executor, applicationId: string) {
  return ex
    .select({ ...getTableColumns(caseEvents), unitNameEn: directoryUnits.nameEn })
    .from(caseEvents)
    .leftJoin(directoryUnits, eq(directoryUnits.code, caseEvents.unitCode))
    .where(eq(caseEvents.applicationId, applicationId))
    .orderBy(asc(caseEvents.seq));
}

const documentInfo = {
  id: caseDocuments.id,
  kind: caseDocuments.kind,
  documentNumber: caseDocuments.documentNumber,
  unitName: caseDocuments.unitName,
  issuedAt: caseDocuments.issuedAt,
  validUntil: caseDocuments.validUntil,
  fileName: caseDocuments.fileName,
  bytes: caseDocuments.bytes,
  sha256: caseDocuments.sha256,
  /** The English copy's size, where the document has one. */
  englishBytes: caseDocuments.englishBytes,
};

export async function documentsOf(ex: Executor, applicationId: string) {
  return ex
    .select(documentInfo)
    .from(caseDocuments)
    .where(eq(caseDocuments.applicationId, applicationId))
    .orderBy(asc(caseDocuments.issuedAt));
}

export async function documentContent(ex: Executor, applicationId: string, documentId: string) {
  const [row] = await ex
    .select({ ...documentInfo, content: caseDocuments.content, englishContent: caseDocuments.englishContent })
    .from(caseDocuments)
    .where(and(eq(caseDocuments.applicationId, applicationId), eq(caseDocuments.id, documentId)));
  return row;
}

/** The public verification entry of a code; nothing of the case beyond what the document itself shows. */
export async function documentByCode(ex: Executor, code: string) {
  const [row] = await ex
    .select({
      kind: caseDocuments.kind,
      documentNumber: caseDocuments.documentNumber,
      unitName: caseDocuments.unitName,
      issuedAt: caseDocuments.issuedAt,
      validUntil: caseDocuments.validUntil,
      holderMasked: caseDocuments.holderMasked,
      sha256: caseDocuments.sha256,
      englishSha256: caseDocuments.englishSha256,
    })
    .from(caseDocuments)
    .where(eq(caseDocuments.verificationCode, code));
  return row;
}

/** The withdrawal asked for while the case is in the status it shows now, if any. */
export async function withdrawalAt(ex: Executor, applicationId: string, statusSeq: number) {
  const [row] = await ex
    .select({ id: caseWithdrawals.id, requestedAt: caseWithdrawals.requestedAt })
    .from(caseWithdrawals)
    .where(and(eq(caseWithdrawals.applicationId, applicationId), eq(caseWithdrawals.statusSeq, statusSeq)));
  return row;
}

export async function insertWithdrawal(tx: Tx, row: typeof caseWithdrawals.$inferInsert): Promise<boolean> {
  const inserted = await tx
    .insert(caseWithdrawals)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: caseWithdrawals.id });
  return inserted.length > 0;
}

export async function supplementAt(ex: Executor, applicationId: string, statusSeq: number) {
  const [row] = await ex
    .select({ id: caseSupplements.id, submittedAt: caseSupplements.submittedAt })
    .from(caseSupplements)
    .where(and(eq(caseSupplements.applicationId, applicationId), eq(caseSupplements.statusSeq, statusSeq)));
  return row;
}

export async function insertSupplement(
  tx: Tx,
  row: typeof caseSupplements.$inferInsert,
): Promise<string | undefined> {
  const [inserted] = await tx
    .insert(caseSupplements)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: caseSupplements.id });
  return inserted?.id;
}

export async function insertSupplementFile(tx: Tx, row: typeof caseSupplementFiles.$inferInsert) {
  await tx.insert(caseSupplementFiles).values(row);
}

export async function unreadCount(ex: Executor, citizenId: string): Promise<number> {
  const [row] = await ex
    .select({ n: sql<number>`count(*)` })
    .from(messages)
    .where(and(eq(messages.citizenId, citizenId), isNull(messages.readAt)));
  return Number(row?.n ?? 0);
}

export async function messagesOf(ex: Executor, citizenId: string, limit: number) {
  return ex
    .select()
    .from(messages)
    .where(eq(messages.citizenId, citizenId))
    .orderBy(desc(messages.createdAt))
    .limit(limit);
}

export async function markAllRead(ex: Executor, citizenId: string, now: Date): Promise<void> {
  await ex
    .update(messages)
    .set({ readAt: now })
    .where(and(eq(messages.citizenId, citizenId), isNull(messages.readAt)));
}
