import type { FastifyRequest } from 'fastify';
import type { App } from '../../shared/http/app.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import { citizenOf } from '../session.ts';
import { ratingWords } from './ratings.messages.ts';
import { ratingHref, ratingPage } from './ratings.pages.tsx';
import { AnswerBody, LinkParams, RatingBody, RatingParams } from './ratings.schema.ts';
import * as service from './ratings.service.ts';

// The comment and the appeal reason may span lines.
const ratingInput = { multiline: ['comment', 'reason'], maxLength: { comment: 600, reason: 600 } };

const flashWords = {
  rated: { zh: '感谢您的评价。', en: 'Thank you for your rating.' },
  answered: { zh: '已提交。', en: 'Sent.' },
};

export function registerRatingRoutes(app: App, services: ZoneServices): void {
  const load = (request: FastifyRequest) => {
    const { kind, number } = request.params as { kind: string; number: string };
    return service.ratingPage(services, citizenOf(request), kind, number);
  };
  // The chosen reasons are a list, which the plain form values do not carry.
  const chosen = (request: FastifyRequest) =>
    service.reasonList((request.body as { reasons?: string | string[] } | undefined)?.reasons);
  const form: FormPage = async (request, reply, state) =>
    ratingPage({
      ctx: portalContext(request, reply, { forms: true }),
      view: await load(request),
      ...state,
      reasons: request.method === 'POST' ? chosen(request) : [],
    });

  app.get(
    '/my/ratings/:kind/:number',
    { schema: { hide: true, params: RatingParams }, config: { permission: 'ratings.give' } },
    async (request, reply) =>
      reply.html(
        ratingPage({
          ctx: portalContext(request, reply, { forms: true }),
          view: await load(request),
          flash: takeFlash(request),
        }),
      ),
  );

  app.post(
    '/my/ratings/:kind/:number',
    {
      schema: { hide: true, params: RatingParams, body: RatingBody },
      config: { permission: 'ratings.give', formPage: form, input: ratingInput },
    },
    async (request, reply) => {
      const view = await load(request);
      try {
        await service.submitRating(services, citizenOf(request), view, request.body);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => form(request, reply, { values: formBody(request), errors }),
          ratingWords,
        );
      }
      setFlash(request, flashWords.rated[request.lang]);
      return reply.redirect(ratingHref(view.kind, view.number), 303);
    },
  );

  // The SMS link: the rating page without signing in, for one rating until the period ends.
  const byLink = (request: FastifyRequest) =>
    service.linkPage(services, (request.params as { token: string }).token);
  const linkForm: FormPage = async (request, reply, state) =>
    ratingPage({
      ctx: portalContext(request, reply, { forms: true }),
      view: await byLink(request),
      ...state,
      reasons: request.method === 'POST' ? chosen(request) : [],
    });
  app.get(
    '/r/:token',
    { schema: { hide: true, params: LinkParams }, config: { permission: 'public' } },
    async (request, reply) =>
      reply.html(
        ratingPage({
          ctx: portalContext(request, reply, { forms: true }),
          view: await byLink(request),
          flash: takeFlash(request),
        }),
      ),
  );
  app.post(
    '/r/:token',
    {
      schema: { hide: true, params: LinkParams, body: RatingBody },
      config: { permission: 'public', formPage: linkForm, input: ratingInput },
    },
    async (request, reply) => {
      const view = await byLink(request);
      try {
        await service.submitRating(services, null, view, request.body, 'sms');
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => linkForm(request, reply, { values: formBody(request), errors }),
          ratingWords,
        );
      }
      setFlash(request, flashWords.rated[request.lang]);
      return reply.redirect(view.viaLink!, 303);
    },
  );

  app.post(
    '/my/ratings/:kind/:number/answer',
    {
      schema: { hide: true, params: RatingParams, body: AnswerBody },
      config: { permission: 'ratings.give', formPage: form, input: ratingInput },
    },
    async (request, reply) => {
      const view = await load(request);
      try {
        if (!view.rating) throw new service.NoRatingError();
        await service.answerReply(services, view.rating, request.body);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => form(request, reply, { values: formBody(request), errors }),
          ratingWords,
        );
      }
      setFlash(request, flashWords.answered[request.lang]);
      return reply.redirect(ratingHref(view.kind, view.number), 303);
    },
  );
}
