import { ChartFigure } from '../../shared/ui/charts/chart.tsx';
import { BackLink, SummaryList, Table } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { audienceWords, kindWords, stateWords } from './questionnaires.messages.ts';
import type { QuestionResult } from './questionnaires.results.ts';
import type { QuestionnaireRow } from './questionnaires.tables.ts';

// The results of one version: the responses over time (a chart with its table), then each question's counts
// and shares, a scale's average, and the free-text answers as typed (the renderer escapes them).

const percent = (lang: 'zh' | 'en', value: number | null) => (value === null ? '—' : `${value.toFixed(1)}%`);

function QuestionBlock({ ctx, r, n }: { ctx: PageContext; r: QuestionResult; n: number }) {
  const label = inLang(ctx, r.question.label.zh, r.question.label.en || r.question.label.zh);
  const head = `${String(n)}. ${label}`;
  return (
    <section class="question-result">
      <h3>{head}</h3>
      <p class="hint">
        {kindWords[r.question.kind][ctx.lang]} ·{' '}
        {inLang(ctx, `${r.answered} 人作答`, `${r.answered} answered`)}
        {r.average !== null
          ? inLang(ctx, ` · 平均 ${r.average.toFixed(2)} 分`, ` · average ${r.average.toFixed(2)}`)
          : ''}
      </p>
      {r.question.kind === 'text' ? (
        r.texts.length === 0 ? (
          <p>{inLang(ctx, '暂无文字回答。', 'No written answers yet.')}</p>
        ) : (
          <ul class="list list--bullet free-text-answers">
            {r.texts.map((t) => (
              <li>{t}</li>
            ))}
          </ul>
        )
      ) : (
        <Table
          caption={head}
          head={[inLang(ctx, '选项', 'Option'), inLang(ctx, '人数', 'Count'), inLang(ctx, '占比', 'Share')]}
          numeric={[1, 2]}
          rowHeaders
          rows={r.options.map((o) => [
            inLang(ctx, o.label.zh, o.label.en || o.label.zh),
            String(o.count),
            percent(ctx.lang, o.percent),
          ])}
        />
      )}
    </section>
  );
}

export function resultsPage(p: {
  ctx: PageContext;
  row: QuestionnaireRow;
  version: number;
  versions: number[];
  total: number;
  perDay: { day: string; count: number }[];
  results: QuestionResult[];
}) {
  const { ctx, row } = p;
  const title = inLang(ctx, row.definition.title.zh, row.definition.title.en);
  const base = `/questionnaires/${row.id}/results`;
  return renderPage(
    <Layout ctx={ctx} title={inLang(ctx, `结果：${title}`, `Results: ${title}`)}>
      <BackLink href="/questionnaires" lang={ctx.lang} />
      <span class="caption">{inLang(ctx, '问卷结果', 'Questionnaire results')}</span>
      <h1>{title}</h1>
      <SummaryList
        lang={ctx.lang}
        rows={[
          { key: inLang(ctx, '状态', 'State'), value: stateWords[row.state][ctx.lang] },
          {
            key: inLang(ctx, '调查对象', 'Audience'),
            value: row.audience ? audienceWords[row.audience][ctx.lang] : '—',
          },
          {
            key: inLang(ctx, '调查期', 'Period'),
            value: row.opensOn ? `${row.opensOn} – ${row.closesOn ?? ''}` : '—',
          },
          { key: inLang(ctx, '本版本回答数', 'Responses to this version'), value: String(p.total) },
        ]}
      />
      {p.versions.length > 1 ? (
        <nav aria-label={inLang(ctx, '问卷版本', 'Versions')}>
          <ul class="pill-list">
            {p.versions.map((v) => (
              <li>
                <a href={`${base}?version=${v}`} aria-current={v === p.version ? 'page' : undefined}>
                  {inLang(ctx, `第 ${v} 版`, `Version ${v}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <p>
        <a href={`/questionnaires/${row.id}/results.csv?version=${p.version}`} download>
          {inLang(ctx, '导出本版本全部回答（CSV）', 'Export this version’s responses (CSV)')}
        </a>
      </p>
      <ChartFigure
        id="responses-per-day"
        kind="bar"
        title={inLang(ctx, '每日回答数', 'Responses per day')}
        desc={inLang(ctx, `共 ${p.total} 份回答`, `${p.total} responses in all`)}
        points={p.perDay.map((d) => ({ label: d.day.slice(5), value: d.count }))}
        format={(v) => String(v)}
        head={[inLang(ctx, '日期', 'Day'), inLang(ctx, '回答数', 'Responses')]}
        dash="—"
      />
      <h2>{inLang(ctx, '各题结果', 'Question by question')}</h2>
      {p.results.map((r, i) => (
        <QuestionBlock ctx={ctx} r={r} n={i + 1} />
      ))}
    </Layout>,
  );
}
