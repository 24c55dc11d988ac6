import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { contentImagePublished } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { imageTypeOf } from '../../shared/files/image-metadata.ts';
import { AppError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import type { CurrentStaff } from '../session.ts';
import { ContentCheckError } from './content.check.ts';
import { mayEditContent } from './content.policy.ts';
import { imageNamesIn } from './content.picture-markup.ts';
import { visibleArticle } from './content.service.ts';
import {
  contentArticles as articles,
  contentImages as images,
  type ContentImageRow,
} from './content.tables.ts';

// Pictures for articles and exhibits. An upload must be a PNG, JPEG or WebP picture (the bytes decide, not the
// name) under the size limit, with alternative text; it is decoded and encoded afresh (PNG, or JPEG for a
// photograph sent as JPEG), which leaves every piece of metadata behind, and named by the new content's hash.
// It goes to the portal ahead of the article that shows it, when that article is published.

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const MAX_ALT = 200;
// A picture wider than a page is made smaller: nothing on the site shows it bigger.
const MAX_WIDTH = 1600;
const ACCEPTED = new Set(['png', 'jpeg', 'webp']);

export interface UploadedPicture {
  bytes: Buffer;
  tooLarge: boolean;
}

const refuse = (field: string, zh: string, en: string) =>
  new ContentCheckError({ problems: [{ field, message: { zh, en } }], hits: [] });

const isWebp = (bytes: Buffer) =>
  bytes.length >= 12 &&
  bytes.toString('latin1', 0, 4) === 'RIFF' &&
  bytes.toString('latin1', 8, 12) === 'WEBP';

async function reencode(bytes: Buffer) {
  // The first bytes decide whether it is a picture of an accepted kind at all; the decoder then whether it is whole.
  if (!imageTypeOf(bytes) && !isWebp(bytes)) return 'type' as const;
  try {
    const image = sharp(bytes, { failOn: 'error', limitInputPixels: 50_000_000 });
    const { format } = await image.metadata();
    if (!format || !ACCEPTED.has(format)) return 'type' as const;
    const resized = image.rotate().resize({ width: MAX_WIDTH, withoutEnlargement: true });
    const jpeg = format === 'jpeg';
    const { data, info } = await (jpeg ? resized.jpeg({ quality: 85 }) : resized.png()).toBuffer({
      resolveWithObject: true,
    });
    return { data, width: info.width, height: info.height, jpeg };
  } catch {
    return 'broken' as const;
  }
}

/** Checks, re-encodes and keeps a picture for the article; returns the address the body and fields use. */
export async function uploadImage(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  articleId: number,
  input: { file: UploadedPicture | undefined; alt: string },
): Promise<{ path: string; alt: string }> {
  const article = await visibleArticle(services.db, me, articleId);
  if (!mayEditContent(me, article.unitPath)) throw new AppError('FORBIDDEN');
  const alt = input.alt.trim();
  if (!alt)
    throw refuse(
      'uploadAlt',
      '请填写图片的替代文字：说明图片内容，供读屏软件朗读。',
      'Enter the alternative text: say what the picture shows, for screen readers.',
    );
  if ([...alt].length > MAX_ALT)
    throw refuse(
      'uploadAlt',
      `替代文字不超过${MAX_ALT}个字。`,
      `Keep the alternative text to ${MAX_ALT} characters.`,
    );
  const file = input.file;
  if (!file || (!file.tooLarge && file.bytes.length === 0))
    throw refuse('upload', '请选择要上传的图片。', 'Choose a picture to upload.');
  if (file.tooLarge || file.bytes.length > MAX_IMAGE_BYTES)
    throw refuse('upload', '图片不能超过2MB。', 'The picture must be 2 MB or smaller.');
  const result = await reencode(file.bytes);
  if (result === 'type')
    throw refuse(
      'upload',
      '只能上传 PNG、JPEG 或 WebP 图片。',
      'Only PNG, JPEG or WebP pictures can be uploaded.',
    );
  if (result === 'broken')
    throw refuse('upload', '图片已损坏，无法读取。', 'The picture is damaged and cannot be read.');
  // Re-encoding can make a picture larger (a WebP photo becomes a PNG); what crosses must still fit the message.
  if (result.data.length > MAX_IMAGE_BYTES)
    throw refuse(
      'upload',
      '图片转换后超过2MB：请上传 JPEG 格式或尺寸更小的图片。',
      'Converted for the site the picture is over 2 MB: upload it as a JPEG or smaller.',
    );
  const sha256 = createHash('sha256').update(result.data).digest('hex');
  // Named within the unit: the same picture uploaded by two units is two pictures, each seen and published
  // only by its own unit's staff (an upload never lands on another unit's row).
  const name = `${createHash('sha256').update(`${article.unitCode}\n`).update(result.data).digest('hex').slice(0, 32)}.${result.jpeg ? 'jpg' : 'png'}`;
  const now = services.now();
  await services.db.transaction(async (tx) => {
    await tx
      .insert(images)
      .values({
        name,
        articleId: article.id,
        mediaType: result.jpeg ? 'image/jpeg' : 'image/png',
        content: result.data,
        sha256,
        width: result.width,
        height: result.height,
        alt,
        uploadedBy: me.badgeNo,
        createdAt: now,
      })
      // The same picture uploaded again counts as new for the sweep of unused ones (content.image-sweep.ts).
      .onConflictDoUpdate({ target: images.name, set: { createdAt: now } });
    await recordAudit(tx, {
      ...by,
      action: 'content.image.upload',
      target: `content:${String(article.id)}`,
      detail: { name, bytes: result.data.length },
      at: now,
    });
  });
  return { path: `/media/content/${name}`, alt };
}

export type ImageSummary = Pick<ContentImageRow, 'name' | 'alt' | 'width' | 'height'>;

/**
 * The pictures the editor's list offers: those uploaded to the article, and those its text shows (a picture
 * uploaded before, to another article, keeps that article as its own: the bytes, and so the name, are the same).
 */
export async function imagesOfArticle(
  db: Executor,
  articleId: number,
  shown: readonly string[] = [],
): Promise<ImageSummary[]> {
  const names = imageNamesIn(shown);
  return db
    .select({ name: images.name, alt: images.alt, width: images.width, height: images.height })
    .from(images)
    .where(
      names.length > 0
        ? or(
            eq(images.articleId, articleId),
            // A picture the text shows, uploaded to another article of the same unit (only those are published).
            and(
              inArray(images.name, names),
              sql`(SELECT unit_code FROM content_articles WHERE id = ${images.articleId}) =
                  (SELECT unit_code FROM content_articles WHERE id = ${articleId})`,
            ),
          )
        : eq(images.articleId, articleId),
    )
    .orderBy(asc(images.createdAt), asc(images.name));
}

/** How many of a unit's pictures a picture field offers: the latest ones. */
export const UNIT_PICTURES_OFFERED = 60;

/**
 * The pictures uploaded to any article of the unit, latest first: what an exhibit's picture field offers (only
 * the unit's own pictures may be shown in its articles).
 */
export async function imagesOfUnit(db: Executor, unitCode: string): Promise<ImageSummary[]> {
  return db
    .select({ name: images.name, alt: images.alt, width: images.width, height: images.height })
    .from(images)
    .innerJoin(articles, eq(articles.id, images.articleId))
    .where(eq(articles.unitCode, unitCode))
    .orderBy(desc(images.createdAt), asc(images.name))
    .limit(UNIT_PICTURES_OFFERED);
}

export async function findImage(db: Executor, name: string): Promise<ContentImageRow | undefined> {
  const [row] = await db.select().from(images).where(eq(images.name, name));
  return row;
}

/** A picture as the officer may see it: by the reach of the article it was uploaded to; else the same 404. */
export async function visibleImage(db: Executor, me: CurrentStaff, name: string): Promise<ContentImageRow> {
  const image = await findImage(db, name);
  if (!image) throw new AppError('NOT_FOUND');
  await visibleArticle(db, me, image.articleId);
  return image;
}

/**
 * Queues, on the article's stream and ahead of the article, every uploaded picture the version shows that
 * belongs to the publishing unit: naming another unit's picture in a body does not publish it.
 */
export async function sendImagesOf(
  tx: Tx,
  texts: readonly string[],
  stream: string,
  unitCode: string,
): Promise<number> {
  const names = imageNamesIn(texts);
  if (names.length === 0) return 0;
  const rows = await tx
    .select({ image: images })
    .from(images)
    .innerJoin(articles, eq(articles.id, images.articleId))
    .where(and(inArray(images.name, names), eq(articles.unitCode, unitCode)))
    .orderBy(asc(images.name))
    .then((found) => found.map((r) => r.image));
  for (const row of rows)
    await send(
      tx,
      contentImagePublished,
      {
        name: row.name,
        file: { name: row.name, declaredType: row.mediaType, data: row.content.toString('base64') },
      },
      { stream },
    );
  return rows.length;
}
