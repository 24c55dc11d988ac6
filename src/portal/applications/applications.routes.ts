import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  conditionMet,
  MAX_UPLOAD_BYTES,
  pageInputs,
  previousPage,
  progress,
  summary,
  type FormField,
  type FormPage,
} from '../../shared/application-forms/index.ts';
import type { App } from '../../shared/http/app.ts';
import { AppError } from '../../shared/http/errors.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, formErrors, renderFormError } from '../../shared/http/forms.ts';
import { checkMultipartFields } from '../../shared/http/multipart-fields.ts';
import type { FormPage as KernelFormPage } from '../../shared/http/route-kernel.ts';
import { portalContext } from '../page.ts';
import { citizenOf } from '../session.ts';
import { applicationMessages, applicationWords } from './applications.messages.ts';
import * as pages from './applications.pages.tsx';
import * as questions from './applications.questions.tsx';
import { filesOf } from './applications.repository.ts';
import { receiptPdf } from './applications.receipt.ts';
import { ApplicationJson, presentApplication } from './applications.presenter.ts';
import { ErrorResponse } from '../../shared/http/schemas.ts';
import {
  IdParams,
  PageFields,
  PageParams,
  PageQuery,
  SlugParams,
  StartBody,
  SubmitBody,
} from './applications.schema.ts';
import * as service from './applications.service.ts';
import type { ApplyServices, LoadedApplication } from './applications.service.ts';
import * as answers from './applications.answers.ts';
import { deliveryRow } from '../delivery/delivery.step.ts';
import { submitApplication } from './applications.submit.ts';
import { checkCsrf, readPage } from './applications.multipart.ts';

/** A param of the address, read also where the schema refused it (a form page shown again). */
function paramOf(request: FastifyRequest, name: string): string {
  const params = request.params as Record<string, unknown> | undefined;
  const value = params?.[name];
  return typeof value === 'string' ? value : '';
}

export function registerApplicationRoutes(app: App, services: ApplyServices, portalBaseUrl: string): void {
  /** The signed-in person's application, or the 404 a missing one gets (applicationFor decides). */
  const own = (request: FastifyRequest, id: string, action: 'applications.view' | 'applications.edit') =>
    service.applicationFor(services, citizenOf(request), id, action);

  async function startView(request: FastifyRequest, reply: FastifyReply, slug: string) {
    const { item, form } = await service.serviceWithForm(services, slug);
    const state = await service.startState(services, request.citizen, item, form);
    const ctx = portalContext(request, reply);
    return { ctx, item, form, state, materials: service.materialsOf(item, form, ctx.lang) };
  }

  const startForm: KernelFormPage = async (request, reply, form) =>
    pages.startPage({ ...(await startView(request, reply, paramOf(request, 'slug'))), ...form });

  app.get(
    '/services/:slug/apply',
    { schema: { hide: true, params: SlugParams }, config: { permission: 'public' } },
    async (request, reply) =>
      reply.html(pages.startPage(await startView(request, reply, request.params.slug))),
  );

  app.post(
    '/services/:slug/apply',
    {
      schema: { hide: true, params: SlugParams, body: StartBody },
      config: { permission: 'applications.apply', formPage: startForm },
    },
    async (request, reply) => {
      let outcome: service.StartOutcome;
      try {
        outcome = await service.startApplication(
          services,
          citizenOf(request),
          request.params.slug,
          request.body.company,
        );
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => startForm(request, reply, { values: formBody(request), errors }),
          applicationMessages,
        );
      }
      if (outcome.kind === 'in-flight') {
        // Shown the start page again, which now says so and links to the case.
        return reply.html(pages.startPage(await startView(request, reply, request.params.slug)), 409);
      }
      const loaded = await own(request, outcome.id, 'applications.edit');
      return reply.redirect(service.resumeAt(loaded), 303);
    },
  );

  app.get(
    '/applications/:id',
    { schema: { hide: true, params: IdParams }, config: { permission: 'applications.view' } },
    async (request, reply) => {
      const loaded = await own(request, request.params.id, 'applications.view');
      return reply.redirect(service.resumeAt(loaded), 303);
    },
  );

  async function questionView(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: LoadedApplication,
    page: FormPage,
    form: { values?: Record<string, string | string[]>; errors?: { field: string; message: string }[] } = {},
  ) {
    const { row, answers } = loaded;
    const change = changing(request);
    const onPage = new Set(page.fields.map((f) => f.id));
    // A condition on a question of the same page cannot be decided before the page is posted (no script is
    // needed): such questions are shown and kept only when the answer above them says so.
    const shown = (field: FormField) =>
      !field.showIf || onPage.has(field.showIf.field) || conditionMet(field.showIf, answers);
    const before = previousPage(loaded.form, page.id, answers);
    return questions.questionPage({
      ctx: portalContext(request, reply),
      id: row.id,
      form: loaded.form,
      page,
      shown,
      inputs: form.values ?? pageInputs(page, answers, await profileIfPrefilled(loaded, page)),
      // Most pages ask for no file: their rendering needs no read of the files.
      files: hasUploads(page) ? await filesOf(services.db, row.id) : [],
      progress: progress(loaded.form, page.id, answers) ?? { current: 1, total: 1 },
      back: change
        ? `/applications/${row.id}/check`
        : before
          ? `/applications/${row.id}/pages/${before.id}`
          : `/services/${row.itemId}/apply`,
      change,
      today: service.beijingDay(services.now()),
      errors: form.errors,
      flash: takeFlash(request),
    });
  }

  /** The verified profile, only for a page with a question it fills in that is not answered yet. */
  async function profileIfPrefilled(loaded: LoadedApplication, page: FormPage) {
    const prefilled = page.fields.some(
      (f) =>
        f.type !== 'upload' &&
        f.type !== 'group' &&
        f.prefill !== undefined &&
        loaded.answers[f.id] === undefined,
    );
    return prefilled ? service.profileFor(services, loaded) : {};
  }

  /** The page of the address, when the application may be answered and the page applies. */
  async function pageOf(request: FastifyRequest, id: string, pageId: string) {
    const loaded = await own(request, id, 'applications.edit');
    const page = loaded.form.pages.find((p) => p.id === pageId);
    if (!page) throw new AppError('NOT_FOUND');
    return { loaded, page };
  }

  app.get(
    '/applications/:id/pages/:pageId',
    {
      schema: { hide: true, params: PageParams, querystring: PageQuery },
      config: { permission: 'applications.edit' },
    },
    async (request, reply) => {
      const { loaded, page } = await pageOf(request, request.params.id, request.params.pageId);
      if (loaded.row.submittedAt || !service.pageApplies(loaded, page.id)) {
        return reply.redirect(service.resumeAt(loaded), 303);
      }
      return reply.html(await questionView(request, reply, loaded, page));
    },
  );

  /**
   * Saves a page posted by the page's form (plain or multipart) or by an API client (JSON answers with
   * multipart files, the same fields): the next address, or the refusal with what was typed kept.
   */
  async function postPage(request: FastifyRequest, reply: FastifyReply, api: boolean) {
    const [id, pageId] = [paramOf(request, 'id'), paramOf(request, 'pageId')];
    const { fields, files } = await readPage(request);
    let refusal: unknown;
    try {
      checkMultipartFields(request, fields as Record<string, string>, PageFields);
    } catch (error) {
      refusal = error;
      request.body = fields;
    }
    await checkCsrf(app, request, reply);
    const { loaded, page } = await pageOf(request, id, pageId);
    const refuse = async (errors: { field: string; message: string }[]) => {
      if (api) throw new AppError('VALIDATION', { fields: errors });
      return reply.html(await questionView(request, reply, loaded, page, { values: fields, errors }), 422);
    };
    if (refusal) {
      const errors = formErrors(request, refusal);
      if (!errors) throw refusal;
      return refuse(errors);
    }
    const remove = fields._remove;
    if (typeof remove === 'string' && remove !== '') {
      await answers.removeFile(services, loaded, remove);
      if (api) return reply.send(await presentApplication(services, await reload(loaded)));
      setFlash(request, applicationWords(request.lang, 'removed'));
      return reply.redirect(`/applications/${loaded.row.id}/pages/${page.id}`, 303);
    }
    const { _csrf: _token, _remove: _none, ...body } = fields;
    const result = await answers.answerPage(services, loaded, page.id, { body, files }, request.lang);
    if (!('next' in result)) return refuse(result.errors);
    if (api) return reply.send(await presentApplication(services, await reload(loaded)));
    // A change from the check page goes back there, unless the change opened questions still to answer.
    if (changing(request)) return reply.redirect(service.resumeAt(await reload(loaded)), 303);
    return reply.redirect(result.next, 303);
  }

  async function reload(loaded: LoadedApplication) {
    return service.applicationFor(services, loaded.viewer, loaded.row.id, 'applications.view');
  }

  // A page with an upload question posts multipart, which neither the CSRF check nor the route's validation
  // can read before the handler: the kernel refuses anyone not signed in before a byte is read; the handler
  // reads the parts (bounded in number and size), holds the fields to the input guard and PageFields, then
  // runs the same CSRF check on what it found. Pages without uploads post plain forms to the same address.
  void app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 10, fields: 400, fieldSize: 8 * 1024, parts: 420 },
    });
    const bodyLimit = 3 * MAX_UPLOAD_BYTES + 1024 * 1024;
    scope.post(
      '/applications/:id/pages/:pageId',
      {
        schema: { hide: true, params: PageParams, querystring: PageQuery },
        bodyLimit,
        // Line breaks are for the questions that span lines; the service flattens them in the others.
        config: { permission: 'applications.edit', csrf: false, input: { multiline: true } },
      },
      (request, reply) => postPage(request, reply, false),
    );
    scope.post(
      '/api/v1/applications/:id/pages/:pageId',
      {
        schema: {
          tags: ['applications'],
          summary: 'Answer one page of a draft application',
          description:
            "The page's inputs as form fields (application/x-www-form-urlencoded or multipart/form-data, " +
            'the same names as the page: `purpose`, `home.division`, `seals[0].kind`; files under the upload ' +
            "question's id). `_remove` with a file id takes that file off instead. Answers 422 with every " +
            'problem, or the application as saved. Send the CSRF token as x-csrf-token or _csrf.',
          params: PageParams,
          response: { 200: ApplicationJson, 404: ErrorResponse, 422: ErrorResponse },
        },
        bodyLimit,
        config: { permission: 'applications.edit', csrf: false, input: { multiline: true } },
      },
      (request, reply) => postPage(request, reply, true),
    );
  });

  app.get(
    '/applications/:id/check',
    { schema: { hide: true, params: IdParams }, config: { permission: 'applications.edit' } },
    async (request, reply) => {
      const loaded = await own(request, request.params.id, 'applications.edit');
      const resume = service.resumeAt(loaded);
      if (!resume.endsWith('/check')) return reply.redirect(resume, 303);
      const delivery = await deliveryRow(services, loaded, request.lang);
      return reply.html(checkView(request, reply, loaded, undefined, delivery));
    },
  );

  function checkView(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: LoadedApplication,
    errors?: { field: string; message: string }[],
    delivery?: pages.CheckView['delivery'],
  ) {
    const { row, form, answers } = loaded;
    const pagesShown = summary(form, answers, request.lang);
    const last = pagesShown.at(-1)?.page;
    return pages.checkPage({
      ctx: portalContext(request, reply),
      id: row.id,
      form,
      sections: pagesShown,
      submitKey: randomUUID(),
      back: last ? `/applications/${row.id}/pages/${last}` : `/services/${row.itemId}/apply`,
      errors,
      delivery,
    });
  }

  app.post(
    '/applications/:id/submit',
    {
      schema: { hide: true, params: IdParams, body: SubmitBody },
      config: { permission: 'applications.edit' },
    },
    async (request, reply) => {
      const citizen = citizenOf(request);
      const { id } = request.params;
      try {
        await submitApplication(services, citizen, id, request.body.submitKey ?? '');
      } catch (error) {
        if (error instanceof AppError && error.detail !== undefined && error.code === 'VALIDATION') {
          // Incomplete: back to the page that needs answering (the stored answers say which).
          const loaded = await service.applicationFor(services, citizen, id, 'applications.edit');
          return reply.redirect(service.resumeAt(loaded), 303);
        }
        const loaded = await service.applicationFor(services, citizen, id, 'applications.edit');
        return renderFormError(
          request,
          reply,
          error,
          (errors) => checkView(request, reply, loaded, errors),
          applicationMessages,
        );
      }
      return reply.redirect(`/applications/${id}/confirmation`, 303);
    },
  );

  app.get(
    '/applications/:id/confirmation',
    { schema: { hide: true, params: IdParams }, config: { permission: 'applications.view' } },
    async (request, reply) => {
      const loaded = await own(request, request.params.id, 'applications.view');
      if (!loaded.row.caseNumber) return reply.redirect(service.resumeAt(loaded), 303);
      const { item } = await service.itemOf(services, loaded.row.itemId);
      return reply.html(
        pages.confirmationPage({
          ctx: portalContext(request, reply),
          id: loaded.row.id,
          caseNumber: loaded.row.caseNumber,
          item,
        }),
      );
    },
  );

  app.get(
    '/applications/:id/receipt.pdf',
    { schema: { hide: true, params: IdParams }, config: { permission: 'applications.view' } },
    async (request, reply) => {
      const loaded = await own(request, request.params.id, 'applications.view');
      if (!loaded.row.caseNumber || !loaded.row.submittedAt) throw new AppError('NOT_FOUND');
      const { item } = await service.itemOf(services, loaded.row.itemId);
      const pdf = await receiptPdf({
        caseNumber: loaded.row.caseNumber,
        submittedAt: loaded.row.submittedAt,
        form: loaded.form,
        item,
        company: loaded.company?.name,
        origin: portalBaseUrl,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="receipt-${loaded.row.caseNumber}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}

/** Whether the page was opened from a change link of the check page. */
function changing(request: FastifyRequest): boolean {
  const query = request.query as Record<string, unknown> | undefined;
  return query?.change === '1';
}

/** Whether the page asks for a file (only then are the draft's files read to show or check it). */
function hasUploads(page: FormPage): boolean {
  return page.fields.some((f) => f.type === 'upload');
}
