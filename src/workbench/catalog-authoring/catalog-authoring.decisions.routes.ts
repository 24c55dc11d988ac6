import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import type { App } from '../../shared/http/app.ts';
import { AppError } from '../../shared/http/errors.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { setFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { staffOf } from '../session.ts';
import { catalogMessages, inReadersLanguage } from './catalog-authoring.messages.ts';
import { problemErrors } from './catalog-authoring.pages.tsx';
import { publishVersion, returnVersion, withdrawPublished } from './catalog-authoring.review.ts';
import { ItemParams, PublishBody, ReturnBody, WithdrawBody } from './catalog-authoring.schema.ts';
import { CatalogCheckError, CatalogConflictError } from './catalog-authoring.service.ts';
import { guideIdOf, itemView, type Refused } from './catalog-authoring.views.ts';
import { langText } from './catalog-authoring.words.ts';

// The approver's decisions, each a form on the item page: publish or return the version in review, withdraw
// the live one. The route needs the approving duty somewhere; the decision itself checks his reach over the
// guide's unit and four eyes inside its transaction (catalog-authoring.review.ts and the workflow).

export function registerDecisionRoutes(app: App, services: ZoneServices): void {
  const options = <Body extends TSchema>(body: Body) => ({
    schema: { hide: true, params: ItemParams, body },
    config: {
      permission: 'catalog.publish',
      input: { multiline: ['comment'] },
      formPage: (request: FastifyRequest, reply: FastifyReply, form: Refused) =>
        itemView(services, request, reply, guideIdOf(request), form),
    },
  });

  /** One decision: done, it says so on the item page; refused, the item page shows why, with what was typed. */
  const decide = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    act: () => Promise<string>,
  ): Promise<FastifyReply> => {
    const lang = request.lang;
    try {
      const done = await act();
      if (wantsJson(request)) return await reply.send({ ok: true, message: done });
      setFlash(request, done);
      return await reply.redirect(`/catalog/${id}`, 303);
    } catch (error) {
      if (error instanceof CatalogCheckError) {
        if (wantsJson(request))
          throw new AppError('VALIDATION', { fields: problemErrors(lang, error.evaluation.problems) });
        const intro = {
          field: 'publish',
          message: langText(
            lang,
            '未发布：该版本不再符合以下发布规则，请退回修改。',
            'Not published: this version no longer passes the rules below; return it for changes.',
          ),
        };
        const errors = [intro, ...problemErrors(lang, error.evaluation.problems)];
        return reply.html(
          await itemView(services, request, reply, id, { errors, values: formBody(request) }),
          422,
        );
      }
      if (error instanceof CatalogConflictError && !wantsJson(request)) {
        setFlash(
          request,
          langText(
            lang,
            '该事项的状态已变化，请查看后重试。',
            'The item has changed meanwhile; look again and retry.',
          ),
        );
        return reply.redirect(`/catalog/${id}`, 303);
      }
      if (wantsJson(request)) throw inReadersLanguage(request, error);
      return renderFormError(
        request,
        reply,
        error,
        (errors) => itemView(services, request, reply, id, { errors, values: formBody(request) }),
        catalogMessages,
      );
    }
  };

  app.post('/catalog/:id/publish', options(PublishBody), async (request, reply) =>
    decide(request, reply, request.params.id, async () => {
      const version = Number(request.body.version);
      await publishVersion(services, staffOf(request), actorOf(request), request.params.id, version);
      return langText(
        request.lang,
        `第${version}版已发布，正通过边界平台送达门户。`,
        `Version ${version} was published and is on its way to the portal through the exchange.`,
      );
    }),
  );

  app.post('/catalog/:id/return', options(ReturnBody), async (request, reply) =>
    decide(request, reply, request.params.id, async () => {
      const { version, comment } = request.body;
      const by = actorOf(request);
      await returnVersion(services, staffOf(request), by, request.params.id, Number(version), comment);
      return langText(
        request.lang,
        `第${version}版已退回修改。`,
        `Version ${version} was returned for changes.`,
      );
    }),
  );

  app.post('/catalog/:id/withdraw', options(WithdrawBody), async (request, reply) =>
    decide(request, reply, request.params.id, async () => {
      const by = actorOf(request);
      const version = await withdrawPublished(
        services,
        staffOf(request),
        by,
        request.params.id,
        request.body.reason,
      );
      return langText(
        request.lang,
        `第${version}版已撤回，正通过边界平台从门户撤下。`,
        `Version ${version} was withdrawn and is being taken off the portal through the exchange.`,
      );
    }),
  );
}
