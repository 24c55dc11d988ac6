import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { fileHeaders } from '../../shared/files/file-response.ts';
import type { App } from '../../shared/http/app.ts';
import { AppError } from '../../shared/http/errors.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { setFlash } from '../../shared/http/flash.ts';
import { formBody } from '../../shared/http/forms.ts';
import { checkMultipartFields } from '../../shared/http/multipart-fields.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { staffOf } from '../session.ts';
import type { ArticleView } from './content.article-routes.ts';
import { ContentCheckError } from './content.check.ts';
import { errorsOf } from './content.forms.ts';
import { visibleImage, MAX_IMAGE_BYTES, uploadImage, type UploadedPicture } from './content.images.ts';
import { ArticleParams } from './content.schema.ts';
import { langText } from './content.words.ts';

// Uploading a picture to an article, and the workbench's own copy of it for the editor's preview.

const UploadFields = Type.Object(
  {
    _csrf: Type.Optional(Type.String({ maxLength: 128 })),
    uploadAlt: Type.Optional(Type.String({ maxLength: 400 })),
  },
  { additionalProperties: false },
);
const ImageParams = Type.Object(
  { name: Type.String({ pattern: '^[0-9a-f]{32}\\.(?:png|jpg)$', maxLength: 40 }) },
  { additionalProperties: false },
);

export function registerImageRoutes(app: App, services: ZoneServices, articleView: ArticleView): void {
  app.get(
    '/media/content/:name',
    { schema: { hide: true, params: ImageParams }, config: { permission: 'content.view' } },
    async (request, reply) => {
      // The article's unit decides, as for the article itself: another unit's picture is not found.
      const image = await visibleImage(services.db, staffOf(request), request.params.name);
      return fileHeaders(reply, { type: image.mediaType, name: image.name, asciiName: image.name })
        .header('cache-control', 'private, max-age=3600')
        .send(image.content);
    },
  );

  // Multipart, like the catalogue's document upload: the kernel refuses an officer without the editing duty
  // before a byte is read; the handler reads the bounded parts, checks the text fields and then the CSRF token.
  void app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 6 },
    });
    scope.post(
      '/content/:id/images',
      {
        schema: { hide: true, params: ArticleParams },
        bodyLimit: MAX_IMAGE_BYTES + 64 * 1024,
        config: {
          permission: 'content.edit',
          csrf: false,
          formPage: (request, reply, form) =>
            articleView(request, reply, Number((request.params as { id: string }).id), {
              errors: form.errors,
              values: formBody(request),
            }),
        },
      },
      async (request, reply) => {
        const id = Number((request.params as { id: string }).id);
        const { fields, file } = await readUpload(request);
        checkMultipartFields(request, fields, UploadFields);
        await new Promise<void>((resolve, reject) =>
          app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve())),
        );
        try {
          const saved = await uploadImage(services, staffOf(request), actorOf(request), id, {
            file,
            alt: fields.uploadAlt ?? '',
          });
          if (wantsJson(request)) return await reply.code(201).send(saved);
          setFlash(
            request,
            langText(
              request.lang,
              `图片已上传。在正文中另起一行写入：![${saved.alt}](${saved.path})`,
              `The picture was uploaded. Put this line in the body: ![${saved.alt}](${saved.path})`,
            ),
          );
          return await reply.redirect(`/content/${id}#images`, 303);
        } catch (error) {
          if (!(error instanceof ContentCheckError)) throw error;
          const errors = errorsOf(request.lang, error.evaluation);
          if (wantsJson(request)) throw new AppError('VALIDATION', { fields: errors });
          return reply.html(await articleView(request, reply, id, { errors, values: fields }), 422);
        }
      },
    );
  });
}

/** The alternative text and the one picture of an upload; a picture over the limit is reported, not thrown. */
async function readUpload(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string>; file: UploadedPicture | undefined }> {
  if (!request.isMultipart()) return { fields: formBody(request), file: undefined };
  const fields: Record<string, string> = {};
  let file: UploadedPicture | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'upload' && !file) file = { bytes, tooLarge: false };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 413) throw error;
    file = { bytes: Buffer.alloc(0), tooLarge: true };
  }
  return { fields, file };
}
