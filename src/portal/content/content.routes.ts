import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { findColumn, sections, type Section } from '../../shared/content/content.columns.ts';
import { fileHeaders } from '../../shared/files/file-response.ts';
import { AppError } from '../../shared/http/errors.ts';
import { MUSEUM_COLUMN } from '../../shared/museum/museum.halls.ts';
import { formErrors } from '../../shared/http/forms.ts';
import type { App } from '../../shared/http/app.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { parseQuery } from '../catalog/catalog.search.ts';
import { queryError, searchItems } from '../catalog/catalog.service.ts';
import { portalContext } from '../page.ts';
import { atomFeed, rssFeed } from './content.feeds.ts';
import { readImage } from './content.images.ts';
import { articlePage, columnPage, sectionPage } from './content.pages.tsx';
import { searchPage } from './content.pages.tsx';
import { findLiveArticle, latestOfSection, listColumn, searchArticles } from './content.service.ts';

// 信息发布 (/news) and 警务公开 (/disclosure): the sections, their columns, articles, feeds and search. All are
// the same for every anonymous visitor, so the app's page cache keeps them for a few seconds.

const PAGE_SIZE = 15;
const FEED_SIZE = 20;
const publicPage = { permission: PUBLIC, publicCache: true } as const;
const ColumnParams = Type.Object(
  { column: Type.String({ pattern: '^[a-z]+(?:-[a-z]+)*$', maxLength: 40 }) },
  { additionalProperties: false },
);
const PageQuery = Type.Object(
  { page: Type.Optional(Type.String({ maxLength: 12 })) },
  { additionalProperties: false },
);
const ArticleParams = Type.Object(
  { id: Type.String({ pattern: '^[1-9][0-9]{0,8}$', maxLength: 9 }) },
  { additionalProperties: false },
);
const ImageParams = Type.Object(
  { name: Type.String({ pattern: '^[0-9a-f]{32}\\.(?:png|jpg)$', maxLength: 40 }) },
  { additionalProperties: false },
);
const SearchQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);

const pageOf = (raw: string | undefined) => Math.max(1, Math.min(1000, Number.parseInt(raw ?? '1', 10) || 1));

/**
 * `portalBaseUrl` is the portal's configured public address: the feeds name it, never the request's Host, which
 * the client chooses (and the page cache would then hand a forged one to everyone).
 */
export function registerContentRoutes(app: App, services: ZoneServices, portalBaseUrl: string): void {
  const today = () => todayInShanghai(services.now());

  for (const section of sections) {
    app.get(`/${section}`, { schema: { hide: true }, config: publicPage }, async (request, reply) =>
      reply.html(
        sectionPage(
          portalContext(request, reply),
          section,
          await latestOfSection(services.db, section, today(), 3),
        ),
      ),
    );
    app.get(
      `/${section}/:column`,
      { schema: { hide: true, params: ColumnParams, querystring: PageQuery }, config: publicPage },
      async (request, reply) => {
        const column = columnIn(section, request.params.column);
        const page = pageOf(request.query.page);
        const { rows, total } = await listColumn(services.db, column.slug, {
          today: today(),
          page,
          pageSize: PAGE_SIZE,
        });
        const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
        if (page > pageCount) throw new AppError('NOT_FOUND');
        return reply.html(columnPage(portalContext(request, reply), column, { rows, page, pageCount }));
      },
    );
  }

  app.get(
    '/articles/:id',
    { schema: { hide: true, params: ArticleParams }, config: publicPage },
    async (request, reply) => {
      const article = await findLiveArticle(services.db, Number(request.params.id), today());
      if (!article) throw new AppError('NOT_FOUND');
      // Search and feeds link exhibits as articles; they are shown in the museum, with their picture.
      if (article.column === MUSEUM_COLUMN) return reply.redirect(`/museum/exhibits/${article.id}`, 301);
      return reply.html(articlePage(portalContext(request, reply), article));
    },
  );

  const feed =
    (kind: 'rss' | 'atom', lang: 'zh' | 'en') =>
    async (request: FastifyRequest<{ Params: { column: string } }>, reply: FastifyReply) => {
      const column = findColumn(request.params.column);
      if (!column) throw new AppError('NOT_FOUND');
      const { rows } = await listColumn(services.db, column.slug, {
        today: today(),
        page: 1,
        pageSize: FEED_SIZE,
        englishOnly: lang === 'en',
      });
      const now = services.now();
      const body =
        kind === 'rss'
          ? rssFeed(portalBaseUrl, column, rows, now, lang)
          : atomFeed(portalBaseUrl, column, rows, now, lang);
      return reply
        .type(kind === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8')
        .send(body);
    };
  const feedRoute = { schema: { hide: true, params: ColumnParams }, config: publicPage };
  app.get('/feeds/:column/rss.xml', feedRoute, feed('rss', 'zh'));
  app.get('/feeds/:column/atom.xml', feedRoute, feed('atom', 'zh'));
  app.get('/feeds/:column/en/rss.xml', feedRoute, feed('rss', 'en'));
  app.get('/feeds/:column/en/atom.xml', feedRoute, feed('atom', 'en'));

  // A picture is named by its content's hash, so it never changes under its name; it is cached briefly all the
  // same, because it stops being served when the last article showing it is taken down. It is sent as the
  // picture type it was checked to be, never sniffed, and under a sandbox should a browser render it.
  app.get(
    '/media/content/:name',
    { schema: { hide: true, params: ImageParams }, config: { permission: PUBLIC } },
    async (request, reply) => {
      const image = await readImage(services.db, request.params.name, today());
      if (!image) throw new AppError('NOT_FOUND');
      const etag = `"${image.sha256}"`;
      fileHeaders(reply, { type: image.mediaType, name: image.name, asciiName: image.name })
        .header('etag', etag)
        .header('cache-control', 'public, max-age=300');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.send(image.content);
    },
  );

  app.get(
    '/search',
    { schema: { hide: true, querystring: SearchQuery }, config: publicPage },
    async (request, reply) => {
      const ctx = portalContext(request, reply);
      const raw = request.query.q ?? '';
      if (!raw.trim()) return reply.html(searchPage(ctx, { q: '', articles: [], guides: [] }));
      const query = parseQuery(raw);
      if (typeof query === 'string') {
        const errors = formErrors(request, queryError(query, request.lang)) ?? [];
        return reply.html(searchPage(ctx, { q: raw, articles: [], guides: [], errors }), 422);
      }
      let articles = await searchArticles(services.db, query.all, { today: today(), limit: 20 });
      if (articles.length === 0 && query.any !== query.all)
        articles = await searchArticles(services.db, query.any, { today: today(), limit: 20 });
      const guides = await searchItems(services.db, raw, { lang: request.lang, pageSize: 10 });
      return reply.html(
        searchPage(ctx, {
          q: query.text,
          articles,
          guides: guides.items.map((g) => ({ id: g.item.id, name: g.item.name[request.lang] })),
        }),
      );
    },
  );
}

function columnIn(section: Section, slug: string) {
  const column = findColumn(slug);
  if (!column || column.section !== section) throw new AppError('NOT_FOUND');
  return column;
}
