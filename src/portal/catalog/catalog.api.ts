import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { areaCodes, audienceCodes, itemTypeCodes, lifeEventCodes, ServiceItem } from '../../shared/catalog/index.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { MAX_QUERY_CHARS } from './catalog.search.ts';
import * as service from './catalog.service.ts';
import { documentHref } from './catalog.view.tsx';

// The catalogue for apps and mini-programs: the same service functions as the pages, as JSON.

const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    requestId: Type.String(),
  }),
});

const Localized = Type.Object({ zh: Type.String(), en: Type.String() });

export const ItemSummary = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  name: Localized,
  summary: Localized,
  area: Type.Enum(areaCodes),
  audience: Type.Enum(audienceCodes),
  itemType: Type.Enum(itemTypeCodes),
  lifeEvents: Type.Array(Type.Enum(lifeEventCodes)),
  fullyOnline: Type.Boolean(),
  visits: Type.Integer({ description: 'Visits in person needed (0 = none, 1 = at most one)' }),
  href: Type.String({ description: 'The guide page on the portal' }),
});
export type ItemSummary = Static<typeof ItemSummary>;

const DocumentLink = Type.Object({
  path: Type.String({ description: 'As the guide names it, e.g. forms/crj-application-form.pdf' }),
  kind: Type.Union([Type.Literal('form'), Type.Literal('sample')]),
  title: Type.String(),
  bytes: Type.Integer(),
  href: Type.String({ description: 'Where to download the PDF' }),
});

const Paging = {
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  pageCount: Type.Integer(),
};

const Segment = Type.Object({ text: Type.String(), match: Type.Boolean() });

const SearchHit = Type.Object({
  ...ItemSummary.properties,
  score: Type.Number(),
  highlights: Type.Object(
    {
      name: Type.Array(Segment),
      snippet: Type.Array(Segment),
    },
    { description: 'Text cut into pieces, with the pieces that matched the query marked; plain text, not HTML' },
  ),
});

function summarise(item: ServiceItem): ItemSummary {
  return {
    id: item.id,
    version: item.version,
    name: item.name,
    summary: item.summary,
    area: item.area,
    audience: item.audience,
    itemType: item.itemType,
    lifeEvents: item.lifeEvents,
    fullyOnline: item.onlineDepth.fullyOnline,
    visits: item.visits.count,
    href: `/services/items/${item.id}`,
  };
}

const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
};

export function registerCatalogApi(app: FastifyInstance, services: ZoneServices): void {
  const { db } = services;

  app.get(
    '/api/v1/services',
    {
      schema: {
        tags: ['catalog'],
        summary: 'List published service items, filtered by area, audience or life event',
        querystring: Type.Object({
          area: Type.Optional(Type.Enum(areaCodes)),
          audience: Type.Optional(
            Type.Enum(['person', 'company'], {
              description: 'Who applies; items for both kinds of applicant are included either way',
            }),
          ),
          lifeEvent: Type.Optional(Type.Enum(lifeEventCodes)),
          ...PageQuery,
        }),
        response: { 200: Type.Object({ items: Type.Array(ItemSummary), ...Paging }), 422: ErrorResponse },
      },
    },
    async (request) => {
      const q = request.query as {
        area?: (typeof areaCodes)[number];
        audience?: service.AudienceFilter;
        lifeEvent?: (typeof lifeEventCodes)[number];
        page?: number;
        pageSize?: number;
      };
      const result = await service.listItems(db, q);
      return { ...result, items: result.items.map(summarise) };
    },
  );

  // Registered before /{id}: the router prefers the fixed path anyway, but readers should not have to know that.
  app.get(
    '/api/v1/services/search',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Full-text search of the service catalogue (Chinese or English, everyday wording)',
        description:
          'Results match every word when possible, else some of them (mode "any"). ' +
          `An empty query, or one longer than ${MAX_QUERY_CHARS} characters, is refused with 422.`,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 1000 })),
          lang: Type.Optional(Type.Enum(['zh', 'en'], { description: 'Language of names and snippets' })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
        }),
        response: {
          200: Type.Object({
            query: Type.String(),
            mode: Type.Enum(['all', 'any']),
            items: Type.Array(SearchHit),
            ...Paging,
          }),
          422: ErrorResponse,
        },
      },
    },
    async (request) => {
      const q = request.query as { q?: string; page?: number; pageSize?: number };
      const result = await service.searchItems(db, q.q ?? '', {
        page: q.page,
        pageSize: q.pageSize,
        lang: request.lang,
      });
      return {
        ...result,
        items: result.items.map((hit) => ({
          ...summarise(hit.item),
          score: hit.score,
          highlights: { name: hit.name, snippet: hit.snippet },
        })),
      };
    },
  );

  app.get(
    '/api/v1/services/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One published service guide with every national guide field',
        params: Type.Object({ id: Type.String({ maxLength: 200 }) }),
        response: {
          200: Type.Object({
            item: ServiceItem,
            publishedAt: Type.String({ format: 'date-time' }),
            documents: Type.Array(DocumentLink, {
              description: 'The blank forms and samples the guide names, as far as the portal holds them',
            }),
          }),
          404: ErrorResponse,
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const published = await service.getItem(db, id);
      return {
        item: published.item,
        publishedAt: published.publishedAt.toISOString(),
        documents: [...published.documents.values()].map((d) => ({ ...d, href: documentHref(d.path) })),
      };
    },
  );
}
