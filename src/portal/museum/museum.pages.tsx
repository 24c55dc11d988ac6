import { raw } from 'hono/html';
import { halls, MUSEUM_VISIT_SERVICE, type Hall } from '../../shared/museum/museum.halls.ts';
import { BackLink, Notice, SummaryList } from '../../shared/ui/components.tsx';
import type { PageContext } from '../../shared/ui/context.ts';
import { Button } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { museumWords } from './museum.messages.ts';
import type { Exhibit, ExhibitCard } from './museum.service.ts';

// The museum's pages: the entrance with its halls and the way to book a visit, one hall's exhibits, one
// exhibit with its picture, caption, period and text. English pages show an exhibit's English where it has it.

const w = (ctx: PageContext, key: Parameters<typeof museumWords.text>[1], params?: Record<string, string>) =>
  museumWords.text(ctx.lang, key, params);

/** What a visitor reads of an exhibit: English on English pages where it has it. */
function shown(ctx: PageContext, e: ExhibitCard) {
  const english = ctx.lang === 'en' && Boolean(e.titleEn);
  return {
    lang: english ? ('en' as const) : ('zh-CN' as const),
    title: english ? e.titleEn : e.title,
    period: english && e.periodEn ? e.periodEn : e.period,
    alt: english && e.imageAltEn ? e.imageAltEn : e.imageAlt,
    chineseOnly: ctx.lang === 'en' && !english,
  };
}

const bookHref = `/services/${MUSEUM_VISIT_SERVICE}/book`;

function ExhibitGrid({ ctx, items }: { ctx: PageContext; items: readonly ExhibitCard[] }) {
  return (
    <ul class="exhibit-grid">
      {items.map((e) => {
        const s = shown(ctx, e);
        return (
          <li class="exhibit-card">
            <img src={e.image} alt={s.alt} lang={s.lang} loading="lazy" width="320" height="240" />
            <a class="exhibit-link" href={`/museum/exhibits/${e.id}`} lang={s.lang}>
              {s.title}
            </a>
            <p class="hint" lang={s.lang}>
              {s.period}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

export function museumPage(ctx: PageContext, exhibits: readonly ExhibitCard[]): string {
  const title = w(ctx, 'title');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{w(ctx, 'intro')}</p>
      <section aria-labelledby="museum-halls">
        <h2 id="museum-halls">{w(ctx, 'halls')}</h2>
        <ul class="card-grid">
          {halls.map((h) => {
            const count = exhibits.filter((e) => e.hall === h.slug).length;
            return (
              <li class="card">
                <h3 class="card-title">
                  <a class="card-link" href={`/museum/halls/${h.slug}`}>
                    {h.name[ctx.lang]}
                  </a>
                </h3>
                <p class="card-desc">
                  {h.years[ctx.lang]} · {w(ctx, 'exhibitCount', { count: String(count) })}
                </p>
                <p class="card-desc">{h.intro[ctx.lang]}</p>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="museum-visit">
        <h2 id="museum-visit">{w(ctx, 'visitHeading')}</h2>
        <p>{w(ctx, 'visitText')}</p>
        <Button href={bookHref}>{w(ctx, 'book')}</Button>
      </section>
    </Layout>,
  );
}

export function hallPage(ctx: PageContext, hall: Hall, exhibits: readonly ExhibitCard[]): string {
  const title = hall.name[ctx.lang];
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href="/museum">{w(ctx, 'backToMuseum')}</BackLink>
      <h1>{title}</h1>
      <p class="hint">{hall.years[ctx.lang]}</p>
      <p>{hall.intro[ctx.lang]}</p>
      {exhibits.length > 0 ? <ExhibitGrid ctx={ctx} items={exhibits} /> : <p>{w(ctx, 'noExhibits')}</p>}
      <p>
        <a href={bookHref}>{w(ctx, 'book')}</a>
      </p>
    </Layout>,
  );
}

export function exhibitPage(ctx: PageContext, hall: Hall, exhibit: Exhibit): string {
  const s = shown(ctx, exhibit);
  const f = exhibit.row.fields;
  const caption = ctx.lang === 'en' && f.captionEn ? f.captionEn : (f.caption ?? '');
  const captionLang = ctx.lang === 'en' && f.captionEn ? 'en' : 'zh-CN';
  const html = s.lang === 'en' ? exhibit.row.htmlEn : exhibit.row.html;
  return renderPage(
    <Layout ctx={ctx} title={s.title}>
      <BackLink href={`/museum/halls/${hall.slug}`}>{hall.name[ctx.lang]}</BackLink>
      <article class="exhibit">
        <h1 lang={s.lang}>{s.title}</h1>
        {s.chineseOnly ? <Notice lang={ctx.lang}>{w(ctx, 'chineseOnly')}</Notice> : null}
        <figure class="exhibit-figure">
          <img src={exhibit.image} alt={s.alt} lang={s.lang} width="640" height="480" />
          {caption ? <figcaption lang={captionLang}>{caption}</figcaption> : null}
        </figure>
        <SummaryList
          rows={[
            { key: w(ctx, 'hall'), value: hall.name[ctx.lang] },
            { key: w(ctx, 'period'), value: <span lang={s.lang}>{s.period}</span> },
          ]}
        />
        <div class="article-body" lang={s.lang}>
          {raw(html)}
        </div>
      </article>
      <p>
        <a href={bookHref}>{w(ctx, 'book')}</a>
      </p>
    </Layout>,
  );
}
