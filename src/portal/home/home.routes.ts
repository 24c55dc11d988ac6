import type { App } from '../../shared/http/app.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import { lifeEventCodes } from '../../shared/catalog/index.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { countItems, liveItemNames } from '../catalog/catalog.service.ts';
import { portalContext } from '../page.ts';
import { columnPage, homePage } from './home.pages.tsx';
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

// '/services' is the service catalogue's home (catalog/catalog.routes.ts).
const columns = {
  '/news': {
    zh: ['信息发布', '警方新闻、通知公告和安全防范提示将在这里发布。'],
    en: ['News & notices', 'Police news, notices and safety warnings will be published here.'],
  },
  '/disclosure': {
    zh: ['警务公开', '法律法规、审批结果和办事统计将在这里公开。'],
    en: ['Police affairs disclosure', 'Laws, approval results and statistics will be published here.'],
  },
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
    const popular = await liveItemNames(services.db, POPULAR_ITEMS);
    const counts = await countItems(services.db);
    const lifeEvents = lifeEventCodes.filter((e) => counts.lifeEvents[e] > 0);
    return reply.html(homePage(portalContext(request, reply), { popular, lifeEvents }));
  });

  app.get('/sitemap', publicPage, async (request, reply) =>
    reply.html(siteMapPage(portalContext(request, reply))),
  );
  for (const [path, text] of Object.entries(textPages)) {
    app.get(path, publicPage, async (request, reply) =>
      reply.html(textPage(portalContext(request, reply), text)),
    );
  }

  for (const [path, words] of Object.entries(columns)) {
    app.get(path, publicPage, async (request, reply) => {
      const [title, body] = words[request.lang];
      return reply.html(columnPage(portalContext(request, reply), title, body));
    });
  }
}
