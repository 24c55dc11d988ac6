import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../shared/http/app.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { staffOf } from '../session.ts';
import { kbWords } from './kb.messages.ts';
import * as pages from './kb.pages.tsx';
import { EntryBody, EntryParams, ListQuery, RetireBody, ReviewBody, SubmitBody } from './kb.schema.ts';
import * as service from './kb.service.ts';
import type { KbEntryRow } from './kb.tables.ts';

// The reply knowledge base's pages: list and search, one entry, new entry, edit, submit, review and retire.

const idOf = (request: FastifyRequest) => {
  const params = request.params as { id?: unknown } | undefined;
  return typeof params?.id === 'string' ? params.id : '';
};

const textInput = { multiline: ['answer', 'comment', 'reason'], maxLength: { answer: 4400 } };

function inputOf(body: Record<string, string>): service.EntryInput {
  return {
    question: body.question ?? '',
    answer: body.answer ?? '',
    keywords: body.keywords ?? '',
    area: body.area ?? '',
    public: body.public === 'yes',
    unitCode: body.unitCode,
  };
}

export function registerKbRoutes(app: App, services: ZoneServices): void {
  app.get(
    '/kb',
    { schema: { hide: true, querystring: ListQuery }, config: { permission: 'kb.read' } },
    async (request, reply) => {
      const me = staffOf(request);
      const q = request.query.q ?? '';
      const state = request.query.state ?? '';
      const list = await service.listFor(services, me, { q, state: q ? undefined : state || undefined });
      return reply.html(
        pages.listPage({
          ctx: workbenchContext(request, reply),
          q,
          state,
          list,
          mayWrite: service.writingUnits(me).length > 0,
        }),
      );
    },
  );

  const newForm: FormPage = (request, reply, form) =>
    pages.formPage({
      ctx: workbenchContext(request, reply),
      action: '/kb/new',
      units: service.writingUnits(staffOf(request)),
      values: form.values ?? {},
      errors: form.errors ?? [],
    });
  app.get('/kb/new', { schema: { hide: true }, config: { permission: 'kb.edit' } }, async (request, reply) =>
    reply.html(await newForm(request, reply, { values: { area: 'household' }, errors: [] })),
  );
  app.post(
    '/kb/new',
    {
      schema: { hide: true, body: EntryBody },
      config: { permission: 'kb.edit', formPage: newForm, input: textInput },
    },
    async (request, reply) => {
      const values = formBody(request);
      let id: string;
      try {
        id = await service.createEntry(services, staffOf(request), actorOf(request), inputOf(values));
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => newForm(request, reply, { values, errors }),
          kbWords,
        );
      }
      setFlash(request, request.lang === 'en' ? 'Draft saved.' : '草稿已保存。');
      return reply.redirect(`/kb/${id}`, 303);
    },
  );

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values?: Record<string, string>; errors?: FieldError[] } = {},
  ) {
    const me = staffOf(request);
    const entry = await service.loadEntry(services, me, 'kb.read', idOf(request));
    return pages.entryPage({
      ctx: workbenchContext(request, reply),
      detail: await service.detailOf(services, me, entry),
      flash: takeFlash(request),
      ...form,
    });
  }
  const entryForm: FormPage = (request, reply, form) => page(request, reply, form);
  app.get(
    '/kb/:id',
    { schema: { hide: true, params: EntryParams }, config: { permission: 'kb.read' } },
    async (request, reply) => reply.html(await page(request, reply)),
  );

  const editForm: FormPage = async (request, reply, form) => {
    const me = staffOf(request);
    const entry = await service.loadEntry(services, me, 'kb.edit', idOf(request));
    const { latest } = await service.detailOf(services, me, entry);
    return pages.formPage({
      ctx: workbenchContext(request, reply),
      action: `/kb/${entry.id}/edit`,
      values: Object.keys(form.values).length
        ? form.values
        : {
            question: latest.question,
            answer: latest.answer,
            keywords: latest.keywords.join('、'),
            area: latest.area,
            public: latest.public ? 'yes' : '',
          },
      errors: form.errors ?? [],
    });
  };
  app.get(
    '/kb/:id/edit',
    { schema: { hide: true, params: EntryParams }, config: { permission: 'kb.edit' } },
    async (request, reply) => reply.html(await editForm(request, reply, { values: {}, errors: [] })),
  );
  app.post(
    '/kb/:id/edit',
    {
      schema: { hide: true, params: EntryParams, body: EntryBody },
      config: { permission: 'kb.edit', formPage: editForm, input: textInput },
    },
    async (request, reply) => {
      const me = staffOf(request);
      const entry = await service.loadEntry(services, me, 'kb.edit', idOf(request));
      const values = formBody(request);
      try {
        await service.saveDraft(services, me, actorOf(request), entry, inputOf(values));
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => editForm(request, reply, { values, errors }),
          kbWords,
        );
      }
      setFlash(request, request.lang === 'en' ? 'Draft saved.' : '草稿已保存。');
      return reply.redirect(`/kb/${entry.id}`, 303);
    },
  );

  /** An action on an entry within the officer's reach for it, answered on the entry's page. */
  const act =
    (
      permission: 'kb.edit' | 'kb.review',
      run: (request: FastifyRequest, entry: KbEntryRow) => Promise<void>,
    ) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const entry = await service.loadEntry(services, staffOf(request), permission, idOf(request));
      try {
        await run(request, entry);
      } catch (error) {
        const values = formBody(request);
        return renderFormError(
          request,
          reply,
          error,
          (errors) => page(request, reply, { values, errors }),
          kbWords,
        );
      }
      setFlash(request, request.lang === 'en' ? 'Done.' : '已办理。');
      return reply.redirect(`/kb/${entry.id}`, 303);
    };
  const options = (
    permission: 'kb.edit' | 'kb.review',
    body: typeof SubmitBody | typeof ReviewBody | typeof RetireBody,
  ) => ({
    schema: { hide: true, params: EntryParams, body },
    config: { permission, formPage: entryForm, input: textInput },
  });

  app.post(
    '/kb/:id/submit',
    options('kb.edit', SubmitBody),
    act('kb.edit', (request, entry) => service.submit(services, staffOf(request), actorOf(request), entry)),
  );
  app.post(
    '/kb/:id/review',
    options('kb.review', ReviewBody),
    act('kb.review', (request, entry) => {
      const body = formBody(request);
      return service.review(services, staffOf(request), actorOf(request), entry, {
        decision: body.decision,
        comment: body.comment,
      });
    }),
  );
  app.post(
    '/kb/:id/retire',
    options('kb.review', RetireBody),
    act('kb.review', (request, entry) =>
      service.retire(services, staffOf(request), actorOf(request), entry, formBody(request).reason ?? ''),
    ),
  );
}
