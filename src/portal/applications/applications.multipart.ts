import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PostedBody } from '../../shared/application-forms/index.ts';
import type { App } from '../../shared/http/app.ts';
import type { IncomingFile } from './applications.answers.ts';

// Reading a question page's post: a page with an upload question posts multipart, one without a plain form,
// and an API client either; both come out as the same fields and files.

export async function checkCsrf(app: App, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve())),
  );
}

export type Fields = Record<string, string | string[]>;

/** The fields and files of a page post, plain or multipart; a file over the limit is reported, not thrown. */
export async function readPage(request: FastifyRequest): Promise<{ fields: Fields; files: IncomingFile[] }> {
  if (!request.isMultipart()) {
    const body = (request.body ?? {}) as PostedBody;
    const fields: Fields = {};
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string') fields[key] = value;
      else if (Array.isArray(value)) fields[key] = value.filter((v): v is string => typeof v === 'string');
    }
    return { fields, files: [] };
  }
  const fields: Fields = {};
  const files: IncomingFile[] = [];
  let field = '';
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        field = part.fieldname;
        const bytes = await part.toBuffer();
        files.push({ field: part.fieldname, name: part.filename, bytes });
      } else if (typeof part.value === 'string') {
        const held = fields[part.fieldname];
        if (held === undefined) fields[part.fieldname] = part.value;
        else fields[part.fieldname] = [...(Array.isArray(held) ? held : [held]), part.value];
      }
    }
  } catch (error) {
    // Over the size limit: the file is refused with the question's words, and the rest of the page is kept
    // as far as it was read.
    if ((error as { statusCode?: number }).statusCode !== 413) throw error;
    files.push({ field, name: '', bytes: Buffer.alloc(0), tooLarge: true });
  }
  return { fields, files };
}
