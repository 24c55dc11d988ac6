import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, errorMessage, statusOf, type ErrorCode, type FieldError } from './errors.ts';

export interface ErrorView {
  status: number;
  code: ErrorCode;
  message: string;
  requestId: string;
}

/** Each zone renders its own error page (layout, navigation), from the same view. */
export type ErrorPageRenderer = (request: FastifyRequest, view: ErrorView) => string;

export function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || (request.headers.accept ?? '').startsWith('application/json');
}

function classify(error: FastifyError | AppError): { code: ErrorCode; fields: FieldError[] } {
  if (error instanceof AppError) return { code: error.code, fields: error.fields };
  if (error.validation) {
    const fields = error.validation.map((v) => ({
      field: (v.instancePath || String(v.params?.missingProperty ?? ''))
        .replace(/^\//, '')
        .replaceAll('/', '.'),
      message: v.message ?? 'invalid',
    }));
    return { code: 'VALIDATION', fields };
  }
  if (error.code?.startsWith('FST_CSRF')) return { code: 'CSRF', fields: [] };
  switch (error.statusCode) {
    case 401:
      return { code: 'UNAUTHENTICATED', fields: [] };
    case 403:
      return { code: 'FORBIDDEN', fields: [] };
    case 404:
      return { code: 'NOT_FOUND', fields: [] };
    case 429:
      return { code: 'RATE_LIMITED', fields: [] };
    default:
      return error.statusCode && error.statusCode >= 400 && error.statusCode < 500
        ? { code: 'BAD_REQUEST', fields: [] }
        : { code: 'INTERNAL', fields: [] };
  }
}

/** Maps every error to one status and one message in one place; unknown errors become a logged 500. */
export function installErrorHandling(app: FastifyInstance, renderPage: ErrorPageRenderer): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const { code, fields } = classify(error);
    const status =
      code === 'BAD_REQUEST' && 'statusCode' in error && error.statusCode ? error.statusCode : statusOf(code);
    if (status >= 500) request.log.error({ err: error }, 'unhandled error');
    else request.log.info({ code, status }, 'request refused');
    if (code === 'RATE_LIMITED' && 'headers' in error)
      reply.headers((error as { headers: Record<string, string> }).headers);
    const message = errorMessage(code, request.lang);
    if (wantsJson(request)) {
      return reply.code(status).send({ error: { code, message, fields, requestId: request.id } });
    }
    return reply.html(renderPage(request, { status, code, message, requestId: request.id }), status);
  });

  app.setNotFoundHandler((request, reply) => {
    const message = errorMessage('NOT_FOUND', request.lang);
    if (wantsJson(request)) {
      return reply
        .code(404)
        .send({ error: { code: 'NOT_FOUND', message, fields: [], requestId: request.id } });
    }
    return reply.html(
      renderPage(request, { status: 404, code: 'NOT_FOUND', message, requestId: request.id }),
      404,
    );
  });
}
