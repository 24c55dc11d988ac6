import type { App } from '../../shared/http/app.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { currentWarnings } from '../content/content.service.ts';
import { portalContext } from '../page.ts';
import { homePage } from './home.pages.tsx';

// '/services' is the service catalogue's home (catalog/catalog.routes.ts); '/news' and '/disclosure' are the
// content sections (content/content.routes.ts); '/interaction' is the letters' (letters/).

// Anonymous visitors share these pages: the app's page cache keeps each for a few seconds.
const publicPage = { schema: { hide: true }, config: { permission: PUBLIC, publicCache: true } };

export function registerHomeRoutes(app: App, services: ZoneServices): void {
  app.get('/', publicPage, async (request, reply) => {
    const warnings = await currentWarnings(services.db, todayInShanghai(services.now()));
    return reply.html(homePage(portalContext(request, reply), warnings));
  });
}
