import type { FastifyRequest } from 'fastify';
import { MAX_LETTER_PHOTOS } from '../../exchange/contracts/index.ts';
import { checkMultipartFields } from '../../shared/http/multipart-fields.ts';
import type { IncomingPhoto } from '../letters/letters.photos.ts';
import { PostBody } from './open311.schema.ts';
import type { Form } from './open311.submit.ts';

// A POST requests may come as multipart/form-data with its photos as files, as the spec's media field allows
// and as FixMyStreet sends them for private reports (parts photo1…photoN, since the police cannot fetch a
// private report's media_url). The files go through the tip form's own checks: JPEG or PNG by their bytes,
// metadata stripped, decoded in full. Text parts are held to the same guard and schema as a plain form post.

/** The file parts taken as photos: the spec's `media`, and FixMyStreet's `photo1`, `photo2`… */
const PHOTO_PART = /^(?:media(?:\[\])?|photo\d{1,2})$/;

export const OPEN311_MULTIPART_LIMITS = {
  fileSize: 5 * 1024 * 1024,
  // One more than allowed, so a sixth photo is refused in the spec's format rather than by the parser.
  files: MAX_LETTER_PHOTOS + 1,
  fields: 60,
  fieldSize: 8 * 1024,
  parts: MAX_LETTER_PHOTOS + 61,
};

/** The form's fields (repeated names become lists, as the URL-encoded parser leaves them) and its photos. */
export async function readPost(request: FastifyRequest): Promise<{ form: Form; photos: IncomingPhoto[] }> {
  if (!request.isMultipart()) {
    const form = (request.body ?? {}) as Form;
    checkMultipartFields(request, form as Record<string, string>, PostBody);
    return { form, photos: [] };
  }
  const form: Record<string, string | string[]> = {};
  const photos: IncomingPhoto[] = [];
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      let bytes: Buffer;
      let tooLarge = false;
      try {
        bytes = await part.toBuffer();
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 413) throw error;
        bytes = Buffer.alloc(0);
        tooLarge = true;
      }
      // A file input left empty still sends a part with no name and no bytes; other file parts are not ours.
      if (PHOTO_PART.test(part.fieldname) && (part.filename || bytes.length || tooLarge))
        photos.push({ name: part.filename, bytes, tooLarge });
    } else if (typeof part.value === 'string') {
      const before = form[part.fieldname];
      form[part.fieldname] =
        before === undefined ? part.value : [...(Array.isArray(before) ? before : [before]), part.value];
    }
  }
  checkMultipartFields(request, form as Record<string, string>, PostBody);
  return { form, photos };
}
