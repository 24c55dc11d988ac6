import { raw } from 'hono/html';
import { ChartFigure, describe, type ChartPoint } from '../../shared/ui/charts/chart.tsx';
import { BackLink, Table } from '../../shared/ui/components.tsx';
import { LangContext, type PageContext } from '../../shared/ui/context.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { Button, Form } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { FlashBanner } from '../../shared/ui/notification-banner.tsx';
import { renderFragment, renderPage } from '../../shared/ui/render.ts';
import type { Cell } from '../../shared/export/csv.ts';
import { figureTables, type FigureTable } from './statistics.export.ts';
import { word, type StatisticsWord } from './statistics.messages.ts';
import type { Line, Rates, StatisticsView } from './statistics.view.ts';

// The statistics page of one unit: a chart per figure over the months, each with its table beside it, the
// units below (each a link down the tree) and the services, then the full tables with their downloads.

export const statisticsHref = (code: string, query = '') =>
  `/statistics/units/${encodeURIComponent(code)}${query ? `?${query}` : ''}`;

type Format = (value: number) => string;

function formats(ctx: PageContext) {
  const count: Format = (v) => String(v);
  const rate: Format = (v) => `${v.toFixed(1)}%`;
  const days: Format = (v) => `${v.toFixed(1)} ${word(ctx.lang, 'days')}`;
  return { count, rate, days };
}

function cellText(cell: Cell, dash: string): string {
  if (cell === null) return dash;
  return typeof cell === 'number' ? (Number.isInteger(cell) ? String(cell) : cell.toFixed(1)) : cell;
}

function monthChart(
  ctx: PageContext,
  view: StatisticsView,
  id: string,
  title: StatisticsWord,
  column: StatisticsWord,
  pick: (l: Line) => number | null,
  kind: 'bar' | 'line',
  format: Format,
  max?: number,
) {
  const lang = ctx.lang;
  const points: ChartPoint[] = view.byMonth.map((l) => ({ label: l.key.slice(2), value: pick(l) }));
  const words = { empty: word(lang, 'empty'), highest: word(lang, 'highest'), latest: word(lang, 'latest') };
  return (
    <ChartFigure
      id={id}
      kind={kind}
      title={word(lang, title)}
      desc={describe(points, format, words)}
      points={points}
      format={format}
      head={[word(lang, 'col.month'), word(lang, column)]}
      dash={word(lang, 'dash')}
      {...(max === undefined ? {} : { max })}
    />
  );
}

function FullTable({ ctx, code, table }: { ctx: PageContext; code: string; table: FigureTable }) {
  const dash = word(ctx.lang, 'dash');
  return (
    <section class="stats-table" aria-labelledby={`table-${table.id}`}>
      <h2 id={`table-${table.id}`}>{table.title}</h2>
      <Table
        caption={table.title}
        head={table.head}
        rows={table.rows.map((row) => row.map((cell) => cellText(cell, dash)))}
        rowHeaders
        numeric={table.head.map((_, i) => i).filter((i) => i > 0)}
      />
      <p>
        <a href={statisticsHref(code, `format=csv&table=${table.id}`)} download>
          {word(ctx.lang, 'download')} {table.title} · {word(ctx.lang, 'csv')}
        </a>
      </p>
    </section>
  );
}

/**
 * The figures of the page, everything below the refresh form: the same for every officer who reaches the same
 * units, so the route keeps them rendered per snapshot (statistics.snapshot.ts keptStatistics).
 */
export function statisticsFigures(p: { ctx: PageContext; view: StatisticsView }): string {
  const { ctx, view } = p;
  const lang = ctx.lang;
  const f = formats(ctx);
  const code = view.unit.code;
  const rate = (key: keyof Rates) => (l: Line) => l[key];
  const words = { empty: word(lang, 'empty'), highest: word(lang, 'highest'), latest: word(lang, 'latest') };
  const unitPoints = view.byUnit.map((l) => ({
    label: lang === 'en' ? l.label.en : l.label.zh,
    value: l.applications,
  }));
  const servicePoints = view.byService
    .slice(0, 10)
    .map((l) => ({ label: lang === 'en' ? l.label.en : l.label.zh, value: l.applications }));
  const tables = figureTables(view, lang);
  // Rendered apart from the layout, so the language its components read is provided here as the layout does.
  return renderFragment(
    <LangContext.Provider value={lang}>
      <p>
        <a href={statisticsHref(code, 'format=xlsx')} download>
          {word(lang, 'xlsx')}
        </a>
      </p>
      <nav class="stats-units" aria-label={word(lang, 'table.units')}>
        <h2>{word(lang, 'table.units')}</h2>
        <ul>
          {view.byUnit.slice(1).map((u) => (
            <li>
              <a href={statisticsHref(u.key)}>{lang === 'en' ? u.label.en : u.label.zh}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="stats-charts">
        {monthChart(
          ctx,
          view,
          'chart-applications',
          'chart.applications',
          'col.applications',
          (l) => l.applications,
          'bar',
          f.count,
        )}
        {monthChart(
          ctx,
          view,
          'chart-on-time',
          'chart.onTimeRate',
          'col.onTimeRate',
          rate('onTimeRate'),
          'line',
          f.rate,
          100,
        )}
        {monthChart(
          ctx,
          view,
          'chart-cycle',
          'chart.avgCycleDays',
          'col.avgCycleDays',
          rate('avgCycleDays'),
          'line',
          f.days,
        )}
        {monthChart(
          ctx,
          view,
          'chart-zero-visit',
          'chart.zeroVisitRate',
          'col.zeroVisitRate',
          rate('zeroVisitRate'),
          'line',
          f.rate,
          100,
        )}
        {monthChart(
          ctx,
          view,
          'chart-one-visit',
          'chart.oneVisitRate',
          'col.oneVisitRate',
          rate('oneVisitRate'),
          'line',
          f.rate,
          100,
        )}
        {monthChart(
          ctx,
          view,
          'chart-letters',
          'chart.letters',
          'col.letters',
          (l) => l.letters,
          'bar',
          f.count,
        )}
        {monthChart(
          ctx,
          view,
          'chart-reply',
          'chart.replyRate',
          'col.replyRate',
          rate('replyRate'),
          'line',
          f.rate,
          100,
        )}
        <ChartFigure
          id="chart-units"
          kind="hbar"
          title={word(lang, 'chart.byUnit')}
          desc={describe(unitPoints, f.count, words)}
          points={unitPoints}
          format={f.count}
          head={[word(lang, 'col.unit'), word(lang, 'col.applications')]}
          dash={word(lang, 'dash')}
        />
        <ChartFigure
          id="chart-services"
          kind="hbar"
          title={word(lang, 'chart.byService')}
          desc={describe(servicePoints, f.count, words)}
          points={servicePoints}
          format={f.count}
          head={[word(lang, 'col.service'), word(lang, 'col.applications')]}
          dash={word(lang, 'dash')}
        />
      </div>
      {tables.map((table) => (
        <FullTable ctx={ctx} code={code} table={table} />
      ))}
      <p class="hint">{word(lang, 'registeredUsers')}</p>
    </LangContext.Provider>,
  );
}

export function statisticsPage(p: {
  ctx: PageContext;
  view: StatisticsView;
  parent: string | null;
  flash?: string | undefined;
  /** The figures as statisticsFigures renders them, when kept. */
  figures?: string;
}): string {
  const { ctx, view } = p;
  const lang = ctx.lang;
  const code = view.unit.code;
  const name = lang === 'en' ? (view.unit.nameEn ?? view.unit.name) : view.unit.name;
  const title = `${word(lang, 'title')}：${name}`;
  return renderPage(
    <Layout ctx={ctx} title={title}>
      {p.parent ? <BackLink href={statisticsHref(p.parent)}>{word(lang, 'unitAbove')}</BackLink> : null}
      <FlashBanner text={p.flash} lang={lang} />
      <h1>{title}</h1>
      <p>{word(lang, 'intro')}</p>
      <Form action={statisticsHref(code).concat('/refresh')} csrfToken={ctx.csrfToken ?? ''}>
        <p class="stats-as-of">
          {word(lang, 'asOf')}
          <time datetime={view.asOf.toISOString()}>{formatDateTime(lang, view.asOf)}</time>
          {word(lang, 'asOfNote')}
        </p>
        <Button variant="secondary">{word(lang, 'refresh')}</Button>
      </Form>
      {raw(p.figures ?? statisticsFigures({ ctx, view }))}
    </Layout>,
  );
}
