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
import { ContentCheckError } from './content.check.ts';
import { MAX_IMAGE_BYTES, uploadImage, visibleImage, type UploadedPicture } from './content.images.ts';
import { textInput, type ArticleView, type KeepAndShow } from './content.article-routes.ts';
import { formValuesKept } from './content.kept-form.ts';
import { errorsOf, inputFrom } from './content.forms.ts';
import { pictureLine, placePicture, placedWords } from './content.picture-markup.ts';
import { ArticleParams, IMAGE_NAME, UploadBody } from './content.schema.ts';
import { langText } from './content.words.ts';
import type { ArticleInput } from './content.check.ts';

// Uploading a picture to an article, and the workbench's own copy of it for the editor's preview.

const ImageParams = Type.Object(
  { name: Type.String({ pattern: IMAGE_NAME, maxLength: 40 }) },
  { additionalProperties: false },
);

// The editor's whole form comes with the picture: each body up to 50,000 characters (four bytes at most each).
const FIELD_BYTES = 200_000;

export function registerImageRoutes(
  app: App,
  services: ZoneServices,
  { articleView, keepAndShow }: { articleView: ArticleView; keepAndShow: KeepAndShow },
): void {
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
      limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 64, fieldSize: FIELD_BYTES, parts: 65 },
    });
    scope.post(
      '/content/:id/images',
      {
        schema: { hide: true, params: ArticleParams },
        bodyLimit: MAX_IMAGE_BYTES + 4 * FIELD_BYTES,
        config: {
          permission: 'content.edit',
          csrf: false,
          input: textInput,
          formPage: (request, reply, form) =>
            articleView(request, reply, Number((request.params as { id: string }).id), {
              errors: form.errors,
              values: formBody(request),
              ...typedOf(formBody(request)),
            }),
        },
      },
      async (request, reply) => {
        const id = Number((request.params as { id: string }).id);
        const { fields, file } = await readUpload(request);
        checkMultipartFields(request, fields, UploadBody);
        await new Promise<void>((resolve, reject) =>
          app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve())),
        );
        try {
          const saved = await uploadImage(services, staffOf(request), actorOf(request), id, {
            file,
            alt: fields.uploadAlt ?? '',
          });
          const line = pictureLine(saved.alt, saved.path);
          if (wantsJson(request)) return await reply.code(201).send({ ...saved, line });
          const typed = typedOf(fields).typed;
          if (typed) {
            // From the editor's form: the picture goes into the body, everything typed is kept for the officer
            // and the editor page that shows it follows a redirect, so a reload does not upload it again.
            const placed = placePicture(typed, line);
            return await keepAndShow(request, reply, id, {
              baseVersion: Number(fields.baseVersion),
              input: { ...typed, body: placed.body, bodyEn: placed.bodyEn },
              values: formValuesKept(fields),
              flash: placedWords(request.lang, placed, true),
            });
          }
          setFlash(
            request,
            langText(
              request.lang,
              `图片已上传。在正文中另起一行写入：${line}`,
              `The picture was uploaded. Put this line in the body: ${line}`,
            ),
          );
          return await reply.redirect(`/content/${id}#images`, 303);
        } catch (error) {
          if (!(error instanceof ContentCheckError)) throw error;
          const errors = errorsOf(request.lang, error.evaluation);
          if (wantsJson(request)) throw new AppError('VALIDATION', { fields: errors });
          return reply.html(
            await articleView(request, reply, id, { errors, values: fields, ...typedOf(fields) }),
            422,
          );
        }
      },
    );
  });
}

/** What the editor typed, when the editor's form is what was posted (it carries the version it edits). */
function typedOf(fields: Record<string, string>): { typed?: ArticleInput } {
  return fields.baseVersion === undefined ? {} : { typed: inputFrom(fields) };
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
