import type { App } from '../../shared/http/app.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { currentWarnings } from '../content/content.service.ts';
import { portalContext } from '../page.ts';
import { columnPage, homePage } from './home.pages.tsx';

// '/services' is the service catalogue's home (catalog/catalog.routes.ts); '/news' and '/disclosure' are the
// content sections (content/content.routes.ts).
const columns = {
  '/interaction': {
    zh: ['警民互动', '局长信箱、咨询、投诉和举报将在这里受理。紧急情况请拨打110。'],
    en: [
      'Police–public interaction',
      'The director’s mailbox, questions, complaints and tips will be taken here. In an emergency call 110.',
    ],
  },
} as const;

// Anonymous visitors share these pages: the app's page cache keeps each for a few seconds.
const publicPage = { schema: { hide: true }, config: { permission: PUBLIC, publicCache: true } };

export function registerHomeRoutes(app: App, services: ZoneServices): void {
  app.get('/', publicPage, async (request, reply) => {
    const warnings = await currentWarnings(services.db, todayInShanghai(services.now()));
    return reply.html(homePage(portalContext(request, reply), warnings));
  });

  for (const [path, words] of Object.entries(columns)) {
    app.get(path, publicPage, async (request, reply) => {
      const [title, body] = words[request.lang];
      return reply.html(columnPage(portalContext(request, reply), title, body));
    });
  }
}
