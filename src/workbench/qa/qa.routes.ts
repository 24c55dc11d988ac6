import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { App } from '../../shared/http/app.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import { FormBody } from '../../shared/http/schemas.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { staffOf } from '../session.ts';
import * as pages from './qa.pages.tsx';
import * as service from './qa.service.ts';

// The network spokesperson's public Q&A: choose an answered letter, check the redacted texts, publish; withdraw.

const LetterParams = Type.Object({ letterNumber: Type.String({ maxLength: 20 }) });
const PublicationParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) });
const PublishBody = FormBody({
  question: Type.Optional(Type.String({ maxLength: 6000 })),
  answer: Type.Optional(Type.String({ maxLength: 4400 })),
});
const WithdrawBody = FormBody({});

const words: Record<string, { zh: string; en: string }> = {
  'qa.question': { zh: '请填写问题（6000字以内）', en: 'Write the question (up to 6,000 characters)' },
  'qa.answer': { zh: '请填写答复（4400字以内）', en: 'Write the answer (up to 4,400 characters)' },
  'qa.published': { zh: '该信件已公开过', en: 'This letter has already been published' },
};
const qaWords = (lang: Lang, key: string) => words[key]?.[lang];

const numberOf = (request: FastifyRequest) => {
  const params = request.params as { letterNumber?: unknown } | undefined;
  return typeof params?.letterNumber === 'string' ? params.letterNumber : '';
};

export function registerQaRoutes(app: App, services: ZoneServices): void {
  app.get('/qa', { schema: { hide: true }, config: { permission: 'qa.publish' } }, async (request, reply) => {
    const [candidates, published] = await service.overviewOf(services, staffOf(request));
    return reply.html(
      pages.overviewPage({
        ctx: workbenchContext(request, reply),
        candidates,
        published,
        flash: takeFlash(request),
      }),
    );
  });

  const preview: FormPage = async (request, reply, form) => {
    const letter = await service.loadPublishable(services, staffOf(request), numberOf(request));
    const first = service.previewOf(services, letter);
    return pages.previewPage({
      ctx: workbenchContext(request, reply),
      letterNumber: letter.letterNumber,
      removed: first.removed,
      values: Object.keys(form.values).length
        ? form.values
        : { question: first.question, answer: first.answer },
      errors: form.errors ?? [],
    });
  };
  app.get(
    '/qa/letters/:letterNumber',
    { schema: { hide: true, params: LetterParams }, config: { permission: 'qa.publish' } },
    async (request, reply) => reply.html(await preview(request, reply, { values: {}, errors: [] })),
  );
  app.post(
    '/qa/letters/:letterNumber',
    {
      schema: { hide: true, params: LetterParams, body: PublishBody },
      config: {
        permission: 'qa.publish',
        formPage: preview,
        input: { multiline: ['question', 'answer'], maxLength: { question: 6000, answer: 4400 } },
      },
    },
    async (request, reply) => {
      const me = staffOf(request);
      const letter = await service.loadPublishable(services, me, numberOf(request));
      const values = formBody(request);
      try {
        await service.publish(services, me, actorOf(request), letter, {
          question: values.question ?? '',
          answer: values.answer ?? '',
        });
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => preview(request, reply, { values, errors }),
          qaWords,
        );
      }
      setFlash(request, request.lang === 'en' ? 'Published.' : '已公开。');
      return reply.redirect('/qa', 303);
    },
  );
  app.post(
    '/qa/:id/withdraw',
    {
      schema: { hide: true, params: PublicationParams, body: WithdrawBody },
      config: { permission: 'qa.publish' },
    },
    async (request, reply) => {
      const row = await service.loadPublication(services, staffOf(request), request.params.id);
      await service.withdraw(services, actorOf(request), row);
      setFlash(request, request.lang === 'en' ? 'Withdrawn.' : '已撤下。');
      return reply.redirect('/qa', 303);
    },
  );
}
