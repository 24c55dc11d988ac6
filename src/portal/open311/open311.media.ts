import { finished } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { MAX_LETTER_PHOTOS } from '../../exchange/contracts/index.ts';
import { checkMultipartFields } from '../../shared/http/multipart-fields.ts';
import type { IncomingPhoto } from '../letters/letters.photos.ts';
import { PostBody } from './open311.schema.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { refuse } from './open311.errors.ts';
import { checkApiKey, keyIn, type Form } from './open311.submit.ts';
import type { Open311ApiKeyRow } from './open311.tables.ts';

// A POST requests may come as multipart/form-data with its photos as files, as the spec's media field allows
// and as FixMyStreet sends them for private reports (parts photo1…photoN, since the police cannot fetch a
// private report's media_url). The files go through the tip form's own checks: JPEG or PNG by their bytes,
// metadata stripped, decoded in full. Text parts are held to the same guard and schema as a plain form post.
// The api_key is checked before any file is read, so a client without a good key cannot make the portal read
// (or hold) megabytes first.

/** The file parts taken as photos: the spec's `media`, and FixMyStreet's `photo1`, `photo2`… */
const PHOTO_PART = /^(?:media(?:\[\])?|photo\d{1,2})$/;

/** A form without files (URL-encoded, as the spec says) has no reason to be larger than this. */
export const OPEN311_FORM_BYTES = 128 * 1024;

export const OPEN311_MULTIPART_LIMITS = {
  fileSize: 5 * 1024 * 1024,
  // One more than allowed, so a sixth photo is refused in the spec's format rather than by the parser.
  files: MAX_LETTER_PHOTOS + 1,
  fields: 60,
  // The longest field the schema allows (a 4,400-character description) in four-byte characters; a longer
  // value is refused, not cut short.
  fieldSize: 18 * 1024,
  parts: MAX_LETTER_PHOTOS + 61,
};

/**
 * The form's fields (repeated names become lists, as the URL-encoded parser leaves them), its photos and its
 * checked key. `fromQuery` is the key the query string carried, already checked. A multipart body is read part
 * by part: an api_key field is checked as soon as it arrives, so a bad key stops the reading there, and no file
 * is read before a good key has been seen (clients send their fields first, files last).
 */
export async function readPost(
  request: FastifyRequest,
  services: ZoneServices,
  fromQuery: Open311ApiKeyRow | undefined,
): Promise<{ form: Form; photos: IncomingPhoto[]; key: Open311ApiKeyRow }> {
  if (!request.isMultipart()) {
    const form = (request.body ?? {}) as Form;
    checkMultipartFields(request, form as Record<string, string>, PostBody);
    const key = keyIn(form) ? await checkApiKey(services, keyIn(form)) : fromQuery;
    return { form, photos: [], key: key ?? (await checkApiKey(services, '')) };
  }
  const form: Record<string, string | string[]> = {};
  const photos: IncomingPhoto[] = [];
  let key = fromQuery;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (!key) throw refuse(403, 'api_key.before_media');
      // Other file parts are not ours: let them pass without holding them.
      if (!PHOTO_PART.test(part.fieldname)) {
        part.file.resume();
        await finished(part.file);
        continue;
      }
      let bytes: Buffer;
      let tooLarge = false;
      try {
        bytes = await part.toBuffer();
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 413) throw error;
        bytes = Buffer.alloc(0);
        tooLarge = true;
      }
      // A file input left empty still sends a part with no name and no bytes.
      if (part.filename || bytes.length || tooLarge) photos.push({ name: part.filename, bytes, tooLarge });
    } else if (typeof part.value === 'string') {
      if (part.valueTruncated || part.fieldnameTruncated)
        throw refuse(400, 'parameter.invalid', part.fieldname.slice(0, 64));
      if (part.fieldname === 'api_key') key = await checkApiKey(services, part.value);
      const before = form[part.fieldname];
      form[part.fieldname] =
        before === undefined ? part.value : [...(Array.isArray(before) ? before : [before]), part.value];
    }
  }
  checkMultipartFields(request, form as Record<string, string>, PostBody);
  return { form, photos, key: key ?? (await checkApiKey(services, '')) };
}
