import { dueIsEstimated } from '../../shared/ui/estimated-due.tsx';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { letterTopics, MAX_LETTER_PHOTOS } from '../../exchange/contracts/index.ts';
import type { App } from '../../shared/http/app.ts';
import { AppError } from '../../shared/http/errors.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import { checkMultipartFields } from '../../shared/http/multipart-fields.ts';
import { mustAllow, type FormPage } from '../../shared/http/route-kernel.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import { portalPolicy } from '../policy.ts';
import { citizenOf } from '../session.ts';
import { findKindSpec, type LetterKindSpec } from './letters.kinds.ts';
import { letterWords } from './letters.messages.ts';
import * as pages from './letters.pages.tsx';
import { readPick } from './letters.pick.ts';
import { MAX_PHOTO_BYTES } from './letters.photos.ts';
import * as reading from './letters.read.pages.tsx';
import {
  AddBody,
  FollowUpBody,
  KindParams,
  LetterBody,
  LetterParams,
  TipQuery,
  WriteQuery,
} from './letters.schema.ts';
import * as service from './letters.service.ts';
import { checkCsrf, readLetterParts } from './letters.upload.ts';

// The long text fields may span lines; the letter's body is longer than the platform's default.
const letterInput = { multiline: ['body'], maxLength: { body: 6000 } };
const addInput = { multiline: ['text'], maxLength: { text: 2400 } };
// Guessing follow-up codes is throttled per address; the answer never says whether a code exists.
const codeLimit = { max: 10, timeWindow: '1 minute' };

const flashWords = {
  sent: { zh: '信件已提交。', en: 'Your letter has been sent.' },
  added: { zh: '补充情况已提交。', en: 'Your information has been sent.' },
};

function kindOf(request: FastifyRequest): LetterKindSpec {
  const params = request.params as { kind?: unknown } | undefined;
  const spec = typeof params?.kind === 'string' ? findKindSpec(params.kind) : undefined;
  // Tips have their own address, open to visitors.
  if (!spec || spec.kind === 'tip') throw new AppError('NOT_FOUND');
  return spec;
}

export function registerLetterRoutes(app: App, services: ZoneServices): void {
  app.get(
    '/interaction',
    { schema: { hide: true }, config: { permission: PUBLIC } },
    async (request, reply) => reply.html(pages.hubPage(portalContext(request, reply))),
  );

  const writeForm =
    (spec: (request: FastifyRequest) => LetterKindSpec): FormPage =>
    (request, reply, form) =>
      pages.writePage({
        ctx: portalContext(request, reply, { forms: true }),
        spec: spec(request),
        signedIn: Boolean(request.citizen),
        ...form,
      });

  async function write(request: FastifyRequest, reply: FastifyReply, spec: LetterKindSpec, form: FormPage) {
    const { fields, photos } = await readLetterParts(request);
    checkMultipartFields(request, fields, LetterBody);
    await checkCsrf(app, request, reply);
    const pick = readPick(spec, fields, request.lang);
    if (pick)
      return reply.html(
        pages.writePage({
          ctx: portalContext(request, reply, { forms: true }),
          spec,
          signedIn: Boolean(request.citizen),
          values: pick.values,
          errors: pick.errors,
          locationNotice: pick.notice,
        }),
        pick.status,
      );
    let sent: service.Submitted;
    try {
      sent = await service.submitLetter(services, request.citizen, spec, fields, photos, {
        withinCity: true,
      });
    } catch (error) {
      return renderFormError(
        request,
        reply,
        error,
        (errors) => form(request, reply, { values: fields, errors }),
        letterWords,
      );
    }
    if (sent.followCode)
      return reply.header('cache-control', 'no-store').html(
        pages.sentPage({
          ctx: portalContext(request, reply),
          letterNumber: sent.letterNumber,
          followCode: sent.followCode,
        }),
      );
    setFlash(request, flashWords.sent[request.lang]);
    return reply.redirect(`/my/letters/${sent.letterNumber}`, 303);
  }

  const byKind = writeForm(kindOf);
  app.get(
    '/interaction/write/:kind',
    {
      schema: { hide: true, params: KindParams, querystring: WriteQuery },
      config: { permission: 'letters.write' },
    },
    async (request, reply) => {
      // Coming back from the answers that did not answer it, the question becomes the subject.
      const subject = request.query.subject;
      return reply.html(await byKind(request, reply, { values: subject ? { subject } : {}, errors: [] }));
    },
  );

  const tipSpec = findKindSpec('tip')!;
  const tipForm = writeForm(() => tipSpec);
  // A catalogue guide for a report links here with its topic chosen.
  app.get(
    '/interaction/tip',
    { schema: { hide: true, querystring: TipQuery }, config: { permission: PUBLIC } },
    async (request, reply) => {
      const topic = letterTopics.find((t) => t === request.query.topic);
      return reply.html(await tipForm(request, reply, { values: topic ? { topic } : {}, errors: [] }));
    },
  );

  // Multipart, for the photos (as the case supplement): the fields are held to the input guard and LetterBody,
  // then CSRF is checked, by the handler. A plain form post is read the same way.
  void app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: MAX_PHOTO_BYTES,
        // One more than allowed, so a sixth photo is refused on the form rather than by the parser.
        files: MAX_LETTER_PHOTOS + 1,
        fields: 14,
        fieldSize: 8 * 1024,
        parts: MAX_LETTER_PHOTOS + 15,
      },
    });
    const bodyLimit = (MAX_LETTER_PHOTOS + 1) * MAX_PHOTO_BYTES + 64 * 1024;
    scope.post(
      '/interaction/write/:kind',
      {
        schema: { hide: true, params: KindParams },
        bodyLimit,
        config: { permission: 'letters.write', csrf: false, formPage: byKind, input: letterInput },
      },
      async (request, reply) => write(request, reply, kindOf(request), byKind),
    );
    scope.post(
      '/interaction/tip',
      {
        schema: { hide: true },
        bodyLimit,
        config: {
          permission: PUBLIC,
          csrf: false,
          formPage: tipForm,
          input: letterInput,
          rateLimit: codeLimit,
        },
      },
      async (request, reply) => write(request, reply, tipSpec, tipForm),
    );
  });

  registerFollowUp(app, services);
  registerMyLetters(app, services);
}

function registerFollowUp(app: App, services: ZoneServices): void {
  const followForm: FormPage = (request, reply, form) =>
    reading.followUpPage({ ctx: portalContext(request, reply, { forms: true }), ...form });
  app.get(
    '/interaction/follow-up',
    { schema: { hide: true }, config: { permission: PUBLIC } },
    async (request, reply) => reply.html(await followForm(request, reply, { values: {}, errors: [] })),
  );
  // One address for reading the progress and for adding information: the code travels in the body, never in
  // an address that would end up in logs and browser history.
  app.post(
    '/interaction/follow-up',
    {
      schema: { hide: true, body: FollowUpBody },
      config: { permission: PUBLIC, formPage: followForm, input: addInput, rateLimit: codeLimit },
    },
    async (request, reply) => {
      const { code = '', text } = request.body;
      const letter = await service.letterByFollowCode(services, code);
      if (!letter) {
        const errors = [{ field: 'code', message: letterWords(request.lang, 'letters.code') ?? '' }];
        return reply.html(await followForm(request, reply, { values: { code }, errors }), 404);
      }
      const ctx = portalContext(request, reply, { forms: true });
      const show = async (status: number, extra: Partial<Parameters<typeof reading.letterPage>[0]> = {}) =>
        reply.header('cache-control', 'no-store').html(
          reading.letterPage({
            ctx,
            view: await service.viewOf(services, (await service.findLetter(services, letter.letterNumber))!),
            addAction: '/interaction/follow-up',
            code,
            ...extra,
          }),
          status,
        );
      if (text === undefined) return show(200);
      try {
        await service.addInformation(services, letter, text);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          async (errors) =>
            reading.letterPage({
              ctx,
              view: await service.viewOf(services, letter),
              addAction: '/interaction/follow-up',
              code,
              values: { text },
              errors,
            }),
          letterWords,
        );
      }
      return show(200, { flash: flashWords.added[request.lang] });
    },
  );
}

function registerMyLetters(app: App, services: ZoneServices): void {
  app.get(
    '/my/letters',
    { schema: { hide: true }, config: { permission: 'letters.view' } },
    async (request, reply) => {
      const list = await service.myLetters(services, citizenOf(request));
      return reply.html(
        reading.listPage({
          ctx: portalContext(request, reply),
          list,
          estimated: (dueOn) => dueIsEstimated(services.calendar, dueOn),
          flash: takeFlash(request),
        }),
      );
    },
  );

  async function ownLetter(request: FastifyRequest) {
    const { letterNumber } = request.params as { letterNumber: string };
    const letter = await service.findLetter(services, letterNumber);
    if (!letter) throw new AppError('NOT_FOUND');
    mustAllow(portalPolicy, citizenOf(request), 'letters.view', letter);
    return letter;
  }
  const letterForm: FormPage = async (request, reply, form) =>
    reading.letterPage({
      ctx: portalContext(request, reply),
      view: await service.viewOf(services, await ownLetter(request)),
      addAction: `${request.url.split('?')[0]!.replace(/\/add$/, '')}/add`,
      ...form,
    });

  app.get(
    '/my/letters/:letterNumber',
    { schema: { hide: true, params: LetterParams }, config: { permission: 'letters.view' } },
    async (request, reply) => {
      const view = await service.viewOf(services, await ownLetter(request));
      return reply.html(
        reading.letterPage({
          ctx: portalContext(request, reply),
          view,
          addAction: `/my/letters/${view.letter.letterNumber}/add`,
          flash: takeFlash(request),
        }),
      );
    },
  );
  app.post(
    '/my/letters/:letterNumber/add',
    {
      schema: { hide: true, params: LetterParams, body: AddBody },
      config: { permission: 'letters.view', formPage: letterForm, input: addInput },
    },
    async (request, reply) => {
      const letter = await ownLetter(request);
      try {
        await service.addInformation(services, letter, request.body.text ?? '');
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => letterForm(request, reply, { values: formBody(request), errors }),
          letterWords,
        );
      }
      setFlash(request, flashWords.added[request.lang]);
      return reply.redirect(`/my/letters/${letter.letterNumber}`, 303);
    },
  );
}
