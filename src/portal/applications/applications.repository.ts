import { and, asc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { CaseAnswers } from '../../exchange/contracts/index.ts';
import type { Db, Executor, Tx } from '../../shared/db/database.ts';
import { citizens, identityColumns } from '../db/schema.ts';
import { applicationFiles, applications } from './applications.tables.ts';

export type ApplicationRow = typeof applications.$inferSelect;

/**
 * An application with the version of its row (PostgreSQL's xmin, which every update changes): the submission
 * writes the row it read only if nobody changed it since, instead of reading it again under a lock.
 */
export async function findApplication(
  db: Db,
  id: string,
): Promise<(ApplicationRow & { rowVersion: string }) | undefined> {
  let query = byId.get(db);
  if (!query) byId.set(db, (query = prepareById(db)));
  const [row] = await query.execute({ id });
  return row;
}

// Prepared once per database (tests run several portals in one process): every page of a draft reads it.
const byId = new WeakMap<Db, ReturnType<typeof prepareById>>();
const prepareById = (db: Db) =>
  db
    .select({ ...getTableColumns(applications), rowVersion: sql<string>`xmin::text` })
    .from(applications)
    .where(eq(applications.id, sql.placeholder('id')))
    .prepare('portal_application_by_id');

/** The row locked for the submission: two posts of the same page wait for each other here. */
export async function lockApplication(tx: Tx, id: string): Promise<ApplicationRow | undefined> {
  const [row] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
  return row;
}

/**
 * What the person (or, for a company, anyone for the company) already has for a service: the application in
 * flight, and the person's own newest draft.
 */
export async function openApplicationsFor(
  db: Executor,
  citizenId: string,
  itemId: string,
  companyId: string | null,
): Promise<{ inFlight?: ApplicationRow | undefined; draft?: ApplicationRow | undefined }> {
  const whose = companyId
    ? eq(applications.companyId, companyId)
    : and(eq(applications.citizenId, citizenId), isNull(applications.companyId));
  const [inFlight] = await db
    .select()
    .from(applications)
    .where(and(whose, eq(applications.itemId, itemId), eq(applications.inFlight, true)))
    .limit(1);
  const [draft] = await db
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.citizenId, citizenId),
        companyId ? eq(applications.companyId, companyId) : isNull(applications.companyId),
        eq(applications.itemId, itemId),
        isNull(applications.submittedAt),
      ),
    )
    .orderBy(sql`${applications.updatedAt} desc`)
    .limit(1);
  return { inFlight, draft };
}

export async function insertDraft(
  tx: Executor,
  values: {
    citizenId: string;
    companyId: string | null;
    companyRole: 'representative' | 'agent' | null;
    itemId: string;
    itemVersion: number;
    formId: string;
    formVersion: number;
    now: Date;
  },
): Promise<string> {
  const [row] = await tx
    .insert(applications)
    .values({
      citizenId: values.citizenId,
      companyId: values.companyId,
      companyRole: values.companyRole,
      itemId: values.itemId,
      itemVersion: values.itemVersion,
      formId: values.formId,
      formVersion: values.formVersion,
      answers: {},
      createdAt: values.now,
      updatedAt: values.now,
    })
    .returning({ id: applications.id });
  return row!.id;
}

/** Saves a draft's answers; nothing happens to one already submitted (a stale tab posting late). */
export async function saveAnswers(
  tx: Executor,
  id: string,
  answers: CaseAnswers,
  lastPage: string,
  now: Date,
): Promise<boolean> {
  const saved = await tx
    .update(applications)
    .set({ answers, lastPage, updatedAt: now })
    .where(and(eq(applications.id, id), isNull(applications.submittedAt)))
    .returning({ id: applications.id });
  return saved.length > 0;
}

/**
 * Marks the draft submitted; with `unchangedSince` (a row version from findApplication) only if the row is still
 * that version. False when nothing was marked: submitted already, or changed since it was read.
 */
export async function markSubmitted(
  tx: Tx,
  id: string,
  values: { submitKey: string; caseNumber: string; answers: CaseAnswers; now: Date; unchangedSince?: string },
): Promise<boolean> {
  const marked = await tx
    .update(applications)
    .set({
      submitKey: values.submitKey,
      caseNumber: values.caseNumber,
      answers: values.answers,
      submittedAt: values.now,
      status: 'submitted',
      inFlight: true,
      updatedAt: values.now,
    })
    .where(
      and(
        eq(applications.id, id),
        isNull(applications.submittedAt),
        values.unchangedSince === undefined ? undefined : sql`xmin = ${values.unchangedSince}::xid`,
      ),
    )
    .returning({ id: applications.id });
  return marked.length > 0;
}

/** Whether anyone else's application for the same company and service is in flight (one per company). */
export async function companyInFlight(db: Executor, companyId: string, itemId: string) {
  const [row] = await db
    .select({ id: applications.id, caseNumber: applications.caseNumber })
    .from(applications)
    .where(
      and(
        eq(applications.companyId, companyId),
        eq(applications.itemId, itemId),
        eq(applications.inFlight, true),
      ),
    )
    .limit(1);
  return row;
}

export async function citizenIdentity(db: Executor, citizenId: string) {
  const [row] = await db.select(identityColumns).from(citizens).where(eq(citizens.id, citizenId));
  return row;
}

export type FileInfo = { id: string; fieldId: string; name: string; mediaType: string; size: number };

const fileInfo = {
  id: applicationFiles.id,
  fieldId: applicationFiles.fieldId,
  name: applicationFiles.name,
  mediaType: applicationFiles.mediaType,
  size: applicationFiles.size,
};

export async function filesOf(db: Executor, applicationId: string): Promise<FileInfo[]> {
  return db
    .select(fileInfo)
    .from(applicationFiles)
    .where(eq(applicationFiles.applicationId, applicationId))
    .orderBy(asc(applicationFiles.createdAt), asc(applicationFiles.id));
}

export async function insertFile(
  tx: Executor,
  file: {
    applicationId: string;
    fieldId: string;
    name: string;
    mediaType: string;
    content: Buffer;
    now: Date;
  },
): Promise<FileInfo> {
  const [row] = await tx
    .insert(applicationFiles)
    .values({
      applicationId: file.applicationId,
      fieldId: file.fieldId,
      name: file.name,
      mediaType: file.mediaType,
      size: file.content.length,
      content: file.content,
      createdAt: file.now,
    })
    .returning(fileInfo);
  return row!;
}

export async function deleteFile(tx: Executor, applicationId: string, fileId: string): Promise<boolean> {
  const gone = await tx
    .delete(applicationFiles)
    .where(and(eq(applicationFiles.applicationId, applicationId), eq(applicationFiles.id, fileId)))
    .returning({ id: applicationFiles.id });
  return gone.length > 0;
}

export async function fileContents(tx: Executor, applicationId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({
      id: applicationFiles.id,
      name: applicationFiles.name,
      mediaType: applicationFiles.mediaType,
      content: applicationFiles.content,
    })
    .from(applicationFiles)
    .where(and(eq(applicationFiles.applicationId, applicationId), inArray(applicationFiles.id, [...ids])));
}
