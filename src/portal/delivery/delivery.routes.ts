import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { SIGNATURE_HEADER } from '../../shared/crypto/payment-signature.ts';
import type { App } from '../../shared/http/app.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { setFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import { safeNext } from '../../shared/http/request-context.ts';
import { FormBody } from '../../shared/http/schemas.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import { IdParams } from '../applications/applications.schema.ts';
import { applicationFor, type ApplyServices } from '../applications/applications.service.ts';
import { portalContext } from '../page.ts';
import { citizenOf } from '../session.ts';
import { deliveryMessages, deliveryWord } from './delivery.messages.ts';
import { choicePage } from './delivery.pages.tsx';
import * as service from './delivery.service.ts';

const ChoiceBody = FormBody({
  method: Type.Optional(Type.String({ maxLength: 10 })),
  recipientName: Type.Optional(Type.String({ maxLength: 60 })),
  recipientPhone: Type.Optional(Type.String({ maxLength: 30 })),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  next: Type.Optional(Type.String({ maxLength: 200 })),
});

// The courier's callback as it comes; what it says is believed only once the signature checks out.
const CallbackBody = Type.Object(
  {
    clientId: Type.String({ maxLength: 32 }),
    orderNo: Type.String({ maxLength: 64 }),
    waybillNo: Type.String({ maxLength: 20 }),
    eventId: Type.String({ maxLength: 64 }),
    status: Type.String({ maxLength: 20 }),
    occurredAt: Type.String({ maxLength: 40 }),
    note: Type.String({ maxLength: 200 }),
    notifyId: Type.Optional(Type.String({ maxLength: 64 })),
    sentAt: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

/**
 * The applicant's delivery step (offered when the item sends its result by post and a courier is set up), and
 * the courier's tracking callbacks, server to server.
 */
export function registerDeliveryRoutes(app: App, services: ApplyServices) {
  const { courier } = services;
  /** The application, if its owner may change it and the item offers delivery; the same 404 otherwise. */
  const load = async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const loaded = await applicationFor(services, citizenOf(request), request.params.id, 'applications.edit');
    if (!(await service.deliveryOffered(services, courier, loaded.row.itemId)))
      throw new AppError('NOT_FOUND');
    return loaded;
  };
  const backOf = (row: { id: string; caseNumber: string | null }, next?: string) =>
    safeNext(next, row.caseNumber ? `/my/cases/${row.caseNumber}` : `/applications/${row.id}/check`);

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { errors: FieldError[]; values?: Record<string, string> },
  ) => {
    const { row } = await load(request as FastifyRequest<{ Params: { id: string } }>);
    const values: Record<string, string> =
      form.values ?? (await service.choiceForm(services, row.id, row.citizenId));
    return choicePage({
      ctx: portalContext(request, reply),
      id: row.id,
      back: backOf(row, values.next),
      values,
      errors: form.errors,
      locked: await service.choiceLocked(services, row.caseNumber),
    });
  };

  app.get(
    '/applications/:id/delivery',
    { schema: { hide: true, params: IdParams }, config: { permission: 'applications.edit' } },
    async (request, reply) => reply.html(await render(request, reply, { errors: [] })),
  );

  app.post(
    '/applications/:id/delivery',
    {
      schema: { hide: true, params: IdParams, body: ChoiceBody },
      config: {
        permission: 'applications.edit',
        formPage: render,
      },
    },
    async (request, reply) => {
      const { row } = await load(request);
      if (await service.choiceLocked(services, row.caseNumber)) throw new AppError('CONFLICT');
      try {
        await service.saveChoice(services, row.id, request.body);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => render(request, reply, { errors, values: formBody(request) }),
          deliveryMessages,
        );
      }
      setFlash(request, deliveryWord(request.lang, 'saved'));
      return reply.redirect(backOf(row, request.body.next), 303);
    },
  );

  // Server to server: no session and no CSRF token, the courier's signature instead. A 2xx acknowledges; a
  // forgery gets 400 and a warning, and changes nothing.
  app.post(
    '/delivery/notify',
    { schema: { hide: true, body: CallbackBody }, config: { permission: PUBLIC, csrf: false } },
    async (request, reply) => {
      const outcome = await service.handleCallback(
        services,
        courier,
        request.body,
        request.headers[SIGNATURE_HEADER],
      );
      return reply.code(200).send({ ack: true, outcome });
    },
  );
}
