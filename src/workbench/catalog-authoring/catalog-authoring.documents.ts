import { asc, eq, inArray } from 'drizzle-orm';
import { catalogDocumentPublished } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { fileTypeFromBuffer } from 'file-type';
import {
  documentFolders,
  documentPathsOf,
  documentReferences,
  isDocumentPath,
  loadCatalogDocuments,
  sha256Hex,
  type CatalogDocumentFile,
} from '../../shared/catalog/index.ts';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { inspectPdf } from '../../shared/files/pdf-active-content.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Evaluation } from './catalog-authoring.check.ts';
import { fieldForPath } from './catalog-authoring.check.ts';
import { CatalogFieldError, type CatalogMessage } from './catalog-authoring.messages.ts';
import { catalogDocuments as documents, type CatalogDocumentRow } from './catalog-authoring.tables.ts';

// Blank forms and samples in the workbench: loaded from the reviewed files, checked when a guide names them,
// and sent to the portal with the publication of a guide that names them.

/** Loads the document files the workbench does not yet have; a document already here is left alone. */
export async function seedDocuments(
  tx: Tx,
  actor: string,
  now: Date,
  files: readonly CatalogDocumentFile[] = loadCatalogDocuments(),
): Promise<number> {
  if (files.length === 0) return 0;
  const created = await tx
    .insert(documents)
    .values(
      files.map((f) => ({
        path: f.path,
        kind: f.kind,
        title: f.title,
        content: f.content,
        sha256: f.sha256,
        bytes: f.content.length,
        updatedBy: actor,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing({ target: documents.path })
    .returning({ path: documents.path });
  return created.length;
}

/**
 * Adds a problem for every document the guide names that the workbench does not hold: the portal would
 * show a dead link, or none where the guide promises a form. Runs after the pure checks, because it needs the
 * database.
 */
export async function withDocumentCheck(tx: Tx, evaluation: Evaluation): Promise<Evaluation> {
  const refs = documentReferences(evaluation.item);
  if (refs.length === 0) return evaluation;
  const known = new Set(
    (
      await tx
        .select({ path: documents.path })
        .from(documents)
        .where(inArray(documents.path, [...new Set(refs.map((r) => r.path))]))
    ).map((r) => r.path),
  );
  const problems = refs
    .filter((ref) => !known.has(ref.path))
    .map((ref) => ({
      field: fieldForPath(ref.at),
      kind: 'rule' as const,
      path: ref.at,
      message: isDocumentPath(ref.path)
        ? {
            zh: `${ref.path}：文件库中没有这个文件。请先在“空白表格和样本”页（/catalog/documents）上传，或改正文件名。`,
            en: `${ref.path}: there is no such file in the document library. Upload it on the Blank forms and samples page (/catalog/documents), or correct the name.`,
          }
        : {
            zh: `${ref.path}：文件名应为 forms/ 或 samples/ 下的小写 .pdf 文件名。`,
            en: `${ref.path}: a document is named forms/… or samples/… in lower case, ending in .pdf.`,
          },
    }));
  return problems.length ? { ...evaluation, problems: [...evaluation.problems, ...problems] } : evaluation;
}

/**
 * Queues, on the guide's stream and ahead of the guide itself, every document the guide names whose current
 * content the portal has not been sent. A form shared by several guides crosses once per change.
 */
export async function sendDocumentsOf(tx: Tx, item: unknown, stream: string): Promise<number> {
  const paths = documentPathsOf(item).filter(isDocumentPath);
  if (paths.length === 0) return 0;
  const rows = await tx
    .select()
    .from(documents)
    .where(inArray(documents.path, paths))
    .orderBy(asc(documents.path))
    .for('update');
  let sent = 0;
  for (const row of rows) {
    if (row.sentSha256 === row.sha256) continue;
    await send(tx, catalogDocumentPublished, messageOf(row), { stream });
    await tx.update(documents).set({ sentSha256: row.sha256 }).where(eq(documents.path, row.path));
    sent++;
  }
  return sent;
}

function messageOf(row: CatalogDocumentRow) {
  return {
    path: row.path,
    title: row.title,
    kind: row.kind,
    sha256: row.sha256,
    file: {
      name: row.path.split('/')[1] ?? row.path,
      declaredType: 'application/pdf',
      data: row.content.toString('base64'),
    },
  };
}

export async function listDocuments(tx: Executor): Promise<Omit<CatalogDocumentRow, 'content'>[]> {
  return tx
    .select({
      path: documents.path,
      kind: documents.kind,
      title: documents.title,
      sha256: documents.sha256,
      bytes: documents.bytes,
      version: documents.version,
      updatedBy: documents.updatedBy,
      updatedAt: documents.updatedAt,
      sentSha256: documents.sentSha256,
    })
    .from(documents)
    .orderBy(asc(documents.path));
}

export async function findDocument(tx: Executor, docPath: string): Promise<CatalogDocumentRow | undefined> {
  if (!isDocumentPath(docPath)) return undefined;
  const [row] = await tx.select().from(documents).where(eq(documents.path, docPath));
  return row;
}

/** What the portal will receive with the next publication of this guide: documents changed since last sent. */
export async function pendingDocumentsOf(
  tx: Executor,
  item: unknown,
): Promise<{ path: string; title: string; version: number }[]> {
  const paths = documentPathsOf(item).filter(isDocumentPath);
  if (paths.length === 0) return [];
  const rows = await tx
    .select({
      path: documents.path,
      title: documents.title,
      version: documents.version,
      sha256: documents.sha256,
      sent: documents.sentSha256,
    })
    .from(documents)
    .where(inArray(documents.path, paths))
    .orderBy(asc(documents.path));
  return rows
    .filter((r) => r.sent !== r.sha256)
    .map(({ path, title, version }) => ({ path, title, version }));
}

// ------------------------------------------------------------------------------------------------- upload

/** A form or sample is one page; a scanned one stays well under this, and it must fit one exchange message. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
const NAME = /^[a-z0-9][a-z0-9-]{0,100}$/;
/** The longest file name as typed (the name, perhaps with .pdf) and title; the route schema agrees. */
export const MAX_NAME = 105;
export const MAX_TITLE = 60;

export interface UploadInput {
  folder: string;
  name: string;
  title: string;
  file: { bytes: Buffer; tooLarge: boolean } | undefined;
}

/** Every problem with an upload at once, as a form should show them. */
export async function checkUpload(input: UploadInput): Promise<CatalogFieldError | undefined> {
  const problems: { field: keyof UploadInput; key: CatalogMessage }[] = [];
  const problem = (field: keyof UploadInput, key: CatalogMessage) => problems.push({ field, key });
  if (!(documentFolders as readonly string[]).includes(input.folder))
    problem('folder', 'document.folder.missing');
  const name = input.name.trim().replace(/\.pdf$/i, '');
  if (!name) problem('name', 'document.name.missing');
  else if (!NAME.test(name)) problem('name', 'document.name.form');
  const title = [...input.title.trim()].length;
  if (title < 2 || title > MAX_TITLE) problem('title', 'document.title.length');
  if (!input.file || (input.file.bytes.length === 0 && !input.file.tooLarge))
    problem('file', 'document.file.missing');
  else if (input.file.tooLarge || input.file.bytes.length > MAX_DOCUMENT_BYTES)
    problem('file', 'document.file.tooLarge');
  else if ((await fileTypeFromBuffer(input.file.bytes))?.mime !== 'application/pdf')
    problem('file', 'document.file.notPdf');
  else {
    const refusal = await inspectPdf(input.file.bytes);
    if (refusal) problem('file', `document.file.${refusal.reason}`);
  }
  return problems.length ? new CatalogFieldError(problems) : undefined;
}

/**
 * Adds a document, or replaces the content and title of the one under the same path as its next version. The
 * portal gets it only with the next approved publication of a guide that names it.
 */
export async function uploadDocument(
  services: ZoneServices,
  by: AuditActor,
  input: UploadInput,
): Promise<{ path: string; version: number }> {
  const refused = await checkUpload(input);
  if (refused) throw refused;
  const path = `${input.folder}/${input.name.trim().replace(/\.pdf$/i, '')}.pdf`;
  const bytes = input.file?.bytes ?? Buffer.alloc(0);
  const sha256 = sha256Hex(bytes);
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(documents).where(eq(documents.path, path)).for('update');
    const title = input.title.trim();
    const unchanged = existing?.sha256 === sha256 && existing.title === title;
    const version = existing ? existing.version + (unchanged ? 0 : 1) : 1;
    const row = {
      kind: (input.folder === 'forms' ? 'form' : 'sample') as 'form' | 'sample',
      title,
      content: bytes,
      sha256,
      bytes: bytes.length,
      version,
      updatedBy: by.actor,
      updatedAt: now,
      // A changed title or content must cross again; the same upload twice need not.
      sentSha256: unchanged ? existing.sentSha256 : null,
    };
    if (existing) await tx.update(documents).set(row).where(eq(documents.path, path));
    else await tx.insert(documents).values({ path, ...row });
    await recordAudit(tx, {
      ...by,
      action: existing ? 'catalog.document.replace' : 'catalog.document.add',
      target: `document:${path}`,
      detail: { version, bytes: bytes.length, sha256 },
      at: now,
    });
    return { path, version };
  });
}
