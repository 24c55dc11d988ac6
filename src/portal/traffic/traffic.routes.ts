import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { fileHeaders } from '../../shared/files/file-response.ts';
import type { App } from '../../shared/http/app.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import { citizenOf } from '../session.ts';
import { trafficMessage } from './traffic.messages.ts';
import * as pages from './traffic.pages.tsx';
import { presentTraffic } from './traffic.presenter.ts';
import * as repo from './traffic.repository.ts';
import * as service from './traffic.service.ts';

const ViolationParams = Type.Object(
  { violationId: Type.String({ format: 'uuid', maxLength: 36 }) },
  { additionalProperties: false },
);
const AcceptBody = Type.Object(
  {
    _csrf: Type.Optional(Type.String({ maxLength: 128 })),
    confirm: Type.Optional(Type.String({ maxLength: 8 })),
  },
  { additionalProperties: false },
);
const CsrfBody = Type.Object(
  { _csrf: Type.Optional(Type.String({ maxLength: 128 })) },
  { additionalProperties: false },
);

const idOf = (request: FastifyRequest) => (request.params as { violationId: string }).violationId;

/** 我的交通违法: the owner's lookup, one violation with its picture, accepting the decision. */
export function registerTrafficRoutes(app: App, services: ZoneServices): void {
  app.get(
    '/my/traffic',
    { schema: { hide: true }, config: { permission: 'traffic.view' } },
    async (request, reply) => {
      const me = citizenOf(request);
      const verified = (await service.verifiedIdNumber(services, me.id)) !== undefined;
      const lookup = await repo.lookupOf(services.db, me.id);
      const state = service.lookupState(lookup, verified);
      const violations = verified ? await repo.violationsOf(services.db, me.id) : [];
      if (request.headers.accept?.includes('application/json'))
        return reply.send(presentTraffic(state, lookup, violations));
      const ctx = portalContext(request, reply);
      return reply.html(pages.listPage({ ctx, state, lookup, violations, flash: takeFlash(request) }));
    },
  );

  app.post(
    '/my/traffic/lookup',
    { schema: { hide: true, body: CsrfBody }, config: { permission: 'traffic.view' } },
    async (request, reply) => {
      await service.requestLookup(services, citizenOf(request));
      setFlash(request, trafficMessage(request.lang, 'asked') ?? '');
      return reply.redirect('/my/traffic', 303);
    },
  );

  async function violationView(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values?: Record<string, string>; errors?: { field: string; message: string }[] } = {},
  ) {
    const violation = await service.loadViolation(
      services,
      citizenOf(request),
      'traffic.view',
      idOf(request),
    );
    return pages.violationPage({
      ctx: portalContext(request, reply),
      violation,
      fine: await service.fineOf(services, violation.id),
      flash: takeFlash(request),
      ...form,
    });
  }
  const acceptForm: FormPage = (request, reply, form) => violationView(request, reply, form);

  app.get(
    '/my/traffic/violations/:violationId',
    { schema: { hide: true, params: ViolationParams }, config: { permission: 'traffic.view' } },
    async (request, reply) => reply.html(await violationView(request, reply)),
  );

  app.get(
    '/my/traffic/violations/:violationId/photo',
    { schema: { hide: true, params: ViolationParams }, config: { permission: 'traffic.view' } },
    async (request, reply) => {
      const violation = await service.loadViolation(
        services,
        citizenOf(request),
        'traffic.view',
        idOf(request),
      );
      const name = `${violation.id}.png`;
      return fileHeaders(reply, { type: 'image/png', name, asciiName: name })
        .header('cache-control', 'private, no-store')
        .send(violation.photo);
    },
  );

  app.post(
    '/my/traffic/violations/:violationId/accept',
    {
      schema: { hide: true, params: ViolationParams, body: AcceptBody },
      config: { permission: 'traffic.accept', formPage: acceptForm },
    },
    async (request, reply) => {
      const id = request.params.violationId;
      try {
        await service.acceptDecision(services, citizenOf(request), id, request.body.confirm === 'yes');
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          async (errors) => acceptForm(request, reply, { values: formBody(request), errors }),
          trafficMessage,
        );
      }
      setFlash(request, trafficMessage(request.lang, 'acceptSent') ?? '');
      return reply.redirect(pages.violationHref(id), 303);
    },
  );
}
