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
import * as qaReview from './qa.review.ts';
import * as service from './qa.service.ts';

// The network spokesperson's public Q&A: choose an answered letter, check the redacted texts, send them for
// review; a second spokesperson publishes or returns them; withdraw.

const LetterParams = Type.Object({ letterNumber: Type.String({ maxLength: 20 }) });
const PublicationParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) });
const PublishBody = FormBody({
  question: Type.Optional(Type.String({ maxLength: 6000 })),
  answer: Type.Optional(Type.String({ maxLength: 4400 })),
});
const WithdrawBody = FormBody({});
const ReviewBody = FormBody({
  decision: Type.Optional(Type.String({ maxLength: 10 })),
  comment: Type.Optional(Type.String({ maxLength: 500 })),
});

const words: Record<string, { zh: string; en: string }> = {
  'qa.question': { zh: '请填写问题（6000字以内）', en: 'Write the question (up to 6,000 characters)' },
  'qa.answer': { zh: '请填写答复（4400字以内）', en: 'Write the answer (up to 4,400 characters)' },
  'qa.published': { zh: '该信件已起草或公开过', en: 'This letter has already been drafted or published' },
  'qa.decision': { zh: '请选择审核结论', en: 'Choose a decision' },
  'qa.comment': {
    zh: '退回时请填写审核意见（500字以内）',
    en: 'Say what to change when you return it (up to 500 characters)',
  },
};
const qaWords = (lang: Lang, key: string) => words[key]?.[lang];

const numberOf = (request: FastifyRequest) => {
  const params = request.params as { letterNumber?: unknown } | undefined;
  return typeof params?.letterNumber === 'string' ? params.letterNumber : '';
};

const idOf = (request: FastifyRequest) => {
  const params = request.params as { id?: unknown } | undefined;
  return typeof params?.id === 'string' ? params.id : '';
};

export function registerQaRoutes(app: App, services: ZoneServices): void {
  app.get('/qa', { schema: { hide: true }, config: { permission: 'qa.publish' } }, async (request, reply) => {
    const me = staffOf(request);
    const [candidates, inReview, published] = await service.overviewOf(services, me);
    return reply.html(
      pages.overviewPage({
        ctx: workbenchContext(request, reply),
        candidates,
        inReview,
        published,
        badgeNo: me.badgeNo,
        flash: takeFlash(request),
      }),
    );
  });

  const preview: FormPage = async (request, reply, form) => {
    const publishable = await service.loadPublishable(services, staffOf(request), numberOf(request));
    const first = service.previewOf(services, publishable);
    return pages.previewPage({
      ctx: workbenchContext(request, reply),
      letterNumber: publishable.letter.letterNumber,
      removed: first.removed,
      returned: publishable.draft?.reviewComment,
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
      const publishable = await service.loadPublishable(services, me, numberOf(request));
      const values = formBody(request);
      try {
        await service.submitDraft(services, me, actorOf(request), publishable, {
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
      setFlash(
        request,
        request.lang === 'en'
          ? 'Sent for review by another spokesperson.'
          : '已提交，待另一名网络发言人审核。',
      );
      return reply.redirect('/qa', 303);
    },
  );

  const reviewForm: FormPage = async (request, reply, form) => {
    const me = staffOf(request);
    const row = await service.loadPublication(services, me, idOf(request));
    return pages.reviewPage({
      ctx: workbenchContext(request, reply),
      row,
      own: row.draftedBy === me.badgeNo,
      values: form.values,
      errors: form.errors ?? [],
    });
  };
  app.get(
    '/qa/:id/review',
    { schema: { hide: true, params: PublicationParams }, config: { permission: 'qa.publish' } },
    async (request, reply) => reply.html(await reviewForm(request, reply, { values: {}, errors: [] })),
  );
  app.post(
    '/qa/:id/review',
    {
      schema: { hide: true, params: PublicationParams, body: ReviewBody },
      config: {
        permission: 'qa.publish',
        formPage: reviewForm,
        input: { multiline: ['comment'], maxLength: { comment: 500 } },
      },
    },
    async (request, reply) => {
      const me = staffOf(request);
      const row = await service.loadPublication(services, me, request.params.id);
      const values = formBody(request);
      let outcome: 'published' | 'returned';
      try {
        outcome = await qaReview.review(services, me, actorOf(request), row, values);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => reviewForm(request, reply, { values, errors }),
          qaWords,
        );
      }
      const en = request.lang === 'en';
      setFlash(
        request,
        outcome === 'published'
          ? en
            ? 'Published.'
            : '已公开。'
          : en
            ? 'Returned for changes.'
            : '已退回修改。',
      );
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
      const me = staffOf(request);
      const row = await service.loadPublication(services, me, request.params.id);
      await qaReview.withdraw(services, me, actorOf(request), row);
      setFlash(request, request.lang === 'en' ? 'Withdrawn.' : '已撤下。');
      return reply.redirect('/qa', 303);
    },
  );
}
