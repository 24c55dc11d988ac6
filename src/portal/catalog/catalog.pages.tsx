import { WithChineseMarked } from '../../shared/ui/as-written.tsx';
import {
  areaLabel,
  catalogAreas,
  lifeEventCodes,
  lifeEventLabel,
  type Area,
  type LifeEvent,
} from '../../shared/catalog/index.ts';
import type { PageContext } from '../../shared/ui/context.ts';
import { BackLink, CardGrid, InsetText, Pagination } from '../../shared/ui/components.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { AudienceFilter, CatalogCounts, ItemPage, SearchResult } from './catalog.service.ts';
import {
  AudienceSwitch,
  Auto,
  Highlighted,
  itemHref,
  ItemList,
  ItemTags,
  label,
  SearchForm,
  Stylesheet,
} from './catalog.view.tsx';
import { lifeEventHint, popularSearches, words } from './catalog.words.ts';
import type { ServiceItem } from '../../shared/catalog/index.ts';

/** Builds a catalogue address from its filters, leaving out the ones not set. */
export function catalogHref(base: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== '' && v !== 1) query.set(k, String(v));
  const qs = query.toString();
  return qs ? `${base}?${qs}` : base;
}

export function catalogHomePage(ctx: PageContext, audience: AudienceFilter, counts: CatalogCounts): string {
  const { lang } = ctx;
  const title = words(lang, 'home.title');
  const count = (n: number) => (n ? words(lang, 'home.count', { n }) : words(lang, 'home.none'));
  const events = lifeEventCodes.filter((e) => counts.lifeEvents[e] > 0);
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <Stylesheet />
      <h1>{title}</h1>
      <p class="lead">{words(lang, 'home.lead')}</p>
      <SearchForm lang={lang} />
      <AudienceSwitch
        lang={lang}
        current={audience}
        href={(a) => catalogHref('/services', { audience: a === 'company' ? a : undefined })}
      />
      <h2>{words(lang, 'home.areas')}</h2>
      <CardGrid
        headingLevel={3}
        // An area with nothing for this audience (禁毒 for persons) is not offered as a way in.
        items={catalogAreas
          .filter((area) => counts.areas[area] > 0)
          .map((area) => ({
            href: catalogHref(`/services/areas/${area}`, { audience }),
            title: label(lang, areaLabel[area]),
            description: count(counts.areas[area]),
          }))}
      />
      {events.length ? (
        <>
          <h2>{words(lang, 'home.events')}</h2>
          <CardGrid
            headingLevel={3}
            items={events.map((event) => ({
              href: catalogHref(`/services/life-events/${event}`, { audience }),
              title: label(lang, lifeEventLabel[event]),
              description: (
                <>
                  {lifeEventHint[event][lang]}
                  <br />
                  <strong>{count(counts.lifeEvents[event])}</strong>
                </>
              ),
            }))}
          />
        </>
      ) : null}
    </Layout>,
  );
}

export type ListKind = { kind: 'area'; area: Area } | { kind: 'event'; event: LifeEvent };

export function listBase(list: ListKind): string {
  return list.kind === 'area' ? `/services/areas/${list.area}` : `/services/life-events/${list.event}`;
}

export function itemListPage(
  ctx: PageContext,
  list: ListKind,
  audience: AudienceFilter | undefined,
  result: ItemPage<ServiceItem>,
): string {
  const { lang } = ctx;
  const title =
    list.kind === 'area' ? label(lang, areaLabel[list.area]) : label(lang, lifeEventLabel[list.event]);
  const base = listBase(list);
  return renderPage(
    <Layout ctx={ctx} title={result.page > 1 ? `${title} (${result.page})` : title}>
      <Stylesheet />
      <BackLink href={catalogHref('/services', { audience: audience === 'company' ? audience : undefined })}>
        {words(lang, 'list.back')}
      </BackLink>
      <h1>{title}</h1>
      {list.kind === 'event' ? <p class="lead">{lifeEventHint[list.event][lang]}</p> : null}
      <AudienceSwitch
        lang={lang}
        current={audience}
        withAll
        href={(a) => catalogHref(base, { audience: a })}
      />
      <p>{words(lang, 'list.count', { n: result.total })}</p>
      {result.items.length ? (
        <ItemList items={result.items} lang={lang} showArea={list.kind === 'event'} />
      ) : (
        <InsetText>{words(lang, 'list.empty')}</InsetText>
      )}
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        href={(page) => catalogHref(base, { audience, page })}
      />
    </Layout>,
  );
}

export type SearchView =
  | { state: 'blank' }
  | { state: 'error'; text: string; message: string }
  | { state: 'done'; result: SearchResult };

export function searchPage(ctx: PageContext, view: SearchView): string {
  const { lang } = ctx;
  const title = words(lang, 'search.title');
  const shown = view.state === 'done' ? view.result.query : view.state === 'error' ? view.text : '';
  return renderPage(
    <Layout
      ctx={ctx}
      title={shown ? `${title}${lang === 'en' ? ': ' : '：'}${shown}` : title}
      hasErrors={view.state === 'error'}
    >
      <Stylesheet />
      <BackLink href="/services">{words(lang, 'list.back')}</BackLink>
      <h1>{title}</h1>
      <SearchForm
        lang={lang}
        value={shown}
        error={view.state === 'error' ? view.message : undefined}
        labelKey="search.keywords"
      />
      {view.state === 'done' ? <Results ctx={ctx} result={view.result} /> : null}
    </Layout>,
  );
}

function Results({ ctx, result }: { ctx: PageContext; result: SearchResult }) {
  const { lang } = ctx;
  if (result.total === 0) return <NoResults ctx={ctx} query={result.query} />;
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title" class="catalog-results-title">
        <WithChineseMarked
          lang={lang}
          text={words(lang, 'search.results', { n: result.total, q: result.query })}
        />
      </h2>
      {result.mode === 'any' ? <InsetText>{words(lang, 'search.partial')}</InsetText> : null}
      <ol class="catalog-list" start={(result.page - 1) * result.pageSize + 1}>
        {result.items.map((hit) => (
          <li class="catalog-item">
            <h3 class="catalog-item-title">
              <a href={itemHref(hit.item.id)}>
                <Highlighted segments={hit.name} />
              </a>
            </h3>
            <p class="catalog-item-summary">
              <Auto lang={lang} text={hit.snippet.map((s) => s.text).join('')}>
                <Highlighted segments={hit.snippet} />
              </Auto>
            </p>
            <ItemTags item={hit.item} lang={lang} showArea />
          </li>
        ))}
      </ol>
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        href={(page) => catalogHref('/services/search', { q: result.query, page })}
      />
    </section>
  );
}

function NoResults({ ctx, query }: { ctx: PageContext; query: string }) {
  const { lang } = ctx;
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title" class="catalog-results-title">
        <WithChineseMarked lang={lang} text={words(lang, 'search.none', { q: query })} />
      </h2>
      <p>{words(lang, 'search.noneHelp')}</p>
      <ul>
        <li>{words(lang, 'search.tipWords')}</li>
        <li>{words(lang, 'search.tipShorter')}</li>
        <li>
          {words(lang, 'search.tipBrowse')}
          <ul class="catalog-inline-links">
            {catalogAreas.map((area) => (
              <li>
                <a href={`/services/areas/${area}`}>{label(lang, areaLabel[area])}</a>
              </li>
            ))}
          </ul>
        </li>
      </ul>
      <p>{words(lang, 'search.popular')}</p>
      <ul class="catalog-inline-links">
        {popularSearches.map((q) => (
          <li>
            <a href={catalogHref('/services/search', { q })} lang={lang === 'en' ? 'zh-CN' : undefined}>
              {q}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
