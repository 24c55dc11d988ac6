import multipart from '@fastify/multipart';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../shared/http/app.ts';
import { AppError } from '../../shared/http/errors.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { open311Services } from './open311.catalogue.ts';
import { Open311Error } from './open311.errors.ts';
import { formatOf, send, sendErrors, type Format } from './open311.format.ts';
import { discoveryWords, errorWords, serviceNotice, type Open311ErrorKey } from './open311.messages.ts';
import { OPEN311_FORM_BYTES, OPEN311_MULTIPART_LIMITS, readPost } from './open311.media.ts';
import { presentDefinition, presentRequest, presentService, presentUpdate } from './open311.presenter.ts';
import {
  FormatParams,
  JurisdictionQuery,
  PostQuery,
  RequestParams,
  RequestsQuery,
  ServiceParams,
  TokenParams,
  UpdatesQuery,
} from './open311.schema.ts';
import * as service from './open311.service.ts';
import { checkApiKey, checkJurisdiction, keyIn, postRequest, type Form } from './open311.submit.ts';
import type { Open311ApiKeyRow } from './open311.tables.ts';

// Open311 GeoReport v2 for tips (/open311/v2/): existing civic-reporting clients submit hazard and safety tips
// unchanged. These are machine routes: no session, no CSRF token; a POST carries the api_key the workbench
// issued, checked before the body is read, and is rate-limited per address. Every answer, refusals included, is in the
// format the URL's suffix names and in the spec's shape.

const BASE = '/open311/v2';
// Clients retry; a person with an app does not send more than a few tips a minute.
const postLimit = { max: 20, timeWindow: '1 minute' };

/** Every refusal on these routes, the kernel's and the schema's included, in the spec's error format. */
function answerError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const format = formatOf(request.url);
  const lang = request.lang;
  const say = (status: number, key: Open311ErrorKey, code?: string) =>
    sendErrors(reply, format, status, [errorWords(lang, key, code)]);
  if (error instanceof Open311Error)
    return sendErrors(
      reply,
      format,
      error.status,
      error.problems.map((p) => errorWords(lang, p.key, p.code)),
    );
  const status = error instanceof AppError ? error.status : ((error as FastifyError).statusCode ?? 500);
  if (error instanceof AppError && error.fields.length > 0)
    return sendErrors(
      reply,
      format,
      400,
      error.fields.map((f) => errorWords(lang, 'parameter.invalid', f.field)),
    );
  if (status === 404) return say(404, 'not_found');
  if (status === 429) return say(429, 'rate_limited');
  if (status === 413) return say(413, 'too_large');
  if (status === 415) return say(415, 'unsupported');
  if (status >= 400 && status < 500) return say(400, 'request.invalid');
  request.log.error({ err: error }, 'open311 request failed');
  return say(500, 'internal');
}

/** json or xml, from the path's suffix; any other suffix names no resource. */
function formatParam(request: FastifyRequest): Format {
  const { format } = request.params as { format: string };
  if (format !== 'json' && format !== 'xml') throw new AppError('NOT_FOUND');
  return format;
}

export function registerOpen311Routes(app: App, services: ZoneServices, portalBaseUrl: string): void {
  const open = { permission: PUBLIC, csrf: false };
  const errorHandler = answerError;

  app.get(
    `${BASE}/discovery.:format`,
    { schema: { hide: true, params: FormatParams }, config: open, errorHandler },
    async (request, reply) => {
      const format = formatParam(request);
      const lang = request.lang;
      return send(reply, format, 'discovery', {
        changeset: '2026-12-06T00:00:00+08:00',
        contact: discoveryWords.contact[lang],
        key_service: discoveryWords.keyService[lang],
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            // The configured public address, never the request's Host, which the client chooses.
            url: `${portalBaseUrl}${BASE}`,
            changeset: '2026-12-06T00:00:00+08:00',
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      });
    },
  );

  app.get(
    `${BASE}/services.:format`,
    {
      schema: { hide: true, params: FormatParams, querystring: JurisdictionQuery },
      config: open,
      errorHandler,
    },
    async (request, reply) => {
      const format = formatParam(request);
      checkJurisdiction(request.query.jurisdiction_id);
      return send(
        reply,
        format,
        'services',
        open311Services.map((s) => presentService(s, request.lang)),
      );
    },
  );

  app.get(
    `${BASE}/services/:code.:format`,
    {
      schema: { hide: true, params: ServiceParams, querystring: JurisdictionQuery },
      config: open,
      errorHandler,
    },
    async (request, reply) => {
      const format = formatParam(request);
      checkJurisdiction(request.query.jurisdiction_id);
      const found = service.serviceOr404(request.params.code);
      return send(reply, format, 'service_definition', presentDefinition(found, request.lang));
    },
  );

  // URL-encoded as the spec says, or multipart with photos (open311.media.ts): the body is read and held to
  // the input guard and PostBody by the handler, since neither can read a multipart body before it. A key in
  // the query string is checked before a byte of the body is read; a form without files is held small (the
  // multipart reader streams and keeps its own limits, so the body limit does not bind it).
  const checkedKeys = new WeakMap<FastifyRequest, Open311ApiKeyRow>();
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: OPEN311_MULTIPART_LIMITS });
    scope.post(
      `${BASE}/requests.:format`,
      {
        schema: { hide: true, params: FormatParams, querystring: PostQuery },
        bodyLimit: OPEN311_FORM_BYTES,
        config: {
          ...open,
          rateLimit: postLimit,
          input: { multiline: ['description'], maxLength: { description: 4400, service_request_id: 2400 } },
        },
        onRequest: async (request, reply) => {
          const inQuery = keyIn(request.query as Form);
          if (!inQuery) return;
          try {
            checkedKeys.set(request, await checkApiKey(services, inQuery));
          } catch (error) {
            // Refused with the body unread: the connection is not kept for the rest of it.
            void reply.header('connection', 'close');
            throw error;
          }
        },
        errorHandler,
      },
      async (request, reply) => {
        const format = formatParam(request);
        let read: Awaited<ReturnType<typeof readPost>>;
        try {
          read = await readPost(request, services, checkedKeys.get(request));
        } catch (error) {
          // A multipart body refused part-way is not read to its end.
          if (request.isMultipart()) void reply.header('connection', 'close');
          throw error;
        }
        const { form, photos, key } = read;
        const posted = await postRequest(services, key, form, request.query as Form, photos);
        const id = posted.token ? { token: posted.token } : { service_request_id: posted.letterNumber };
        return send(reply, format, 'service_requests', [
          { ...id, service_notice: serviceNotice[request.lang] },
        ]);
      },
    );
  });

  app.get(
    `${BASE}/requests.:format`,
    {
      schema: { hide: true, params: FormatParams, querystring: RequestsQuery },
      config: { ...open, input: { maxLength: { service_request_id: 2400 } } },
      errorHandler,
    },
    async (request, reply) => {
      const format = formatParam(request);
      checkJurisdiction(request.query.jurisdiction_id);
      const rows = await service.findRequests(services, request.query as Form);
      return send(
        reply,
        format,
        'service_requests',
        rows.map((r) => presentRequest(r, request.lang)),
      );
    },
  );

  app.get(
    `${BASE}/requests/:id.:format`,
    {
      schema: { hide: true, params: RequestParams, querystring: JurisdictionQuery },
      config: open,
      errorHandler,
    },
    async (request, reply) => {
      const format = formatParam(request);
      checkJurisdiction(request.query.jurisdiction_id);
      const row = await service.findRequest(services, request.params.id);
      return send(reply, format, 'service_requests', [presentRequest(row, request.lang)]);
    },
  );

  app.get(
    `${BASE}/servicerequestupdates.:format`,
    {
      schema: { hide: true, params: FormatParams, querystring: UpdatesQuery },
      config: open,
      errorHandler,
    },
    async (request, reply) => {
      const format = formatParam(request);
      checkJurisdiction(request.query.jurisdiction_id);
      const rows = await service.findUpdates(services, request.query as Form);
      return send(
        reply,
        format,
        'service_request_updates',
        rows.map((r) => presentUpdate(r, request.lang)),
      );
    },
  );

  app.get(
    `${BASE}/tokens/:token.:format`,
    {
      schema: { hide: true, params: TokenParams, querystring: JurisdictionQuery },
      config: open,
      errorHandler,
    },
    async (request, reply) => {
      const format = formatParam(request);
      checkJurisdiction(request.query.jurisdiction_id);
      const found = await service.findToken(services, request.params.token);
      return send(reply, format, 'service_requests', [
        { service_request_id: found.letterNumber, token: found.token },
      ]);
    },
  );
}
