import { eq, inArray } from 'drizzle-orm';
import type { catalogDocumentPublished, PayloadOf } from '../../exchange/contracts/index.ts';
import { documentPathsOf, isDocumentPath, sha256Hex } from '../../shared/catalog/index.ts';
import type { Executor } from '../../shared/db/database.ts';
import { notifyCatalogChange } from './catalog.cache.ts';
import { catalogDocuments as documents } from './catalog.tables.ts';

// The blank forms and samples the portal serves, as the workbench sent them ahead of the guides that name them.

export interface DocumentInfo {
  path: string;
  kind: 'form' | 'sample';
  title: string;
  bytes: number;
}

type Published = PayloadOf<typeof catalogDocumentPublished>;

/**
 * Keeps the newest content under the path. The relay has checked that the file is a PDF; the hash is checked
 * again here, because it becomes the ETag browsers and proxies trust.
 */
export async function applyDocument(tx: Executor, message: Published, receivedAt: Date): Promise<void> {
  const content = Buffer.from(message.file.data, 'base64');
  if (sha256Hex(content) !== message.sha256)
    throw new Error(`${message.path}: content does not match its hash`);
  const row = {
    kind: message.kind,
    title: message.title,
    content,
    sha256: message.sha256,
    bytes: content.length,
    receivedAt,
  };
  await tx
    .insert(documents)
    .values({ path: message.path, ...row })
    .onConflictDoUpdate({ target: documents.path, set: row });
  // Guides already linking to the path show the new file at once. Normally the guide's own publication
  // follows on the same stream and does this anyway; a document sent on its own (an installation that gained
  // its documents after its guides were published) needs it here. Documents change rarely, so every cached
  // guide is dropped rather than searching for the ones that name the path.
  notifyCatalogChange();
}

/** What the portal holds of the documents a guide names, by path; a path it lacks is simply absent. */
export async function documentsOf(db: Executor, item: unknown): Promise<Map<string, DocumentInfo>> {
  const paths = documentPathsOf(item).filter(isDocumentPath);
  if (paths.length === 0) return new Map();
  const rows = await db
    .select({ path: documents.path, kind: documents.kind, title: documents.title, bytes: documents.bytes })
    .from(documents)
    .where(inArray(documents.path, paths));
  return new Map(rows.map((r) => [r.path, r]));
}

export async function readDocument(
  db: Executor,
  path: string,
): Promise<(DocumentInfo & { content: Buffer; sha256: string }) | undefined> {
  if (!isDocumentPath(path)) return undefined;
  const [row] = await db.select().from(documents).where(eq(documents.path, path));
  return row;
}
