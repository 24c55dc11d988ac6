import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageContext } from '../shared/ui/context.ts';
import { navFor } from './nav.ts';

export function workbenchContext(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { forms?: boolean } = {},
): PageContext {
  const ctx: PageContext = {
    zone: 'workbench',
    lang: request.lang,
    elder: request.elder,
    path: request.url,
    demo: request.publicDemo,
  };
  if (request.mapTiles) ctx.mapTiles = request.mapTiles;
  if (request.staff) {
    ctx.user = { displayName: `${request.staff.name}（${request.staff.badgeNo}）`, kind: 'staff' };
    ctx.sessionRemainingMs = request.sessionRemainingMs;
    ctx.nav = navFor(request);
  }
  if (options.forms || request.staff) ctx.csrfToken = reply.generateCsrf();
  return ctx;
}
