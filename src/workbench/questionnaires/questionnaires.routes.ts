import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { attachment, toCsv } from '../../shared/export/csv.ts';
import type { App } from '../../shared/http/app.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { AppError } from '../../shared/http/errors.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import { FormBody } from '../../shared/http/schemas.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { staffOf } from '../session.ts';
import { holdsAnywhere } from '../staff/staff.policy.ts';
import { EditorBody, editorInput, editorValues, slotCount } from './questionnaires.form.ts';
import { questionnaireWords } from './questionnaires.messages.ts';
import * as pages from './questionnaires.pages.tsx';
import { presentResults } from './questionnaires.presenter.ts';
import { resultsOf, responseCells } from './questionnaires.results.ts';
import { resultsPage } from './questionnaires.results.tsx';
import * as repo from './questionnaires.repository.ts';
import * as service from './questionnaires.service.ts';

// The supervisor builds, publishes and closes questionnaires; he and the unit's leader read the results.

const Params = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) });
const PublishBody = FormBody({
  audience: Type.Optional(Type.String({ maxLength: 20 })),
  opensOn: Type.Optional(Type.String({ maxLength: 10 })),
  closesOn: Type.Optional(Type.String({ maxLength: 10 })),
});
const CloseBody = FormBody({});
const ResultsQuery = Type.Object({
  version: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  format: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('csv')])),
});

const flash = {
  created: { zh: '问卷已保存为草稿。', en: 'Saved as a draft.' },
  saved: { zh: '已保存。', en: 'Saved.' },
  revised: { zh: '已保存并发布为新版本。', en: 'Saved and published as a new version.' },
  published: { zh: '问卷已发布到门户网站。', en: 'Published on the portal.' },
  closed: { zh: '调查已结束。', en: 'The questionnaire is closed.' },
};

const idOf = (request: FastifyRequest) => (request.params as { id?: string } | undefined)?.id ?? '';

export function registerQuestionnaireRoutes(app: App, services: ZoneServices): void {
  app.get(
    '/questionnaires',
    { schema: { hide: true }, config: { permission: 'questionnaires.read' } },
    async (request, reply) => {
      const me = staffOf(request);
      const list = await service.listFor(services, me);
      return reply.html(
        pages.listPage({
          ctx: workbenchContext(request, reply),
          list,
          mayBuild: holdsAnywhere(me, 'questionnaires.manage'),
          flash: takeFlash(request),
        }),
      );
    },
  );

  const newForm: FormPage = (request, reply, form) =>
    pages.editorPage({ ctx: workbenchContext(request, reply), values: form.values, errors: form.errors });
  app.get(
    '/questionnaires/new',
    { schema: { hide: true }, config: { permission: 'questionnaires.manage' } },
    async (request, reply) =>
      reply.html(await newForm(request, reply, { values: { slots: '3' }, errors: [] })),
  );
  app.post(
    '/questionnaires',
    {
      schema: { hide: true, body: EditorBody },
      config: { permission: 'questionnaires.manage', formPage: newForm, input: editorInput },
    },
    async (request, reply) => {
      const values = formBody(request);
      if (values.op === 'add')
        return reply.html(await newForm(request, reply, { values: withSlot(values), errors: [] }));
      try {
        const id = await service.create(services, staffOf(request), actorOf(request), values);
        setFlash(request, flash.created[request.lang]);
        return reply.redirect(`/questionnaires/${id}`, 303);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => newForm(request, reply, { values, errors }),
          questionnaireWords,
        );
      }
    },
  );

  const editor: FormPage = async (request, reply, form) => {
    const row = await service.load(services, staffOf(request), idOf(request), 'questionnaires.manage');
    const publishing = request.url.endsWith('/publish');
    return pages.editorPage({
      ctx: workbenchContext(request, reply),
      row,
      values: publishing || !Object.keys(form.values).length ? editorValues(row.definition) : form.values,
      errors: publishing ? [] : form.errors,
      publishValues: publishing ? form.values : {},
      publishErrors: publishing ? form.errors : [],
      flash: takeFlash(request),
    });
  };
  app.get(
    '/questionnaires/:id',
    { schema: { hide: true, params: Params }, config: { permission: 'questionnaires.manage' } },
    async (request, reply) => reply.html(await editor(request, reply, { values: {}, errors: [] })),
  );
  app.post(
    '/questionnaires/:id',
    {
      schema: { hide: true, params: Params, body: EditorBody },
      config: { permission: 'questionnaires.manage', formPage: editor, input: editorInput },
    },
    async (request, reply) => {
      const me = staffOf(request);
      const row = await service.load(services, me, request.params.id, 'questionnaires.manage');
      const values = formBody(request);
      if (values.op === 'add')
        return reply.html(await editor(request, reply, { values: withSlot(values), errors: [] }));
      try {
        await service.save(services, me, actorOf(request), row, values);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => editor(request, reply, { values, errors }),
          questionnaireWords,
        );
      }
      setFlash(request, (row.state === 'published' ? flash.revised : flash.saved)[request.lang]);
      return reply.redirect(`/questionnaires/${row.id}`, 303);
    },
  );
  app.post(
    '/questionnaires/:id/publish',
    {
      schema: { hide: true, params: Params, body: PublishBody },
      config: { permission: 'questionnaires.manage', formPage: editor },
    },
    async (request, reply) => {
      const me = staffOf(request);
      const row = await service.load(services, me, request.params.id, 'questionnaires.manage');
      const values = formBody(request);
      try {
        await service.publish(services, me, actorOf(request), row, values);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => editor(request, reply, { values, errors }),
          questionnaireWords,
        );
      }
      setFlash(request, flash.published[request.lang]);
      return reply.redirect(`/questionnaires/${row.id}`, 303);
    },
  );
  app.post(
    '/questionnaires/:id/close',
    {
      schema: { hide: true, params: Params, body: CloseBody },
      config: { permission: 'questionnaires.manage' },
    },
    async (request, reply) => {
      const me = staffOf(request);
      const row = await service.load(services, me, request.params.id, 'questionnaires.manage');
      await service.close(services, me, actorOf(request), row);
      setFlash(request, flash.closed[request.lang]);
      return reply.redirect('/questionnaires', 303);
    },
  );

  app.get(
    '/questionnaires/:id/results',
    {
      schema: { hide: true, params: Params, querystring: ResultsQuery },
      config: { permission: 'questionnaires.read' },
    },
    async (request, reply) => {
      const row = await service.load(services, staffOf(request), request.params.id, 'questionnaires.read');
      const versions = await repo.versionsOf(services.db, row.id);
      const version = request.query.version ?? row.version;
      const def = versions.find((v) => v.version === version)?.definition;
      if (!def) throw new AppError('NOT_FOUND');
      const responses = await repo.responsesOf(services.db, row.id, version);
      if (request.query.format === 'csv') {
        const head = [
          request.lang === 'en' ? 'Submitted' : '提交时间',
          request.lang === 'en' ? 'Audience' : '对象',
        ];
        head.push(
          ...def.questions.map(
            (q, i) => `${String(i + 1)}. ${request.lang === 'en' ? q.label.en || q.label.zh : q.label.zh}`,
          ),
        );
        const rows = responses.map((r) => [
          r.submittedAt.toISOString(),
          r.audience,
          ...responseCells(def, r),
        ]);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            attachment(`问卷结果-v${String(version)}.csv`, `questionnaire-v${String(version)}.csv`),
          )
          .send(toCsv(head, rows));
      }
      const perDay = await repo.responsesPerDay(services.db, row.id, version);
      const results = resultsOf(def, responses);
      if (wantsJson(request))
        return reply.send(presentResults(row, version, responses.length, perDay, results));
      return reply.html(
        resultsPage({
          ctx: workbenchContext(request, reply),
          row,
          version,
          versions: versions.map((v) => v.version),
          total: responses.length,
          perDay,
          results,
        }),
      );
    },
  );
}

/** The posted form with one blank slot more, so a question can be added without scripts or saving. */
function withSlot(values: Record<string, string>): Record<string, string> {
  return { ...values, slots: String(slotCount(values) + 1) };
}
