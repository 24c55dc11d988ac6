import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../shared/http/errors.ts';
import type { PageContext } from '../shared/ui/context.ts';

/** A page with a form: shown empty, or again with what was typed and what was wrong. */
export interface FormView {
  ctx: PageContext;
  values?: Record<string, string> | undefined;
  errors?: FieldError[] | undefined;
}

/** The layout's view of the request; a CSRF token is made only for pages that post (or show logout). */
export function portalContext(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { forms?: boolean } = {},
): PageContext {
  const ctx: PageContext = {
    zone: 'portal',
    lang: request.lang,
    elder: request.elder,
    path: request.url,
    demo: request.publicDemo,
  };
  if (request.mapTiles) ctx.mapTiles = request.mapTiles;
  if (request.citizen) {
    ctx.user = { displayName: request.citizen.displayName, kind: 'citizen' };
    ctx.sessionRemainingMs = request.sessionRemainingMs;
  }
  if (options.forms || request.citizen) ctx.csrfToken = reply.generateCsrf();
  return ctx;
}
