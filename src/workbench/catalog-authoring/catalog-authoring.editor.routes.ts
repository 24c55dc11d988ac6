import type { App } from '../../shared/http/app.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { staffOf } from '../session.ts';
import { editorPage } from './catalog-authoring.editor.tsx';
import { inputFromBody } from './catalog-authoring.form.ts';
import { applyGroupOp, groupsFromBody } from './catalog-authoring.groups.ts';
import { EvaluationResult, presentEvaluation } from './catalog-authoring.presenter.ts';
import { EditorBody, ItemParams } from './catalog-authoring.schema.ts';
import {
  CatalogCheckError,
  CatalogConflictError,
  checkInput,
  editorState,
  saveDraft,
} from './catalog-authoring.service.ts';
import { editorAgainView, guideIdOf } from './catalog-authoring.views.ts';
import { langText } from './catalog-authoring.words.ts';

// The editor: its page, saving (and submitting) a draft, and the live check its script asks for while the
// editor types. Writing needs the editing duty over the guide's unit; a guide out of reach is a 404.

// The editor's text areas span lines, and a JSON client's text of situations, steps, places and questions is
// far longer than an ordinary field; the schema holds each field to its own limit (catalog-authoring.fields.ts).
const editorInput = { multiline: true, maxLength: { nested: 200_000 } } as const;

export function registerEditorRoutes(app: App, services: ZoneServices): void {
  app.get(
    '/catalog/:id/edit',
    { schema: { hide: true, params: ItemParams }, config: { permission: 'catalog.edit' } },
    async (request, reply) => {
      const state = await editorState(services, staffOf(request), request.params.id);
      if (!state.editable) {
        setFlash(
          request,
          langText(
            request.lang,
            '当前版本正在审核中，审核结束前不能修改。',
            'The current version is in review; it cannot be changed until decided.',
          ),
        );
        return reply.redirect(`/catalog/${state.item.id}`, 303);
      }
      return reply.html(
        editorPage({
          ctx: workbenchContext(request, reply),
          state,
          input: state.input,
          evaluation: state.evaluation,
          flash: takeFlash(request),
        }),
      );
    },
  );

  app.post(
    '/catalog/:id/edit',
    {
      schema: { hide: true, params: ItemParams, body: EditorBody },
      config: {
        permission: 'catalog.edit',
        input: editorInput,
        formPage: (request, reply, form) =>
          editorAgainView(services, request, reply, guideIdOf(request), { errors: form.errors }),
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const body = request.body;
      const lang = request.lang;
      if (body.groupOp) {
        // A list button: the lists change as asked and the form comes back, nothing saved yet.
        const groups = applyGroupOp(groupsFromBody(body), body.groupOp);
        return reply.html(await editorAgainView(services, request, reply, id, { groups }));
      }
      try {
        const saved = await saveDraft(services, staffOf(request), actorOf(request), id, {
          baseVersion: Number.parseInt(String(body.baseVersion ?? ''), 10),
          input: inputFromBody(body),
          submit: body.action === 'submit',
        });
        if (wantsJson(request))
          return await reply.send({
            version: saved.version,
            submitted: saved.submitted,
            ...presentEvaluation(saved.evaluation, lang),
          });
        const problems = saved.evaluation.problems.length;
        setFlash(
          request,
          saved.submitted
            ? langText(
                lang,
                `第${saved.version}版已提交审核。`,
                `Version ${saved.version} was submitted for review.`,
              )
            : problems === 0
              ? langText(
                  lang,
                  `第${saved.version}版草稿已保存，发布规则全部通过。`,
                  `The draft of version ${saved.version} was saved; every rule passes.`,
                )
              : langText(
                  lang,
                  `第${saved.version}版草稿已保存，尚有 ${problems} 个问题。`,
                  `The draft of version ${saved.version} was saved with ${problems} problem(s) left.`,
                ),
        );
        return await reply.redirect(saved.submitted ? `/catalog/${id}` : `/catalog/${id}/edit`, 303);
      } catch (error) {
        const conflict = error instanceof CatalogConflictError;
        const refused = error instanceof CatalogCheckError;
        if (!conflict && !refused) throw error;
        if (wantsJson(request)) {
          if (conflict) throw error;
          return reply.code(422).send({
            error: {
              code: 'VALIDATION',
              message: langText(lang, '未能提交审核', 'Not submitted for review'),
              requestId: request.id,
            },
            ...presentEvaluation(error.evaluation, lang),
          });
        }
        // What was typed comes back on the page in every case, so nothing is lost.
        return reply.html(
          await editorAgainView(
            services,
            request,
            reply,
            id,
            refused ? { refused: error.evaluation } : { conflict: error.currentVersion },
          ),
          conflict ? 409 : 422,
        );
      }
    },
  );

  /** The live check for the editor's script: the same evaluation a save would give, saving nothing. */
  app.post(
    '/catalog/:id/check',
    {
      schema: { params: ItemParams, body: EditorBody, response: { 200: EvaluationResult } },
      config: { permission: 'catalog.edit', input: editorInput },
    },
    async (request, reply) => {
      const evaluation = await checkInput(
        services,
        staffOf(request),
        request.params.id,
        inputFromBody(request.body),
      );
      return reply.send(presentEvaluation(evaluation, request.lang));
    },
  );
}
