import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../shared/db/database.ts';
import { enqueue, type JobHandler } from '../../shared/jobs/queue.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { deleteExpiredEditorDrafts } from './content.editor-drafts.ts';

// Pictures uploaded and never used: an editor tried one and chose another, or left the article. A job deletes
// each picture no version of any article names (draft, in review, returned, scheduled, published, superseded
// or withdrawn: the history is kept, and so is every picture it shows) once it is a day old, so an editor has
// a day between uploading a picture and saving a draft that shows it; an unsaved form kept for its editor
// (content.editor-drafts.ts) that shows it keeps it too while it lasts. Each deletion is audited. None of these
// pictures ever crossed to the portal: pictures cross only with a published version that shows them.

export const IMAGE_SWEEP_QUEUE = 'content.images.sweep';
export const UNUSED_IMAGE_AGE_MS = 24 * 60 * 60 * 1000;
// One run deletes at most this many; the next hour's run takes the rest.
const BATCH = 200;
const SYSTEM: AuditActor = { actor: 'system', actorUnit: null, sourceIp: null };

export interface SweptImage {
  name: string;
  articleId: number;
}

/**
 * Deletes the unused pictures uploaded before the cutoff, with an audit entry each. Versions are locked against
 * writes meanwhile, so a draft saved at the same moment either commits first (and its picture is kept) or waits.
 */
export async function sweepUnusedImages(tx: Tx, now: Date): Promise<SweptImage[]> {
  const cutoff = new Date(now.getTime() - UNUSED_IMAGE_AGE_MS);
  await tx.execute(sql`LOCK TABLE content_versions IN SHARE MODE`);
  // A version names a picture wherever its address could stand (body, summary, an exhibit's picture field):
  // any mention of the name in any of its texts keeps the picture.
  const deleted = rows<{
    name: string;
    article_id: number | string;
    uploaded_by: string;
    created_at: Date | string;
    bytes: number | string;
  }>(
    await tx.execute(sql`
      WITH unused AS (
        SELECT i.name FROM content_images i
        WHERE i.created_at < ${cutoff.toISOString()}::timestamptz
          AND NOT EXISTS (
            SELECT 1 FROM content_versions v
            WHERE strpos(v.body, i.name) > 0 OR strpos(v.body_en, i.name) > 0
              OR strpos(v.summary, i.name) > 0 OR strpos(v.summary_en, i.name) > 0
              OR strpos(v.title, i.name) > 0 OR strpos(v.title_en, i.name) > 0
              OR strpos(v.fields::text, i.name) > 0)
          AND NOT EXISTS (
            SELECT 1 FROM content_editor_drafts d
            WHERE d.expires_at > ${now.toISOString()}::timestamptz AND strpos(d.form::text, i.name) > 0)
        ORDER BY i.created_at, i.name
        LIMIT ${BATCH}
      )
      DELETE FROM content_images i USING unused u WHERE i.name = u.name
      RETURNING i.name, i.article_id, i.uploaded_by, i.created_at, octet_length(i.content) AS bytes`),
  );
  const swept = deleted
    .map((row) => ({ ...row, articleId: Number(row.article_id) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const row of swept)
    await recordAudit(tx, {
      ...SYSTEM,
      action: 'content.image.delete-unused',
      target: `content:${String(row.articleId)}`,
      detail: {
        name: row.name,
        uploadedBy: row.uploaded_by,
        uploadedAt: new Date(row.created_at).toISOString(),
        bytes: Number(row.bytes),
      },
      at: now,
    });
  return swept.map(({ name, articleId }) => ({ name, articleId }));
}

export function imageSweepJob(services: ZoneServices): JobHandler {
  return async (tx) => {
    const now = services.now();
    const swept = await sweepUnusedImages(tx, now);
    const expired = await deleteExpiredEditorDrafts(tx, now);
    if (expired > 0) services.log.info({ deleted: expired }, 'expired unsaved editor forms deleted');
    if (swept.length > 0) services.log.info({ deleted: swept.length }, 'unused content pictures deleted');
  };
}

/** Queues a sweep once per hour of the zone's clock. */
export async function scheduleImageSweep(services: ZoneServices): Promise<void> {
  const hour = services.now().toISOString().slice(0, 13);
  await enqueue(services.db, IMAGE_SWEEP_QUEUE, {}, { dedupeKey: `${IMAGE_SWEEP_QUEUE}:${hour}` });
}
