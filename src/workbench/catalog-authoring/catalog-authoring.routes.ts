import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { formBody } from '../../shared/http/forms.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { requireStaff, staffOf } from '../session.ts';
import { holdsAnywhere, reachOf } from '../staff/staff.policy.ts';
import { unitsInReach } from '../staff/staff.repository.ts';
import { diffItems } from './catalog-authoring.diff.ts';
import { pendingDocumentsOf } from './catalog-authoring.documents.ts';
import { registerDocumentRoutes } from './catalog-authoring.documents.routes.ts';
import { editorPage } from './catalog-authoring.editor.tsx';
import { evaluateInput, type Evaluation } from './catalog-authoring.check.ts';
import { inputFromBody } from './catalog-authoring.form.ts';
import * as itemPages from './catalog-authoring.item.tsx';
import * as pages from './catalog-authoring.pages.tsx';
import { isOwnWork, mayDecide, mayEdit, viewReach, worksOnCatalog } from './catalog-authoring.policy.ts';
import {
  countInReview,
  findVersion,
  listItems,
  previousVersion,
  reviewQueue,
  versionsOf,
} from './catalog-authoring.repository.ts';
import * as review from './catalog-authoring.review.ts';
import * as service from './catalog-authoring.service.ts';
import { versionStates, type VersionState } from './catalog-authoring.tables.ts';
import { labelText, langText } from './catalog-authoring.words.ts';

const PAGE_SIZE = 50;
const guarded = { schema: { hide: true }, preHandler: requireStaff };
// The editor's text areas span lines, and its JSON of situations, steps, places and questions is far longer
// than an ordinary field (a large item's is about 4,000 characters today).
const editor = {
  ...guarded,
  config: { input: { multiline: true, maxLength: { nested: 200_000 } } },
} as const;
const decisionForm = { ...guarded, config: { input: { multiline: ['comment'] } } } as const;

type Params = { id: string };

function takeFlash(request: FastifyRequest): string | undefined {
  const flash = request.session.flash;
  if (flash) request.session.flash = undefined;
  return flash;
}

const problemsJson = (evaluation: Evaluation, lang: Lang) => ({
  ready: evaluation.problems.length === 0 && evaluation.schemaValid && evaluation.rulesRan,
  schemaValid: evaluation.schemaValid,
  rulesRan: evaluation.rulesRan,
  problems: evaluation.problems.map((p) => ({
    field: p.field,
    kind: p.kind,
    ...(p.rule ? { rule: p.rule } : {}),
    ...(p.path ? { path: p.path } : {}),
    message: labelText(lang, p.message),
  })),
});

/** A refused action as a 422 the JSON API can read, with the words in the caller's language. */
function validationFor(
  lang: Lang,
  problems: { field: string; message: { zh: string; en: string } }[],
): AppError {
  return new AppError('VALIDATION', {
    fields: problems.map((p) => ({ field: p.field, message: p.message[lang] })),
  });
}

function versionParam(raw: unknown): number {
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1) throw new AppError('NOT_FOUND');
  return n;
}

export function registerCatalogAuthoringRoutes(app: FastifyInstance, services: ZoneServices): void {
  registerDocumentRoutes(app, services);
  /** Pages not about one guide: officers with no catalogue duty anywhere get 403. */
  const requireCatalogWork = (request: FastifyRequest) => {
    if (!worksOnCatalog(staffOf(request))) throw new AppError('FORBIDDEN');
  };

  // ------------------------------------------------------------------------------------------------ list
  app.get('/catalog', guarded, async (request, reply) => {
    requireCatalogWork(request);
    const me = staffOf(request);
    const query = request.query as Record<string, unknown>;
    const q = typeof query.q === 'string' ? query.q.slice(0, 50) : '';
    const area = pages.isArea(query.area) ? query.area : undefined;
    const status = (versionStates as readonly unknown[]).includes(query.status)
      ? (query.status as VersionState)
      : undefined;
    const page = Math.max(1, Math.min(10_000, Number.parseInt(String(query.page ?? '1'), 10) || 1));
    const { rows, total } = await listItems(services.db, viewReach(me), {
      area,
      q,
      status,
      page,
      pageSize: PAGE_SIZE,
    });
    const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (wantsJson(request)) return reply.send({ items: rows, total, page, pageCount });
    const approver = holdsAnywhere(me, 'catalog.publish');
    return reply.html(
      pages.catalogListPage({
        ctx: workbenchContext(request, reply),
        rows,
        total,
        page,
        pageCount,
        query: { area: area ?? '', q, status: status ?? '' },
        canCreate: holdsAnywhere(me, 'catalog.edit'),
        reviewCount: approver
          ? await countInReview(services.db, [reachOf(me, 'catalog.publish')])
          : undefined,
        flash: takeFlash(request),
      }),
    );
  });

  app.get('/catalog/review', guarded, async (request, reply) => {
    const me = staffOf(request);
    if (!holdsAnywhere(me, 'catalog.publish')) throw new AppError('FORBIDDEN');
    const rows = await reviewQueue(services.db, [reachOf(me, 'catalog.publish')]);
    if (wantsJson(request)) return reply.send({ items: rows });
    return reply.html(pages.reviewQueuePage({ ctx: workbenchContext(request, reply), rows }));
  });

  // ------------------------------------------------------------------------------------------------- new
  const newForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, string>,
    errors?: FieldError[],
  ) => {
    const units = await unitsInReach(services.db, reachOf(staffOf(request), 'catalog.edit'));
    return reply.html(
      pages.newItemPage({ ctx: workbenchContext(request, reply), units, values, errors }),
      errors ? 422 : 200,
    );
  };

  app.get('/catalog/new', guarded, async (request, reply) => {
    if (!holdsAnywhere(staffOf(request), 'catalog.edit')) throw new AppError('FORBIDDEN');
    return newForm(request, reply);
  });

  app.post('/catalog/new', guarded, async (request, reply) => {
    if (!holdsAnywhere(staffOf(request), 'catalog.edit')) throw new AppError('FORBIDDEN');
    const body = formBody(request);
    try {
      const id = await service.createItem(services, staffOf(request), actorOf(request), body);
      request.session.flash = langText(
        request.lang,
        '草稿已创建，请补全内容。',
        'The draft was created; fill in the rest.',
      );
      return reply.redirect(`/catalog/${id}/edit`, 303);
    } catch (error) {
      if (!(error instanceof service.CatalogFieldError)) throw error;
      if (wantsJson(request)) throw validationFor(request.lang, error.problems);
      return newForm(
        request,
        reply,
        body,
        error.problems.map((p) => ({ field: p.field, message: p.message[request.lang] })),
      );
    }
  });

  // ---------------------------------------------------------------------------------------------- an item
  const itemView = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { errors?: FieldError[]; values?: Record<string, string>; status?: number } = {},
  ) => {
    const me = staffOf(request);
    const item = await service.visibleItem(services, me, (request.params as Params).id);
    const versions = await versionsOf(services.db, item.id);
    const current = versions.find((v) => v.version === item.currentVersion);
    if (wantsJson(request) && !options.errors) return reply.send({ item, versions });
    const canDecide = mayDecide(me, item.unitPath);
    const inReview = canDecide && current?.state === 'in-review';
    const pendingDocuments = inReview
      ? await pendingDocumentsOf(
          services.db,
          (await findVersion(services.db, item.id, item.currentVersion))?.content,
        )
      : [];
    return reply.html(
      itemPages.itemPage({
        ctx: workbenchContext(request, reply),
        item,
        versions,
        canEdit: mayEdit(me, item.unitPath),
        canDecide,
        ownWork: current ? isOwnWork(me, current) : false,
        pendingDocuments,
        flash: takeFlash(request),
        ...(options.errors ? { errors: options.errors } : {}),
        ...(options.values ? { values: options.values } : {}),
      }),
      options.status ?? (options.errors ? 422 : 200),
    );
  };

  app.get('/catalog/:id', guarded, async (request, reply) => itemView(request, reply));

  app.get('/catalog/:id/versions/:version', guarded, async (request, reply) => {
    const me = staffOf(request);
    const params = request.params as Params & { version: string };
    const item = await service.visibleItem(services, me, params.id);
    const number = versionParam(params.version);
    const version = await findVersion(services.db, item.id, number);
    if (!version) throw new AppError('NOT_FOUND');
    const previous = await previousVersion(services.db, item.id, number);
    const diff = diffItems(previous?.content ?? {}, version.content);
    if (wantsJson(request)) {
      const { input: _input, ...rest } = version;
      return reply.send({ version: rest, previous: previous?.version ?? null, diff });
    }
    const { content: _content, input: _input, ...summary } = version;
    return reply.html(
      itemPages.versionPage({
        ctx: workbenchContext(request, reply),
        item,
        version: summary,
        previous: previous?.version,
        diff,
      }),
    );
  });

  // ------------------------------------------------------------------------------------------- the editor
  app.get('/catalog/:id/edit', guarded, async (request, reply) => {
    const state = await service.editorState(services, staffOf(request), (request.params as Params).id);
    if (!state.editable) {
      request.session.flash = langText(
        request.lang,
        '当前版本正在审核中，审核结束前不能修改。',
        'The current version is in review; it cannot be changed until decided.',
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
  });

  app.post('/catalog/:id/edit', editor, async (request, reply) => {
    const me = staffOf(request);
    const id = (request.params as Params).id;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input = inputFromBody(body);
    const submit = body.action === 'submit';
    const baseVersion = Number.parseInt(String(body.baseVersion ?? ''), 10);
    const lang = request.lang;
    try {
      const saved = await service.saveDraft(services, me, actorOf(request), id, {
        baseVersion,
        input,
        submit,
      });
      if (wantsJson(request))
        return reply.send({
          version: saved.version,
          submitted: saved.submitted,
          ...problemsJson(saved.evaluation, lang),
        });
      request.session.flash = saved.submitted
        ? langText(
            lang,
            `第${saved.version}版已提交审核。`,
            `Version ${saved.version} was submitted for review.`,
          )
        : saved.evaluation.problems.length === 0
          ? langText(
              lang,
              `第${saved.version}版草稿已保存，发布规则全部通过。`,
              `The draft of version ${saved.version} was saved; every rule passes.`,
            )
          : langText(
              lang,
              `第${saved.version}版草稿已保存，尚有 ${saved.evaluation.problems.length} 个问题。`,
              `The draft of version ${saved.version} was saved with ${saved.evaluation.problems.length} problem(s) left.`,
            );
      return reply.redirect(saved.submitted ? `/catalog/${id}` : `/catalog/${id}/edit`, 303);
    } catch (error) {
      const conflict = error instanceof service.CatalogConflictError;
      const refused = error instanceof service.CatalogCheckError;
      if (!conflict && !refused) throw error;
      if (wantsJson(request)) {
        if (conflict) throw error;
        return reply.code(422).send({
          error: {
            code: 'VALIDATION',
            message: langText(lang, '未能提交审核', 'Not submitted for review'),
            requestId: request.id,
          },
          ...problemsJson(error.evaluation, lang),
        });
      }
      // What was typed comes back on the page in every case, so nothing is lost.
      const state = await service.editorState(services, me, id);
      return reply.html(
        editorPage({
          ctx: workbenchContext(request, reply),
          state,
          input,
          evaluation: refused
            ? error.evaluation
            : evaluateInput(input, { id, version: state.targetVersion }, state.current.content),
          ...(refused ? { refused: true } : { conflict: error.currentVersion }),
        }),
        conflict ? 409 : 422,
      );
    }
  });

  /** The live check for the editor's script: the same evaluation a save would give, saving nothing. */
  app.post('/catalog/:id/check', editor, async (request, reply) => {
    const evaluation = await service.checkInput(
      services,
      staffOf(request),
      (request.params as Params).id,
      inputFromBody(request.body),
    );
    return reply.send(problemsJson(evaluation, request.lang));
  });

  // -------------------------------------------------------------------------------------------- decisions
  const decision = (
    path: string,
    act: (request: FastifyRequest, id: string, body: Record<string, string>) => Promise<string>,
  ) => {
    app.post(`/catalog/:id/${path}`, decisionForm, async (request, reply) => {
      const id = (request.params as Params).id;
      const body = formBody(request);
      try {
        const flash = await act(request, id, body);
        if (wantsJson(request)) return reply.send({ ok: true, message: flash });
        request.session.flash = flash;
        return reply.redirect(`/catalog/${id}`, 303);
      } catch (error) {
        const lang = request.lang;
        if (error instanceof service.CatalogFieldError) {
          if (wantsJson(request)) throw validationFor(lang, error.problems);
          return itemView(request, reply, {
            errors: error.problems.map((p) => ({ field: p.field, message: p.message[lang] })),
            values: body,
          });
        }
        if (error instanceof service.CatalogCheckError) {
          if (wantsJson(request)) throw validationFor(lang, error.evaluation.problems);
          const intro = {
            field: 'publish',
            message: langText(
              lang,
              '未发布：该版本不再符合以下发布规则，请退回修改。',
              'Not published: this version no longer passes the rules below; return it for changes.',
            ),
          };
          return itemView(request, reply, {
            errors: [intro, ...pages.problemErrors(lang, error.evaluation.problems)],
            values: body,
          });
        }
        if (error instanceof service.CatalogConflictError && !wantsJson(request)) {
          request.session.flash = langText(
            lang,
            '该事项的状态已变化，请查看后重试。',
            'The item has changed meanwhile; look again and retry.',
          );
          return reply.redirect(`/catalog/${id}`, 303);
        }
        throw error;
      }
    });
  };

  decision('publish', async (request, id, body) => {
    const version = Number.parseInt(body.version ?? '', 10);
    await review.publishVersion(services, staffOf(request), actorOf(request), id, version);
    return langText(
      request.lang,
      `第${version}版已发布，正通过边界平台送达门户。`,
      `Version ${version} was published and is on its way to the portal through the exchange.`,
    );
  });

  decision('return', async (request, id, body) => {
    const version = Number.parseInt(body.version ?? '', 10);
    await review.returnVersion(services, staffOf(request), actorOf(request), id, version, body.comment);
    return langText(
      request.lang,
      `第${version}版已退回修改。`,
      `Version ${version} was returned for changes.`,
    );
  });

  decision('withdraw', async (request, id, body) => {
    const version = await review.withdrawPublished(
      services,
      staffOf(request),
      actorOf(request),
      id,
      body.reason,
    );
    return langText(
      request.lang,
      `第${version}版已撤回，正通过边界平台从门户撤下。`,
      `Version ${version} was withdrawn and is being taken off the portal through the exchange.`,
    );
  });
}
