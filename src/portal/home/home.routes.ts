import type { App } from '../../shared/http/app.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import { portalContext } from '../page.ts';
import { columnPage, homePage } from './home.pages.tsx';

// '/services' is the service catalogue's home (catalog/catalog.routes.ts); '/interaction' is the letters' (letters/).
const columns = {
  '/news': {
    zh: ['信息发布', '警方新闻、通知公告和安全防范提示将在这里发布。'],
    en: ['News & notices', 'Police news, notices and safety warnings will be published here.'],
  },
  '/disclosure': {
    zh: ['警务公开', '法律法规、审批结果和办事统计将在这里公开。'],
    en: ['Police affairs disclosure', 'Laws, approval results and statistics will be published here.'],
  },
} as const;

// Anonymous visitors share these pages: the app's page cache keeps each for a few seconds.
const publicPage = { schema: { hide: true }, config: { permission: PUBLIC, publicCache: true } };

export function registerHomeRoutes(app: App): void {
  app.get('/', publicPage, async (request, reply) => reply.html(homePage(portalContext(request, reply))));

  for (const [path, words] of Object.entries(columns)) {
    app.get(path, publicPage, async (request, reply) => {
      const [title, body] = words[request.lang];
      return reply.html(columnPage(portalContext(request, reply), title, body));
    });
  }
}
