import { and, eq, sql } from 'drizzle-orm';
import { rows, type Executor } from '../../shared/db/database.ts';
import { caseAttachments } from './cases.tables.ts';

// A case's files: listed, read, linked to the case when its application arrives, and stored.

export interface AttachmentInfo {
  attachmentId: string;
  name: string | null;
  mediaType: string | null;
  size: number | null;
  received: boolean;
}

export async function attachmentsOf(ex: Executor, caseNumber: string): Promise<AttachmentInfo[]> {
  const result = await ex.execute(sql`
    SELECT attachment_id, name, media_type, size, content IS NOT NULL AS received
    FROM case_attachments WHERE case_number = ${caseNumber} ORDER BY name, attachment_id`);
  return rows<{
    attachment_id: string;
    name: string | null;
    media_type: string | null;
    size: number | null;
    received: boolean;
  }>(result).map((r) => ({
    attachmentId: r.attachment_id,
    name: r.name,
    mediaType: r.media_type,
    size: r.size === null ? null : Number(r.size),
    received: r.received,
  }));
}

export async function attachmentFile(
  ex: Executor,
  caseNumber: string,
  attachmentId: string,
): Promise<{ name: string | null; mediaType: string | null; content: Buffer | null } | undefined> {
  const [found] = await ex
    .select({
      name: caseAttachments.name,
      mediaType: caseAttachments.mediaType,
      content: caseAttachments.content,
    })
    .from(caseAttachments)
    .where(and(eq(caseAttachments.caseNumber, caseNumber), eq(caseAttachments.attachmentId, attachmentId)));
  return found;
}

/** The case names its uploads: each becomes a row now, or is tied to the row its file already made. */
export async function linkAttachments(
  ex: Executor,
  caseNumber: string,
  citizenRef: string,
  uploads: readonly { id: string; name: string; mediaType: string; size: number }[],
): Promise<void> {
  for (const upload of uploads)
    await ex
      .insert(caseAttachments)
      .values({
        attachmentId: upload.id,
        caseNumber,
        citizenRef,
        name: upload.name,
        mediaType: upload.mediaType,
        size: upload.size,
      })
      .onConflictDoUpdate({
        target: caseAttachments.attachmentId,
        // Only the applicant's own file is tied to the case: a file id from another person's upload is not.
        set: {
          caseNumber: sql`CASE WHEN ${caseAttachments.citizenRef} = ${citizenRef}::uuid THEN ${caseNumber} ELSE ${caseAttachments.caseNumber} END`,
        },
      });
}

/** The file's bytes, whether its case came first or not. */
export async function storeAttachment(
  ex: Executor,
  file: {
    attachmentId: string;
    citizenRef: string;
    name: string;
    mediaType: string;
    content: Buffer;
    at: Date;
  },
): Promise<void> {
  await ex
    .insert(caseAttachments)
    .values({
      attachmentId: file.attachmentId,
      citizenRef: file.citizenRef,
      name: file.name,
      mediaType: file.mediaType,
      size: file.content.length,
      content: file.content,
      receivedAt: file.at,
    })
    .onConflictDoUpdate({
      target: caseAttachments.attachmentId,
      set: {
        content: sql`CASE WHEN ${caseAttachments.citizenRef} = ${file.citizenRef}::uuid THEN excluded.content ELSE ${caseAttachments.content} END`,
        receivedAt: file.at,
        size: file.content.length,
      },
    });
}
