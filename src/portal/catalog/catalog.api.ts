import Type from 'typebox';
import { areaCodes, lifeEventCodes } from '../../shared/catalog/index.ts';
import type { App } from '../../shared/http/app.ts';
import { ErrorResponse } from '../../shared/http/schemas.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import {
  Guide,
  ItemList,
  presentGuide,
  presentList,
  presentSearch,
  SearchResults,
} from './catalog.presenter.ts';
import { MAX_QUERY_CHARS } from './catalog.search.ts';
import * as service from './catalog.service.ts';

// The catalogue for apps and mini-programs: the same service functions as the pages, as JSON, open to all.

const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
};

const publicApi = { permission: PUBLIC };

export function registerCatalogApi(app: App, services: ZoneServices): void {
  const { db } = services;

  app.get(
    '/api/v1/services',
    {
      config: publicApi,
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
        response: { 200: ItemList, 422: ErrorResponse },
      },
    },
    async (request) => presentList(await service.listItems(db, request.query)),
  );

  // Registered before /{id}: the router prefers the fixed path anyway, but readers should not have to know that.
  app.get(
    '/api/v1/services/search',
    {
      config: publicApi,
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
        response: { 200: SearchResults, 422: ErrorResponse },
      },
    },
    async (request) => {
      const { q, page, pageSize } = request.query;
      return presentSearch(await service.searchItems(db, q ?? '', { page, pageSize, lang: request.lang }));
    },
  );

  app.get(
    '/api/v1/services/:id',
    {
      config: publicApi,
      schema: {
        tags: ['catalog'],
        summary: 'One published service guide with every national guide field',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: Guide, 404: ErrorResponse },
      },
    },
    async (request) => presentGuide(await service.getItem(db, request.params.id)),
  );
}
