import { createHash } from 'node:crypto';
import { and, eq, or, sql } from 'drizzle-orm';
import type { contentImagePublished, PayloadOf } from '../../exchange/contracts/index.ts';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { live } from './content.service.ts';
import { publishedArticles as articles, publishedImages as images } from './content.tables.ts';

// The pictures articles and exhibits show, as the workbench sent them ahead of the articles. A name stands
// for one picture for good (the hash of the workbench's copy), so a redelivered or repeated one changes nothing.

type Published = PayloadOf<typeof contentImagePublished>;

const MEDIA_TYPES = { png: 'image/png', jpg: 'image/jpeg' } as const;

export async function applyImage(tx: Tx, message: Published, receivedAt: Date): Promise<void> {
  const content = Buffer.from(message.file.data, 'base64');
  const sha256 = createHash('sha256').update(content).digest('hex');
  // The relay checked the bytes are a picture of the declared type; the name's extension must say the same.
  const extension = message.name.endsWith('.png') ? 'png' : 'jpg';
  if (message.file.declaredType !== MEDIA_TYPES[extension])
    throw new Error(`${message.name}: declared ${message.file.declaredType}`);
  await tx
    .insert(images)
    .values({ name: message.name, mediaType: MEDIA_TYPES[extension], content, sha256, receivedAt })
    .onConflictDoNothing();
}

/**
 * A picture, while a live article shows it: one that arrived ahead of an article not yet released, or whose
 * articles were all taken down (perhaps for what the picture shows), is not served.
 */
export async function readImage(db: Executor, name: string, today: string) {
  const path = `/media/content/${name}`;
  const [row] = await db
    .select()
    .from(images)
    .where(
      and(
        eq(images.name, name),
        sql`exists (select 1 from ${articles} where ${and(
          live(today),
          or(
            sql`position(${path} in ${articles.body}) > 0`,
            sql`position(${path} in ${articles.htmlEn}) > 0`,
            sql`${articles.fields}->>'image' = ${path}`,
          ),
        )})`,
      ),
    );
  return row;
}
