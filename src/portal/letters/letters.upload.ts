import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../shared/http/app.ts';
import { formBody } from '../../shared/http/forms.ts';
import type { IncomingPhoto } from './letters.photos.ts';

// The letter forms post multipart when they carry photos. Neither the CSRF check nor the route's validation can
// read such a body before the handler, so the handler reads the bounded parts and checks both itself.

/** The text fields and the photos; a photo over the limit is reported, not thrown. */
export async function readLetterParts(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string>; photos: IncomingPhoto[] }> {
  if (!request.isMultipart()) return { fields: formBody(request), photos: [] };
  const fields: Record<string, string> = {};
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
      // A file input left empty still sends a part with no name and no bytes.
      if (part.fieldname === 'photos' && (part.filename || bytes.length || tooLarge))
        photos.push({ name: part.filename, bytes, tooLarge });
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  return { fields, photos };
}

export function checkCsrf(app: App, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve())),
  );
}
