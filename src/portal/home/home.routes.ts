import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PageContext } from '../../shared/ui/context.ts';
import { portalContext } from '../page.ts';
import { columnPage, homePage } from './home.pages.tsx';

const columns = {
  '/news': {
    zh: ['信息发布', '警方新闻、通知公告和安全防范提示将在这里发布。'],
    en: ['News & notices', 'Police news, notices and safety warnings will be published here.'],
  },
  '/disclosure': {
    zh: ['警务公开', '法律法规、审批结果和办事统计将在这里公开。'],
    en: ['Police affairs disclosure', 'Laws, approval results and statistics will be published here.'],
  },
  '/services': {
    zh: ['网上办事', '办事指南和在线申请将在这里提供。'],
    en: ['Online services', 'Service guides and online applications will be offered here.'],
  },
  '/interaction': {
    zh: ['警民互动', '局长信箱、咨询、投诉和举报将在这里受理。紧急情况请拨打110。'],
    en: [
      'Police–public interaction',
      'The director’s mailbox, questions, complaints and tips will be taken here. In an emergency call 110.',
    ],
  },
} as const;

/**
 * Anonymous public pages are the same for every visitor of one language and mode, so they are rendered once
 * and served from memory; signed-in visitors get a fresh page with their name and a logout form.
 */
const cache = new Map<string, string>();

function cacheKey(request: FastifyRequest): string | undefined {
  if (request.citizen || request.session?.subject) return undefined;
  return `${request.routeOptions.url}|${request.lang}|${request.elder ? 1 : 0}`;
}

/** A cached page must not carry one visitor's query string in its language and mode switches. */
function cacheable(ctx: PageContext, request: FastifyRequest, key: string | undefined): PageContext {
  return key ? { ...ctx, path: request.routeOptions.url ?? '/' } : ctx;
}

export function registerHomeRoutes(app: FastifyInstance): void {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const key = cacheKey(request);
    let html = key ? cache.get(key) : undefined;
    if (!html) {
      html = homePage(cacheable(portalContext(request, reply), request, key));
      if (key) cache.set(key, html);
    }
    return reply.header('cache-control', 'no-cache').html(html);
  });

  for (const [path, words] of Object.entries(columns)) {
    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      const key = cacheKey(request);
      let html = key ? cache.get(key) : undefined;
      if (!html) {
        const [title, body] = words[request.lang];
        html = columnPage(cacheable(portalContext(request, reply), request, key), title, body);
        if (key) cache.set(key, html);
      }
      return reply.html(html);
    });
  }
}
