import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fileHeaders } from '../../shared/files/file-response.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { requireStaff, staffOf } from '../session.ts';
import { holdsAnywhere } from '../staff/staff.policy.ts';
import {
  DocumentUploadError,
  findDocument,
  listDocuments,
  MAX_DOCUMENT_BYTES,
  uploadDocument,
  type UploadInput,
} from './catalog-authoring.documents.ts';
import { documentsPage } from './catalog-authoring.documents.pages.tsx';
import { worksOnCatalog } from './catalog-authoring.policy.ts';
import { langText } from './catalog-authoring.words.ts';

const guarded = { schema: { hide: true }, preHandler: requireStaff };

/**
 * Documents are not a unit's: any content editor may add or replace one, because nothing reaches the portal
 * without an approver publishing a guide that names it, and the approver is shown what will go with it.
 */
const mayUpload = (request: FastifyRequest) => holdsAnywhere(staffOf(request), 'catalog.edit');

export function registerDocumentRoutes(app: FastifyInstance, services: ZoneServices): void {
  const requireCatalogWork = (request: FastifyRequest) => {
    if (!worksOnCatalog(staffOf(request))) throw new AppError('FORBIDDEN');
  };

  const listView = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { errors?: FieldError[]; values?: Record<string, string> } = {},
  ) => {
    const rows = await listDocuments(services.db);
    const flash = request.session.flash;
    if (flash) request.session.flash = undefined;
    return reply.html(
      documentsPage({
        ctx: workbenchContext(request, reply),
        rows,
        canUpload: mayUpload(request),
        flash,
        ...options,
      }),
      options.errors ? 422 : 200,
    );
  };

  app.get('/catalog/documents', guarded, async (request, reply) => {
    requireCatalogWork(request);
    if (wantsJson(request)) return reply.send({ documents: await listDocuments(services.db) });
    return listView(request, reply);
  });

  app.get('/catalog/documents/:folder/:name', guarded, async (request, reply) => {
    requireCatalogWork(request);
    const { folder, name } = request.params as { folder: string; name: string };
    const doc = await findDocument(services.db, `${folder}/${name}`);
    if (!doc) throw new AppError('NOT_FOUND');
    // Saved, not opened: an officer's browser is on the police network (see shared/files/file-response).
    return fileHeaders(reply, { type: 'application/pdf', name: `${doc.title}.pdf`, asciiName: name })
      .header('cache-control', 'private, no-store')
      .send(doc.content);
  });

  // The upload is multipart, which the app's CSRF check cannot read before the handler: the handler reads
  // the parts (bounded in number and size), then runs the same check on the fields it found.
  void app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 8, fieldSize: 1024, parts: 10 },
    });
    const upload = { ...guarded, config: { csrf: false }, bodyLimit: MAX_DOCUMENT_BYTES + 64 * 1024 };
    scope.post('/catalog/documents', upload, async (request, reply) => {
      // Who may upload does not depend on the body: refuse before reading a byte of it.
      if (!mayUpload(request)) throw new AppError('FORBIDDEN');
      const { fields, file } = await readUpload(request);
      request.body = fields;
      await new Promise<void>((resolve, reject) =>
        app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve())),
      );
      const input: UploadInput = {
        folder: fields.folder ?? '',
        name: fields.name ?? '',
        title: fields.title ?? '',
        file,
      };
      try {
        const saved = await uploadDocument(services, actorOf(request), input);
        const lang = request.lang;
        if (wantsJson(request)) return reply.code(201).send(saved);
        request.session.flash = langText(
          lang,
          `已保存 ${saved.path} 第${saved.version}版。它将随下一次发布引用它的办事指南送往门户。`,
          `Saved ${saved.path}, version ${saved.version}. It goes to the portal with the next publication of a guide that names it.`,
        );
        return reply.redirect('/catalog/documents', 303);
      } catch (error) {
        if (!(error instanceof DocumentUploadError) || wantsJson(request)) throw error;
        const errors = error.problems.map((p) => ({ field: p.field, message: p.message[request.lang] }));
        const { folder, name, title } = input;
        return listView(request, reply, { errors, values: { folder, name, title } });
      }
    });
  });
}

/** The text fields and the one file of an upload; a file over the limit is reported, not thrown. */
async function readUpload(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string>; file: UploadInput['file'] }> {
  const fields: Record<string, string> = {};
  let file: UploadInput['file'];
  // A plain form post (no file chosen, JavaScript or not) still gets the CSRF check and a field error.
  if (!request.isMultipart()) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(body)) if (typeof value === 'string') fields[key] = value;
    return { fields, file };
  }
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        // Only the first file in the "file" field counts; anything else is read and dropped.
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file' && !file) file = { bytes, tooLarge: false };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    // Over the file limit or the request limit: the fields before the file (the form puts them first) are
    // kept, so the page can come back with them and say what was wrong.
    if ((error as { statusCode?: number }).statusCode !== 413) throw error;
    file = { bytes: Buffer.alloc(0), tooLarge: true };
  }
  return { fields, file };
}
