import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/http/errors.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import type { App } from '../../shared/http/app.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { staffOf } from '../session.ts';
import { ContentCheckError } from './content.check.ts';
import { editableUnits, errorsOf, inputFrom } from './content.forms.ts';
import { contentListPage, newArticlePage } from './content.pages.tsx';
import { contentReach } from './content.policy.ts';
import { listArticles } from './content.repository.ts';
import { ListQuery, NewArticleBody } from './content.schema.ts';
import { createArticle } from './content.service.ts';
import { articleStates, type ArticleState } from './content.tables.ts';
import { langText } from './content.words.ts';
import { registerArticleRoutes, textInput } from './content.article-routes.ts';
import { registerImageRoutes } from './content.image-routes.ts';

// The content pages: the list and a new article. One article's own pages are in content.article-routes.ts.

const PAGE_SIZE = 30;

export function registerContentRoutes(app: App, services: ZoneServices): void {
  app.get(
    '/content',
    { schema: { hide: true, querystring: ListQuery }, config: { permission: 'content.view' } },
    async (request, reply) => {
      const me = staffOf(request);
      const status = (articleStates as readonly unknown[]).includes(request.query.status)
        ? (request.query.status as ArticleState)
        : undefined;
      const page = Math.max(1, Math.min(10_000, Number.parseInt(request.query.page ?? '1', 10) || 1));
      const { rows, total } = await listArticles(services.db, contentReach(me), {
        status,
        page,
        pageSize: PAGE_SIZE,
      });
      return reply.html(
        contentListPage({
          ctx: workbenchContext(request, reply),
          rows,
          page,
          pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
          status: status ?? '',
          canCreate: me.assignments.length > 0 && (await editableUnits(services, me)).length > 0,
          flash: takeFlash(request),
        }),
      );
    },
  );

  const newPage = async (request: FastifyRequest, reply: FastifyReply, errors?: FieldError[]) => {
    const me = staffOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const choices = await editableUnits(services, me);
    return newArticlePage({
      ctx: workbenchContext(request, reply),
      units: choices,
      values: {
        column: typeof body.column === 'string' ? body.column : '',
        unitCode:
          typeof body.unitCode === 'string'
            ? body.unitCode
            : (choices.find((u) => u.code === me.unitCode)?.code ?? choices[0]?.code ?? ''),
        input: inputFrom(body),
      },
      errors,
    });
  };

  app.get(
    '/content/new',
    { schema: { hide: true }, config: { permission: 'content.edit' } },
    async (request, reply) => reply.html(await newPage(request, reply)),
  );

  app.post(
    '/content',
    {
      schema: { hide: true, body: NewArticleBody },
      config: {
        permission: 'content.edit',
        input: textInput,
        formPage: (request: FastifyRequest, reply: FastifyReply, form: { errors: FieldError[] }) =>
          newPage(request, reply, form.errors),
      },
    },
    async (request, reply) => {
      const body = request.body;
      try {
        const id = await createArticle(services, staffOf(request), actorOf(request), {
          column: body.column ?? '',
          unitCode: body.unitCode ?? '',
          input: inputFrom(body),
        });
        if (wantsJson(request)) return await reply.code(201).send({ id });
        setFlash(
          request,
          langText(request.lang, '草稿已创建，请填写正文。', 'The draft was created; now write the body.'),
        );
        return await reply.redirect(`/content/${id}`, 303);
      } catch (error) {
        if (!(error instanceof ContentCheckError)) throw error;
        const errors = errorsOf(request.lang, error.evaluation);
        if (wantsJson(request)) throw new AppError('VALIDATION', { fields: errors });
        return reply.html(await newPage(request, reply, errors), 422);
      }
    },
  );

  registerImageRoutes(app, services, registerArticleRoutes(app, services));
}
