import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { MAX_LETTER_PHOTOS, type LetterPhotoRef } from '../../exchange/contracts/index.ts';
import { imageTypeOf, stripImageMetadata } from '../../shared/files/image-metadata.ts';
import type { FieldError } from '../../shared/http/errors.ts';

// Photos sent with a report, a tip, a complaint or a request for help. The bytes decide the type (JPEG or PNG,
// whatever the name says); the metadata a phone writes (where and when, the device) is removed before anything
// is stored, and the picture must still decode in full.

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** A file part as the form sent it; a part over the size limit arrives empty and marked. */
export interface IncomingPhoto {
  name: string;
  bytes: Buffer;
  tooLarge: boolean;
}

export interface CheckedPhoto {
  ref: LetterPhotoRef;
  sha256: string;
  content: Buffer;
}

const MEDIA_TYPES = { jpeg: 'image/jpeg', png: 'image/png' } as const;

async function decodes(bytes: Buffer): Promise<boolean> {
  try {
    await sharp(bytes, { failOn: 'error', limitInputPixels: 50_000_000 }).raw().toBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Every photo checked; each problem names the photo, so the writer knows which one to choose again. */
export async function checkPhotos(
  files: readonly IncomingPhoto[],
): Promise<{ errors: FieldError[]; photos: CheckedPhoto[] }> {
  const errors: FieldError[] = [];
  const photos: CheckedPhoto[] = [];
  if (files.length > MAX_LETTER_PHOTOS) {
    errors.push({ field: 'photos', message: 'letters.photoCount' });
    return { errors, photos };
  }
  for (const [index, file] of files.entries()) {
    const problem = (key: string) =>
      errors.push({ field: 'photos', message: `${key}|name=${file.name.slice(0, 60) || index + 1}` });
    if (file.tooLarge || file.bytes.length > MAX_PHOTO_BYTES) {
      problem('letters.photoSize');
      continue;
    }
    const type = imageTypeOf(file.bytes);
    if (!type) {
      problem('letters.photoType');
      continue;
    }
    const content = stripImageMetadata(file.bytes);
    if (!content || !(await decodes(content))) {
      problem('letters.photoBroken');
      continue;
    }
    const extension = type === 'jpeg' ? 'jpg' : 'png';
    photos.push({
      ref: {
        id: randomUUID(),
        // The name a phone gives often carries the date; only the position and the type are kept.
        name: `photo-${index + 1}.${extension}`,
        mediaType: MEDIA_TYPES[type],
        size: content.length,
      },
      sha256: createHash('sha256').update(content).digest('hex'),
      content,
    });
  }
  return { errors, photos };
}
