import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { contentImagePublished, PayloadOf } from '../../exchange/contracts/index.ts';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { publishedImages as images } from './content.tables.ts';

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

export async function readImage(db: Executor, name: string) {
  const [row] = await db.select().from(images).where(eq(images.name, name));
  return row;
}
