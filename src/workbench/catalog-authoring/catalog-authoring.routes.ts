import type { App } from '../../shared/http/app.ts';
import { AppError } from '../../shared/http/errors.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { workbenchPolicy } from '../policy.ts';
import { staffOf } from '../session.ts';
import { reachOf } from '../staff/staff.policy.ts';
import { registerDecisionRoutes } from './catalog-authoring.decisions.routes.ts';
import { diffItems } from './catalog-authoring.diff.ts';
import { registerDocumentRoutes } from './catalog-authoring.documents.routes.ts';
import { registerEditorRoutes } from './catalog-authoring.editor.routes.ts';
import { versionPage } from './catalog-authoring.item.tsx';
import { catalogMessages, inReadersLanguage } from './catalog-authoring.messages.ts';
import * as pages from './catalog-authoring.pages.tsx';
import { viewReach } from './catalog-authoring.policy.ts';
import {
  ItemList,
  presentItem,
  presentListRow,
  presentQueueRow,
  presentVersion,
  presentVersionSummary,
  ReviewQueue,
} from './catalog-authoring.presenter.ts';
import {
  countInReview,
  findVersion,
  listItems,
  previousVersion,
  reviewQueue,
  versionsOf,
} from './catalog-authoring.repository.ts';
import { ItemParams, ListQuery, NewItemBody, VersionParams } from './catalog-authoring.schema.ts';
import { createItem, visibleItem } from './catalog-authoring.service.ts';
import { versionStates, type VersionState } from './catalog-authoring.tables.ts';
import { itemView, newItemView } from './catalog-authoring.views.ts';
import { langText } from './catalog-authoring.words.ts';

// The catalogue's pages that are not the editor, the decisions or the document library: the list, the review
// queue, a new item, one item and one version. Each route names the permission it needs (catalog-authoring.
// policy.ts); a guide outside the officer's reach answers the same 404 as one that does not exist.

const PAGE_SIZE = 50;

function versionNumber(raw: string): number {
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1) throw new AppError('NOT_FOUND');
  return n;
}

export function registerCatalogAuthoringRoutes(app: App, services: ZoneServices): void {
  registerDocumentRoutes(app, services);
  registerEditorRoutes(app, services);
  registerDecisionRoutes(app, services);

  app.get(
    '/catalog',
    {
      schema: { hide: true, querystring: ListQuery, response: { 200: ItemList } },
      config: { permission: 'catalog.view' },
    },
    async (request, reply) => {
      const me = staffOf(request);
      const query = request.query;
      const q = query.q?.slice(0, 50) ?? '';
      const area = pages.isArea(query.area) ? query.area : undefined;
      const status = (versionStates as readonly unknown[]).includes(query.status)
        ? (query.status as VersionState)
        : undefined;
      const page = Math.max(1, Math.min(10_000, Number.parseInt(query.page ?? '1', 10) || 1));
      const { rows, total } = await listItems(services.db, viewReach(me), {
        area,
        q,
        status,
        page,
        pageSize: PAGE_SIZE,
      });
      const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
      if (wantsJson(request)) return reply.send({ items: rows.map(presentListRow), total, page, pageCount });
      const approver = workbenchPolicy.can(me, 'catalog.publish');
      return reply.html(
        pages.catalogListPage({
          ctx: workbenchContext(request, reply),
          rows,
          total,
          page,
          pageCount,
          query: { area: area ?? '', q, status: status ?? '' },
          canCreate: workbenchPolicy.can(me, 'catalog.edit'),
          reviewCount: approver
            ? await countInReview(services.db, [reachOf(me, 'catalog.publish')])
            : undefined,
          flash: takeFlash(request),
        }),
      );
    },
  );

  app.get(
    '/catalog/review',
    {
      schema: { hide: true, response: { 200: ReviewQueue } },
      config: { permission: 'catalog.publish' },
    },
    async (request, reply) => {
      const rows = await reviewQueue(services.db, [reachOf(staffOf(request), 'catalog.publish')]);
      if (wantsJson(request)) return reply.send({ items: rows.map(presentQueueRow) });
      return reply.html(pages.reviewQueuePage({ ctx: workbenchContext(request, reply), rows }));
    },
  );

  // ------------------------------------------------------------------------------------------------- new
  app.get(
    '/catalog/new',
    { schema: { hide: true }, config: { permission: 'catalog.edit' } },
    async (request, reply) => reply.html(await newItemView(services, request, reply)),
  );

  app.post(
    '/catalog/new',
    {
      schema: { hide: true, body: NewItemBody },
      config: {
        permission: 'catalog.edit',
        formPage: (request, reply, form) => newItemView(services, request, reply, form),
      },
    },
    async (request, reply) => {
      try {
        const id = await createItem(services, staffOf(request), actorOf(request), request.body);
        setFlash(
          request,
          langText(request.lang, '草稿已创建，请补全内容。', 'The draft was created; fill in the rest.'),
        );
        return await reply.redirect(`/catalog/${id}/edit`, 303);
      } catch (error) {
        if (wantsJson(request)) throw inReadersLanguage(request, error);
        return renderFormError(
          request,
          reply,
          error,
          (errors) => newItemView(services, request, reply, { values: formBody(request), errors }),
          catalogMessages,
        );
      }
    },
  );

  // ------------------------------------------------------------------------------------ an item, a version
  app.get(
    '/catalog/:id',
    { schema: { hide: true, params: ItemParams }, config: { permission: 'catalog.view' } },
    async (request, reply) => {
      if (!wantsJson(request)) return reply.html(await itemView(services, request, reply, request.params.id));
      const item = await visibleItem(services, staffOf(request), request.params.id);
      const versions = await versionsOf(services.db, item.id);
      return reply.send({ item: presentItem(item), versions: versions.map(presentVersionSummary) });
    },
  );

  app.get(
    '/catalog/:id/versions/:version',
    { schema: { hide: true, params: VersionParams }, config: { permission: 'catalog.view' } },
    async (request, reply) => {
      const item = await visibleItem(services, staffOf(request), request.params.id);
      const number = versionNumber(request.params.version);
      const version = await findVersion(services.db, item.id, number);
      if (!version) throw new AppError('NOT_FOUND');
      const previous = await previousVersion(services.db, item.id, number);
      const diff = diffItems(previous?.content ?? {}, version.content);
      if (wantsJson(request)) return reply.send(presentVersion(version, previous?.version ?? null, diff));
      const { content: _content, input: _input, ...summary } = version;
      return reply.html(
        versionPage({
          ctx: workbenchContext(request, reply),
          item,
          version: summary,
          previous: previous?.version,
          diff,
        }),
      );
    },
  );
}
