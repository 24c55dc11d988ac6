import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { fileHeaders } from '../../shared/files/file-response.ts';
import type { App } from '../../shared/http/app.ts';
import { AppError } from '../../shared/http/errors.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { setFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import { checkMultipartFields } from '../../shared/http/multipart-fields.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import {
  findDocument,
  listDocuments,
  MAX_DOCUMENT_BYTES,
  uploadDocument,
  type UploadInput,
} from './catalog-authoring.documents.ts';
import { catalogMessages, inReadersLanguage } from './catalog-authoring.messages.ts';
import { DocumentList, presentDocument } from './catalog-authoring.presenter.ts';
import { DocumentParams, UploadFields } from './catalog-authoring.schema.ts';
import { documentsView } from './catalog-authoring.views.ts';
import { langText } from './catalog-authoring.words.ts';

// The document library: the blank forms and samples guides link to. Anyone with a catalogue duty may look;
// any content editor may add or replace one, because documents are no unit's and nothing reaches the portal
// without an approver publishing a guide that names it, who is shown what will go with it.

export function registerDocumentRoutes(app: App, services: ZoneServices): void {
  app.get(
    '/catalog/documents',
    {
      schema: { hide: true, response: { 200: DocumentList } },
      config: { permission: 'catalog.view' },
    },
    async (request, reply) => {
      if (wantsJson(request))
        return reply.send({ documents: (await listDocuments(services.db)).map(presentDocument) });
      return reply.html(await documentsView(services, request, reply));
    },
  );

  app.get(
    '/catalog/documents/:folder/:name',
    { schema: { hide: true, params: DocumentParams }, config: { permission: 'catalog.view' } },
    async (request, reply) => {
      const { folder, name } = request.params;
      const doc = await findDocument(services.db, `${folder}/${name}`);
      if (!doc) throw new AppError('NOT_FOUND');
      // Saved, not opened: an officer's browser is on the police network (see shared/files/file-response).
      return fileHeaders(reply, { type: 'application/pdf', name: `${doc.title}.pdf`, asciiName: name })
        .header('cache-control', 'private, no-store')
        .send(doc.content);
    },
  );

  // The upload is multipart, which neither the app's CSRF check nor the route's validation can read before the
  // handler: the kernel refuses an officer without the editing duty before a byte of it is read; the handler
  // reads the parts (bounded in number and size), holds the text fields to the input guard and UploadFields,
  // then runs the same CSRF check on the fields it found.
  void app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 8, fieldSize: 1024, parts: 10 },
    });
    scope.post(
      '/catalog/documents',
      {
        schema: { hide: true },
        bodyLimit: MAX_DOCUMENT_BYTES + 64 * 1024,
        config: {
          permission: 'catalog.edit',
          csrf: false,
          formPage: (request, reply, form) => documentsView(services, request, reply, form),
        },
      },
      async (request, reply) => {
        const { fields, file } = await readUpload(request);
        checkMultipartFields(request, fields, UploadFields);
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
          if (wantsJson(request)) return await reply.code(201).send(saved);
          setFlash(
            request,
            langText(
              request.lang,
              `已保存 ${saved.path} 第${saved.version}版。它将随下一次发布引用它的办事指南送往门户。`,
              `Saved ${saved.path}, version ${saved.version}. It goes to the portal with the next publication of a guide that names it.`,
            ),
          );
          return await reply.redirect('/catalog/documents', 303);
        } catch (error) {
          if (wantsJson(request)) throw inReadersLanguage(request, error);
          return renderFormError(
            request,
            reply,
            error,
            (errors) => documentsView(services, request, reply, { errors, values: formBody(request) }),
            catalogMessages,
          );
        }
      },
    );
  });
}

/** The text fields and the one file of an upload; a file over the limit is reported, not thrown. */
async function readUpload(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string>; file: UploadInput['file'] }> {
  // A plain form post (no file chosen, JavaScript or not) still gets the CSRF check and a field error.
  if (!request.isMultipart()) return { fields: formBody(request), file: undefined };
  const fields: Record<string, string> = {};
  let file: UploadInput['file'];
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
