import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../shared/http/app.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { renderFormError } from '../../shared/http/forms.ts';
import { mustAllow, type FormPage } from '../../shared/http/route-kernel.ts';
import { inLang } from '../../shared/ui/context.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { workbenchPolicy } from '../policy.ts';
import { staffOf } from '../session.ts';
import { reachOf } from '../staff/staff.policy.ts';
import { unitsInReach } from '../staff/staff.repository.ts';
import { registerBeatRoutes } from './org.beat.ts';
import * as forms from './org.forms.tsx';
import { orgWords } from './org.messages.ts';
import * as pages from './org.pages.tsx';
import { presentUnit, UnitDetailJson, UnitListJson } from './org.presenter.ts';
import { ancestorsOf, buildTree, childrenOf, findUnit, listUnits, loadOf } from './org.repository.ts';
import {
  CloseUnitForm,
  EditUnitForm,
  MoveUnitForm,
  NewUnitForm,
  NewUnitQuery,
  UnitParams,
} from './org.schema.ts';
import * as service from './org.service.ts';

const CODE = /^[A-Z0-9-]{2,40}$/;
const read = { permission: 'org.read' };
const manage = { permission: 'org.manage' };

type Values = Record<string, string>;

function kept(values: Readonly<Record<string, string | undefined>>): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined && k !== '_csrf') out[k] = v;
  return out;
}

function codeParam(request: FastifyRequest): string {
  const params = request.params;
  return params && typeof params === 'object' && 'code' in params && typeof params.code === 'string'
    ? params.code
    : '';
}

export function registerOrgRoutes(app: App, services: ZoneServices): void {
  app.get('/org', { schema: { response: { 200: UnitListJson } }, config: read }, async (request, reply) => {
    const all = await listUnits(services.db);
    if (wantsJson(request)) return reply.send({ total: all.length, units: all.map(presentUnit) });
    return reply.html(
      pages.orgTreePage({
        ctx: workbenchContext(request, reply),
        roots: buildTree(all),
        total: all.length,
        canManage: workbenchPolicy.can(staffOf(request), 'org.manage'),
        flash: takeFlash(request),
      }),
    );
  });

  const parents = (request: FastifyRequest) =>
    unitsInReach(services.db, reachOf(staffOf(request), 'org.manage'));

  const newPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors?: FieldError[],
  ) =>
    forms.newUnitPage({
      ctx: workbenchContext(request, reply),
      parents: await parents(request),
      values,
      errors,
    });
  const newForm: FormPage = (request, reply, { values, errors }) =>
    newPage(request, reply, kept(values), errors);

  // Registered before /org/:code, which it would otherwise look like.
  app.get(
    '/org/new',
    { schema: { hide: true, querystring: NewUnitQuery }, config: manage },
    async (request, reply) =>
      reply.html(await newPage(request, reply, { parentCode: request.query.parent ?? '', isPublic: 'yes' })),
  );

  app.post(
    '/org/new',
    { schema: { hide: true, body: NewUnitForm }, config: { ...manage, formPage: newForm } },
    async (request, reply) => {
      try {
        const unit = await service.createUnit(services, staffOf(request), actorOf(request), request.body);
        setFlash(request, inLang(request, '单位已新增。', 'The unit was added.'));
        return await reply.redirect(`/org/${unit.code}`, 303);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => newPage(request, reply, kept(request.body), errors),
          orgWords,
        );
      }
    },
  );

  app.get(
    '/org/:code',
    { schema: { params: UnitParams, response: { 200: UnitDetailJson } }, config: read },
    async (request, reply) => {
      const { code } = request.params;
      const unit = CODE.test(code) ? await findUnit(services.db, code) : undefined;
      if (!unit) throw new AppError('NOT_FOUND');
      mustAllow(workbenchPolicy, request.staff, 'org.read', unit);
      const [ancestors, children] = await Promise.all([
        ancestorsOf(services.db, unit),
        childrenOf(services.db, unit.code),
      ]);
      const view = {
        unit: presentUnit(unit),
        ancestors: ancestors.map(presentUnit),
        children: children.map(presentUnit),
      };
      if (wantsJson(request)) return reply.send(view);
      const canManage = workbenchPolicy.can(staffOf(request), 'org.manage', { unitPath: unit.path });
      return reply.html(
        pages.unitPage({
          ctx: workbenchContext(request, reply),
          ...view,
          canManage,
          flash: takeFlash(request),
        }),
      );
    },
  );

  /** A change posted from one of the unit's forms: done and back to the unit, or the form again. */
  const changed = async (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    act: () => Promise<string>,
    again: (errors: FieldError[]) => Promise<string>,
  ) => {
    try {
      const flash = await act();
      setFlash(request, flash);
      return await reply.redirect(`/org/${code}`, 303);
    } catch (error) {
      return renderFormError(request, reply, error, again, orgWords);
    }
  };

  const editPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Values,
    errors?: FieldError[],
  ) => {
    const unit = await service.manageableUnit(services.db, staffOf(request), codeParam(request));
    return forms.editUnitPage({ ctx: workbenchContext(request, reply), unit, values, errors });
  };
  const editForm: FormPage = (request, reply, { values, errors }) =>
    editPage(request, reply, kept(values), errors);

  app.get(
    '/org/:code/edit',
    { schema: { hide: true, params: UnitParams }, config: manage },
    async (request, reply) => reply.html(await editPage(request, reply)),
  );

  app.post(
    '/org/:code/edit',
    {
      schema: { hide: true, params: UnitParams, body: EditUnitForm },
      config: { ...manage, formPage: editForm },
    },
    async (request, reply) => {
      const { code } = request.params;
      return changed(
        request,
        reply,
        code,
        async () => {
          await service.editUnit(services, staffOf(request), actorOf(request), code, request.body);
          return inLang(request, '单位信息已保存。', 'The unit was saved.');
        },
        (errors) => editPage(request, reply, kept(request.body), errors),
      );
    },
  );

  const movePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Values,
    errors?: FieldError[],
  ) => {
    const unit = await service.manageableUnit(services.db, staffOf(request), codeParam(request));
    const ctx = workbenchContext(request, reply);
    return forms.moveUnitPage({ ctx, unit, parents: await parents(request), values, errors });
  };
  const moveForm: FormPage = (request, reply, { values, errors }) =>
    movePage(request, reply, kept(values), errors);

  app.get(
    '/org/:code/move',
    { schema: { hide: true, params: UnitParams }, config: manage },
    async (request, reply) => reply.html(await movePage(request, reply)),
  );

  app.post(
    '/org/:code/move',
    {
      schema: { hide: true, params: UnitParams, body: MoveUnitForm },
      config: { ...manage, formPage: moveForm },
    },
    async (request, reply) => {
      const { code } = request.params;
      return changed(
        request,
        reply,
        code,
        async () => {
          await service.moveUnit(services, staffOf(request), actorOf(request), code, request.body.parentCode);
          return inLang(request, '单位已移动。', 'The unit was moved.');
        },
        (errors) => movePage(request, reply, kept(request.body), errors),
      );
    },
  );

  const closePage = async (request: FastifyRequest, reply: FastifyReply, errors?: FieldError[]) => {
    const unit = await service.manageableUnit(services.db, staffOf(request), codeParam(request));
    const load = await loadOf(services.db, unit);
    return forms.closeUnitPage({ ctx: workbenchContext(request, reply), unit, load, errors });
  };
  const closeForm: FormPage = (request, reply, { errors }) => closePage(request, reply, errors);

  app.get(
    '/org/:code/close',
    { schema: { hide: true, params: UnitParams }, config: manage },
    async (request, reply) => reply.html(await closePage(request, reply)),
  );

  app.post(
    '/org/:code/close',
    {
      schema: { hide: true, params: UnitParams, body: CloseUnitForm },
      config: { ...manage, formPage: closeForm },
    },
    async (request, reply) => {
      const { code } = request.params;
      return changed(
        request,
        reply,
        code,
        async () => {
          await service.closeUnit(services, staffOf(request), actorOf(request), code);
          return inLang(request, '单位已撤销。', 'The unit was closed.');
        },
        (errors) => closePage(request, reply, errors),
      );
    },
  );

  registerBeatRoutes(app, services);
}
