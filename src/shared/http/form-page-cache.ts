import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { PageContext } from '../ui/context.ts';

/**
 * The sign-in and registration forms are the pages crawlers and attackers hit hardest, and for an anonymous
 * visitor they differ only in the CSRF token. Each is rendered once per address, language and mode with a
 * placeholder where the token goes; a visit then costs one token, not a page render. A signed-in visitor's
 * page (name, logout form) is always rendered afresh.
 */
export function createFormPageCache(max = 500): {
  render(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    page: (ctx: PageContext) => string,
  ): string;
} {
  // Random per process, so no text a visitor can put in the address matches it.
  const placeholder = `csrf-${randomBytes(16).toString('hex')}`;
  // Bounded: the address (with its query) is part of the key, and anyone can vary it.
  const templates = new LRUCache<string, string>({ max });
  return {
    render(request, reply, ctx, page) {
      if (ctx.user) return page({ ...ctx, csrfToken: ctx.csrfToken ?? reply.generateCsrf() });
      const key = `${request.url}|${ctx.lang}|${ctx.elder ? 1 : 0}|${ctx.demo ? 1 : 0}`;
      let template = templates.get(key);
      if (template === undefined) {
        template = page({ ...ctx, csrfToken: placeholder });
        templates.set(key, template);
      }
      return template.replaceAll(placeholder, reply.generateCsrf());
    },
  };
}
