import { asc, eq, inArray } from 'drizzle-orm';
import { catalogDocumentPublished } from '../../exchange/contracts/index.ts';
import { sendMessage } from '../../exchange/outbox.ts';
import {
  documentPathsOf,
  documentReferences,
  isDocumentPath,
  loadCatalogDocuments,
  type CatalogDocumentFile,
} from '../../shared/catalog/index.ts';
import type { Tx } from '../../shared/db/database.ts';
import type { Evaluation } from './catalog-authoring.check.ts';
import { fieldForPath } from './catalog-authoring.check.ts';
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
            zh: `${ref.path}：文件库中没有这个文件，请先上传或改正文件名。`,
            en: `${ref.path}: there is no such file in the document library; upload it or correct the name.`,
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
    await sendMessage(tx, catalogDocumentPublished, messageOf(row), { stream });
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

export async function listDocuments(tx: Tx): Promise<Omit<CatalogDocumentRow, 'content'>[]> {
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

export async function findDocument(tx: Tx, docPath: string): Promise<CatalogDocumentRow | undefined> {
  if (!isDocumentPath(docPath)) return undefined;
  const [row] = await tx.select().from(documents).where(eq(documents.path, docPath));
  return row;
}
