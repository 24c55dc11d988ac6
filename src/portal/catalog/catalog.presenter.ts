import Type, { type Static } from 'typebox';
import {
  areaCodes,
  audienceCodes,
  itemTypeCodes,
  lifeEventCodes,
  ServiceItem,
} from '../../shared/catalog/index.ts';
import type { ItemPage, PublishedItem, SearchHit, SearchResult } from './catalog.service.ts';
import { documentHref } from './catalog.view.tsx';

// A published service item as the API shows it: a summary in lists and search results, the whole guide on its
// own. Each shape is the response schema of its route, so the OpenAPI document says exactly what is sent.

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

const Paging = {
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  pageCount: Type.Integer(),
};

export const ItemList = Type.Object({ items: Type.Array(ItemSummary), ...Paging });

const Segment = Type.Object({ text: Type.String(), match: Type.Boolean() });

const SearchHitView = Type.Object({
  ...ItemSummary.properties,
  score: Type.Number(),
  highlights: Type.Object(
    {
      name: Type.Array(Segment),
      snippet: Type.Array(Segment),
    },
    {
      description:
        'Text cut into pieces, with the pieces that matched the query marked; plain text, not HTML',
    },
  ),
});

export const SearchResults = Type.Object({
  query: Type.String(),
  mode: Type.Enum(['all', 'any']),
  items: Type.Array(SearchHitView),
  ...Paging,
});

const DocumentLink = Type.Object({
  path: Type.String({ description: 'As the guide names it, e.g. forms/crj-application-form.pdf' }),
  kind: Type.Union([Type.Literal('form'), Type.Literal('sample')]),
  title: Type.String(),
  bytes: Type.Integer(),
  href: Type.String({ description: 'Where to download the PDF' }),
});

export const Guide = Type.Object({
  item: ServiceItem,
  publishedAt: Type.String({ format: 'date-time' }),
  documents: Type.Array(DocumentLink, {
    description: 'The blank forms and samples the guide names, as far as the portal holds them',
  }),
});

export function presentSummary(item: ServiceItem): ItemSummary {
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

export function presentList(list: ItemPage<ServiceItem>): Static<typeof ItemList> {
  return { ...list, items: list.items.map(presentSummary) };
}

function presentHit(hit: SearchHit): Static<typeof SearchHitView> {
  return {
    ...presentSummary(hit.item),
    score: hit.score,
    highlights: { name: hit.name, snippet: hit.snippet },
  };
}

export function presentSearch(result: SearchResult): Static<typeof SearchResults> {
  return { ...result, items: result.items.map(presentHit) };
}

export function presentGuide(published: PublishedItem): Static<typeof Guide> {
  return {
    item: published.item,
    publishedAt: published.publishedAt.toISOString(),
    documents: [...published.documents.values()].map((document) => ({
      ...document,
      href: documentHref(document.path),
    })),
  };
}
