import type { App } from '../../shared/http/app.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import { lifeEventCodes } from '../../shared/catalog/index.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { currentWarnings } from '../content/content.service.ts';
import { countItems, liveItemNames } from '../catalog/catalog.service.ts';
import { portalContext } from '../page.ts';
import { homePage } from './home.pages.tsx';
import { accessibilityStatement, privacyNotice, termsOfUse } from './site-pages.content.ts';
import { siteMapPage, textPage } from './site-pages.tsx';

/** What people come for most often; an item that is withdrawn simply drops off the home page. */
const POPULAR_ITEMS = [
  'passport-first-issue',
  'id-card-replacement',
  'hk-macau-re-endorsement',
  'birth-registration',
  'household-move-in',
  'no-criminal-record-certificate',
  'traffic-violation-handling',
  'licence-renewal-on-expiry',
];

const textPages = {
  '/privacy': privacyNotice,
  '/terms': termsOfUse,
  '/accessibility': accessibilityStatement,
} as const;

// '/services' is the service catalogue's home (catalog/catalog.routes.ts); '/news' and '/disclosure' are the
// content sections (content/content.routes.ts); '/interaction' is the letters' (letters/).

// Anonymous visitors share these pages: the app's page cache keeps each for a few seconds.
const publicPage = { schema: { hide: true }, config: { permission: PUBLIC, publicCache: true } };

export function registerHomeRoutes(app: App, services: ZoneServices): void {
  app.get('/', publicPage, async (request, reply) => {
    const popular = await liveItemNames(services.db, POPULAR_ITEMS);
    const counts = await countItems(services.db);
    const lifeEvents = lifeEventCodes.filter((e) => counts.lifeEvents[e] > 0);
    const warnings = await currentWarnings(services.db, todayInShanghai(services.now()));
    return reply.html(homePage(portalContext(request, reply), { popular, lifeEvents, warnings }));
  });

  app.get('/sitemap', publicPage, async (request, reply) =>
    reply.html(siteMapPage(portalContext(request, reply))),
  );
  for (const [path, text] of Object.entries(textPages)) {
    app.get(path, publicPage, async (request, reply) =>
      reply.html(textPage(portalContext(request, reply), text)),
    );
  }
}
