import { ChartFigure, describe, type ChartPoint } from '../../shared/ui/charts/chart.tsx';
import { SummaryList, Table } from '../../shared/ui/components.tsx';
import type { PageContext } from '../../shared/ui/context.ts';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { word, type TransparencyWord } from './transparency.messages.ts';
import type { PublishedStatistics, TransparencyRow } from './transparency.tables.ts';

// The public transparency page (数据公开): the bureau's key figures, a chart per figure over the months with
// its table beside it, and the services most applied for.

type Month = PublishedStatistics['months'][number];
type Format = (value: number) => string;

export function transparencyPage(ctx: PageContext, row: TransparencyRow | undefined): string {
  const lang = ctx.lang;
  const title = word(lang, 'title');
  const dash = word(lang, 'dash');
  const count: Format = (v) => v.toLocaleString('en-US');
  const rate: Format = (v) => `${v.toFixed(1)}%`;
  const days: Format = (v) => `${v.toFixed(1)} ${word(lang, 'days')}`;
  const shown = (v: number | null, f: Format) => (v === null ? dash : f(v));
  if (!row)
    return renderPage(
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        <p>{word(lang, 'none')}</p>
      </Layout>,
    );
  const f = row.figures;
  const words = { empty: word(lang, 'empty'), highest: word(lang, 'highest'), latest: word(lang, 'latest') };
  const chart = (
    id: string,
    key: TransparencyWord,
    column: TransparencyWord,
    pick: (m: Month) => number | null,
    kind: 'bar' | 'line',
    format: Format,
    max?: number,
  ) => {
    const points: ChartPoint[] = f.months.map((m) => ({ label: m.month.slice(2), value: pick(m) }));
    return (
      <ChartFigure
        id={id}
        kind={kind}
        title={word(lang, key)}
        desc={describe(points, format, words)}
        points={points}
        format={format}
        head={[word(lang, 'month'), word(lang, column)]}
        dash={dash}
        {...(max === undefined ? {} : { max })}
      />
    );
  };
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{word(lang, 'intro')}</p>
      <p>
        {word(lang, 'asOf')} <time datetime={f.asOf}>{f.asOf}</time>
      </p>
      <h2>{word(lang, 'keyFigures')}</h2>
      <SummaryList
        rows={[
          { key: word(lang, 'registeredUsers'), value: count(row.registeredUsers) },
          { key: word(lang, 'applications'), value: count(f.total.applications) },
          { key: word(lang, 'concluded'), value: count(f.total.concluded) },
          { key: word(lang, 'onTimeRate'), value: shown(f.total.onTimeRate, rate) },
          { key: word(lang, 'avgCycleDays'), value: shown(f.total.avgCycleDays, days) },
          { key: word(lang, 'zeroVisitRate'), value: shown(f.total.zeroVisitRate, rate) },
          { key: word(lang, 'oneVisitRate'), value: shown(f.total.oneVisitRate, rate) },
          { key: word(lang, 'letters'), value: count(f.total.letters) },
          { key: word(lang, 'replyRate'), value: shown(f.total.replyRate, rate) },
        ]}
      />
      <div class="stats-charts">
        {chart(
          'chart-applications',
          'chart.applications',
          'applications',
          (m) => m.applications,
          'bar',
          count,
        )}
        {chart('chart-on-time', 'chart.onTimeRate', 'onTimeRate', (m) => m.onTimeRate, 'line', rate, 100)}
        {chart(
          'chart-zero-visit',
          'chart.zeroVisitRate',
          'zeroVisitRate',
          (m) => m.zeroVisitRate,
          'line',
          rate,
          100,
        )}
        {chart('chart-letters', 'chart.letters', 'letters', (m) => m.letters, 'bar', count)}
        {chart('chart-reply', 'chart.replyRate', 'replyRate', (m) => m.replyRate, 'line', rate, 100)}
      </div>
      <h2>{word(lang, 'services')}</h2>
      <Table
        caption={word(lang, 'services')}
        head={[word(lang, 'service'), word(lang, 'applications'), word(lang, 'onTimeRate')]}
        rows={f.services.map((s) => [
          lang === 'en' ? s.en : s.zh,
          count(s.applications),
          shown(s.onTimeRate, rate),
        ])}
        rowHeaders
        numeric={[1, 2]}
        stackOnNarrow
      />
      <p class="hint">{word(lang, 'notes')}</p>
    </Layout>,
  );
}
