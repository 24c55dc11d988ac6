import type { Child } from 'hono/jsx';
import {
  areaLabel,
  audienceLabel,
  timeUnitLabel,
  type Label,
  type ServiceItem,
  type TimeLimit,
} from '../../shared/catalog/index.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import { ErrorSummary, fieldId } from '../../shared/ui/forms.tsx';
import { Tag } from '../../shared/ui/components.tsx';
import { WithChineseMarked } from '../../shared/ui/as-written.tsx';
import type { AudienceFilter } from './catalog.service.ts';
import type { Segment } from './catalog.search.ts';
import { words, type WordKey } from './catalog.words.ts';

// Pieces shared by the catalogue's pages.

export const label = (lang: Lang, l: Label): string => l[lang];

/**
 * Item content is written in Chinese. On an English page it is marked as Chinese so a screen reader switches
 * voice (WCAG 3.1.2); on a Chinese page the mark would only add noise.
 */
export function Zh({ lang, children }: { lang: Lang; children?: Child }) {
  return lang === 'en' ? <span lang="zh-CN">{children}</span> : <>{children}</>;
}

/**
 * A guide text in the page's language: on the English page its English sibling (`nameEn` beside `name`), or,
 * for a guide published before it had one, the Chinese marked as such.
 */
export function Tr({ lang, zh, en }: { lang: Lang; zh: string; en?: string | undefined }) {
  // English texts may cite a Chinese name beside their own ("Passport Law (《中华人民共和国护照法》)").
  return lang === 'en' && en ? <WithChineseMarked lang={lang} text={en} /> : <Zh lang={lang}>{zh}</Zh>;
}

/** Text whose language is not known in advance (an English page may show a Chinese excerpt). */
export function Auto({ lang, text, children }: { lang: Lang; text: string; children?: Child }) {
  const chinese = /[\u3400-\u9fff]/.test(text);
  if (lang === 'en' && chinese) return <span lang="zh-CN">{children}</span>;
  if (lang === 'zh' && !chinese) return <span lang="en">{children}</span>;
  return <>{children}</>;
}

/** Escaped text with the matched parts in <mark>: the query never reaches the page as markup. */
export function Highlighted({ segments }: { segments: readonly Segment[] }) {
  return <>{segments.map((s) => (s.match ? <mark>{s.text}</mark> : s.text))}</>;
}

export function Stylesheet() {
  return <link rel="stylesheet" href="/services/catalog.css" />;
}

export const itemHref = (id: string) => `/services/items/${id}`;

export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

export function limitText(lang: Lang, limit: TimeLimit): string {
  if (limit.value === 0) return words(lang, 'guide.sameDay');
  const unit = timeUnitLabel[limit.unit][lang];
  if (lang === 'zh') return `${limit.value}${unit}`;
  return `${limit.value} ${limit.value === 1 ? unit.replace(/s$/, '') : unit}`;
}

export function visitsText(lang: Lang, count: number): string {
  if (count === 0) return words(lang, 'list.visits0');
  if (count === 1) return words(lang, 'list.visits1');
  return words(lang, 'list.visitsN', { n: count });
}

/** The two things people compare first: can it be done online, and how often must I go there. */
export function ItemTags({ item, lang, showArea }: { item: ServiceItem; lang: Lang; showArea?: boolean }) {
  const online = item.onlineDepth.levels.some((l) => l === 'online-acceptance' || l === 'online-processing');
  return (
    <p class="catalog-tags">
      {item.onlineDepth.fullyOnline ? (
        <Tag tone="green">{words(lang, 'list.fullyOnline')}</Tag>
      ) : online ? (
        <Tag tone="blue">{words(lang, 'list.online')}</Tag>
      ) : null}{' '}
      <Tag tone={item.visits.count === 0 ? 'green' : item.visits.count === 1 ? 'blue' : 'grey'}>
        {visitsText(lang, item.visits.count)}
      </Tag>{' '}
      <Tag tone="grey">{label(lang, audienceLabel[item.audience])}</Tag>
      {showArea ? (
        <>
          {' '}
          <Tag tone="grey">{label(lang, areaLabel[item.area])}</Tag>
        </>
      ) : null}
    </p>
  );
}

/** A list of items with their summaries; the heading level follows the page's outline. */
export function ItemList({
  items,
  lang,
  showArea,
}: {
  items: readonly ServiceItem[];
  lang: Lang;
  showArea?: boolean;
}) {
  return (
    <ul class="catalog-list">
      {items.map((item) => (
        <li class="catalog-item">
          <h2 class="catalog-item-title">
            <a href={itemHref(item.id)}>{item.name[lang]}</a>
          </h2>
          <p class="catalog-item-summary">{item.summary[lang]}</p>
          <ItemTags item={item} lang={lang} showArea={showArea} />
        </li>
      ))}
    </ul>
  );
}

/** A GET form, so results can be bookmarked and the back button works; role=search names the landmark. */
export function SearchForm({
  lang,
  value,
  error,
  labelKey = 'search.label',
}: {
  lang: Lang;
  value?: string;
  error?: string;
  labelKey?: WordKey;
}) {
  const id = fieldId('q');
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <form class="catalog-search" action="/services/search" method="get" role="search" novalidate>
      {error ? <ErrorSummary errors={[{ field: 'q', message: error }]} lang={lang} /> : null}
      <div class={error ? 'form-group form-group--error' : 'form-group'}>
        <label class="label" for={id}>
          {words(lang, labelKey)}
        </label>
        <div class="hint" id={`${id}-hint`}>
          {words(lang, 'search.hint')}
        </div>
        {error ? (
          <p class="error-message" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
        <div class="catalog-search-row">
          <input
            class={error ? 'input input--error' : 'input'}
            id={id}
            name="q"
            type="search"
            value={value}
            enterkeyhint="search"
            aria-describedby={describedBy}
            aria-invalid={error ? 'true' : undefined}
          />
          <button class="button button--primary" type="submit">
            {words(lang, 'search.button')}
          </button>
        </div>
      </div>
    </form>
  );
}

/** Links, not a form: each choice is its own address, so it works without JavaScript and can be cached. */
export function AudienceSwitch({
  lang,
  current,
  href,
  withAll = false,
}: {
  lang: Lang;
  current: AudienceFilter | undefined;
  href: (audience: AudienceFilter | undefined) => string;
  withAll?: boolean;
}) {
  const choices: [AudienceFilter | undefined, WordKey][] = [
    ...(withAll ? [[undefined, 'audience.all'] as [undefined, WordKey]] : []),
    ['person', 'audience.person'],
    ['company', 'audience.company'],
  ];
  return (
    <nav class="audience-switch" aria-label={words(lang, 'audience.label')}>
      <ul class="pill-list">
        {choices.map(([audience, key]) => (
          <li>
            <a href={href(audience)} aria-current={audience === current ? 'page' : undefined}>
              {words(lang, key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The portal's address of a blank form or sample, e.g. `/services/files/forms/crj-application-form.pdf`. */
export function documentHref(path: string): string {
  return `/services/files/${path}`;
}
