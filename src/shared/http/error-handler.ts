import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createRequire } from 'node:module';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import { formPageFor } from './route-kernel.ts';
import { AppError, errorMessage, statusOf, type ErrorCode, type FieldError } from './errors.ts';
import type { Lang } from './request-context.ts';
import { withSubject } from '../ui/field-labels.tsx';
import { schemaFieldErrors } from './validation-words.ts';

export interface ErrorView {
  status: number;
  code: ErrorCode;
  message: string;
  requestId: string;
}

type HeaderMiddleware = (req: unknown, res: unknown, next: (error?: unknown) => void) => void;
// The very helmet the plugin applies on every normal request, so an error answered in place of the hooks carries
// exactly the same headers. It is the plugin's own dependency, resolved from the plugin.
const helmet = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'))('helmet') as (
  options: FastifyHelmetOptions,
) => HeaderMiddleware;

/** Each zone renders its own error page (layout, navigation), from the same view. */
export type ErrorPageRenderer = (request: FastifyRequest, view: ErrorView) => string;

export function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || (request.headers.accept ?? '').startsWith('application/json');
}

/** For an address that answers JSON or HTML by `Accept`: caches along the way must keep the two apart. */
export function varyOnAccept(reply: FastifyReply): void {
  const before = reply.getHeader('vary');
  const named = typeof before === 'string' ? before.split(',').map((v) => v.trim()) : [];
  if (named.some((v) => v.toLowerCase() === 'accept' || v === '*')) return;
  void reply.header('vary', [...named.filter(Boolean), 'Accept'].join(', '));
}

// Fastify's own refusals, by code: what each means to the person who sent the request.
const frameworkCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  // No record has an id that long: there is nothing at that address.
  FST_ERR_MAX_PARAM_LENGTH: 'NOT_FOUND',
};

function classify(error: FastifyError | AppError, lang: Lang): { code: ErrorCode; fields: FieldError[] } {
  if (error instanceof AppError) return { code: error.code, fields: error.fields };
  if (error.validation) {
    // A path parameter the schema refuses (an overlong id, a malformed uuid) names no record: not found, as
    // for a missing one, so no id can be probed.
    if (error.validationContext === 'params') return { code: 'NOT_FOUND', fields: [] };
    // A schema's refusal in the reader's words, field by field, as a re-rendered form would show it.
    return { code: 'VALIDATION', fields: schemaFieldErrors(error.validation, lang) };
  }
  if (error.code?.startsWith('FST_CSRF')) return { code: 'CSRF', fields: [] };
  const known = error.code ? frameworkCodes[error.code] : undefined;
  if (known) return { code: known, fields: [] };
  switch (error.statusCode) {
    case 401:
      return { code: 'UNAUTHENTICATED', fields: [] };
    case 403:
      return { code: 'FORBIDDEN', fields: [] };
    case 404:
      return { code: 'NOT_FOUND', fields: [] };
    case 413:
      return { code: 'TOO_LARGE', fields: [] };
    case 415:
      return { code: 'UNSUPPORTED_MEDIA_TYPE', fields: [] };
    case 429:
      return { code: 'RATE_LIMITED', fields: [] };
    default:
      return error.statusCode && error.statusCode >= 400 && error.statusCode < 500
        ? { code: 'BAD_REQUEST', fields: [] }
        : { code: 'INTERNAL', fields: [] };
  }
}

/**
 * A page has room for one sentence: the fields' own words when they name their field, and the refusal's
 * general words before those that do not (there is no form here to show them beside).
 */
function pageSentence(message: string, fields: FieldError[], lang: Lang): string {
  const separator = lang === 'en' ? '; ' : '；';
  const named = fields.filter((f) => !f.needsLabel).map((f) => f.message);
  const unnamed = fields.filter((f) => f.needsLabel).map((f) => f.message);
  const sentences = unnamed.length ? [...named, withSubject(lang, message, unnamed.join(separator))] : named;
  return sentences.length ? sentences.join(separator) : message;
}

export interface ErrorResponder {
  /** For `setErrorHandler` and the not-found handler: the request went through the hooks. */
  answer(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply): FastifyReply;
  /**
   * For Fastify's `frameworkErrors` (a malformed URL, an overlong path segment): these are refused before
   * any hook runs, so no preference was read and no security header set yet.
   */
  answerFramework(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply;
  /** Sets the security headers on a response: helmet's middleware, built once. */
  applySecurityHeaders: HeaderMiddleware;
}

/**
 * Maps every error to one status and one message in one place, as the zone's page or the API's JSON shape,
 * always with the security headers; unknown errors become a logged 500 that names nothing but the request id.
 */
export function errorResponder(
  renderPage: ErrorPageRenderer,
  securityHeaders: FastifyHelmetOptions,
): ErrorResponder {
  const { global: _global, enableCSPNonces: _nonces, ...headerOptions } = securityHeaders;
  const applySecurityHeaders = helmet(headerOptions);

  const answer: ErrorResponder['answer'] = (error, request, reply) => {
    const { code, fields } = classify(error, request.lang);
    const status =
      code === 'BAD_REQUEST' && 'statusCode' in error && error.statusCode ? error.statusCode : statusOf(code);
    if (status >= 500) request.log.error({ err: error }, 'unhandled error');
    else request.log.info({ code, status }, 'request refused');
    if (code === 'RATE_LIMITED' && 'headers' in error)
      reply.headers((error as { headers: Record<string, string> }).headers);
    // A refusal raised before the security-header hook ran (or in place of the hooks) still carries them.
    if (!reply.raw.hasHeader('content-security-policy'))
      applySecurityHeaders(request.raw, reply.raw, () => {});
    reply.header('cache-control', 'no-store');
    const message = errorMessage(code, request.lang);
    if (wantsJson(request)) {
      // The field's name is for the program; the message, for the person, does not repeat it.
      const shown = fields.map((f) => ({ field: f.field, message: f.message }));
      return reply.code(status).send({ error: { code, message, fields: shown, requestId: request.id } });
    }
    const pageMessage = code === 'VALIDATION' ? pageSentence(message, fields, request.lang) : message;
    // Not `reply.html`: an answer given in place of the hooks may come from a reply without the decorations.
    const page = renderPage(request, { status, code, message: pageMessage, requestId: request.id });
    return reply.code(status).type('text/html; charset=utf-8').send(page);
  };

  return {
    answer,
    answerFramework(error, request, reply) {
      request.lang = /(?:^|;\s*)lang=en(?:;|$)/.test(request.headers.cookie ?? '') ? 'en' : 'zh';
      return answer(error, request, reply);
    },
    applySecurityHeaders,
  };
}

export function installErrorHandling(app: FastifyInstance, responder: ErrorResponder): void {
  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    // A form refused by its schema or the input guard comes back with what was typed, where the route says how.
    const form = await formPageFor(error, request, reply);
    if (form !== undefined)
      return reply.header('cache-control', 'no-store').html(form, statusOf('VALIDATION'));
    return responder.answer(error, request, reply);
  });
  app.setNotFoundHandler((request, reply) => responder.answer(new AppError('NOT_FOUND'), request, reply));
}
