import type { Child } from 'hono/jsx';
import { Table } from '../components.tsx';

// A small chart drawn on the server as SVG, so it shows without scripts and under the pages' CSP (no inline
// styles: colours come from classes in the stylesheet). The picture is one image with a title and a short
// description for assistive technology; the numbers themselves are in the table beside it, which is what a
// screen reader reads and what the export offers.

export interface ChartPoint {
  /** The label under the bar or point (a month, a unit, a service). */
  label: string;
  /** Null where there is nothing to measure (a rate of a month with no cases): no bar, a gap in the line. */
  value: number | null;
}

export interface ChartProps {
  /** Unique on the page: names the title and description elements. */
  id: string;
  /** Bars up over months, a line over months, or bars across for named things (units, services). */
  kind: 'bar' | 'line' | 'hbar';
  title: string;
  /** One sentence saying what the picture shows (largest, latest), for those who cannot see it. */
  desc: string;
  points: readonly ChartPoint[];
  /** How a value is written in the table and above the bars: 37, 85.7%, 4.2 days. */
  format: (value: number) => string;
  /** The table's column heads: what the labels are, what the values are. */
  head: readonly [string, string];
  /** A rate's axis runs to 100; counts to their maximum. */
  max?: number;
}

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { top: 24, right: 12, bottom: 44, left: 12 };

/** Numbers rounded to what the axis needs: a maximum of 0 still draws an axis. */
function scaleMax(points: readonly ChartPoint[], fixed?: number): number {
  if (fixed !== undefined) return fixed;
  const top = Math.max(0, ...points.map((p) => p.value ?? 0));
  return top === 0 ? 1 : top;
}

const ROW = 30;
const LABEL_W = 220;

/** Bars across, one row per named thing: long names fit where they would overlap under upright bars. */
function HorizontalBars(p: ChartProps) {
  const max = scaleMax(p.points, p.max);
  const height = Math.max(1, p.points.length) * ROW + 8;
  const plotW = WIDTH - LABEL_W - 80;
  const titleId = `${p.id}-title`;
  const descId = `${p.id}-desc`;
  // The picture shortens a long name; the table beside it has it whole.
  const short = (label: string) => ([...label].length > 14 ? `${[...label].slice(0, 13).join('')}…` : label);
  return (
    <svg
      class="chart-svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      focusable="false"
    >
      <title id={titleId}>{p.title}</title>
      <desc id={descId}>{p.desc}</desc>
      {p.points.map((pt, i) => {
        const y = 4 + i * ROW;
        const w = pt.value === null ? 0 : (Math.min(pt.value, max) / max) * plotW;
        return (
          <g>
            <text class="chart-label" x={LABEL_W - 8} y={y + 19} text-anchor="end">
              {short(pt.label)}
            </text>
            {w > 0 ? (
              <rect class="chart-bar" x={LABEL_W} y={y + 4} width={w.toFixed(1)} height={ROW - 10} />
            ) : null}
            {pt.value === null ? null : (
              <text class="chart-value" x={(LABEL_W + w + 6).toFixed(1)} y={y + 19}>
                {p.format(pt.value)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** The SVG alone; `ChartFigure` puts it beside its table. */
export function ChartSvg(p: ChartProps) {
  if (p.kind === 'hbar') return <HorizontalBars {...p} />;
  const max = scaleMax(p.points, p.max);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const n = Math.max(1, p.points.length);
  const band = plotW / n;
  const x = (i: number) => PAD.left + band * i + band / 2;
  const y = (v: number) => PAD.top + plotH - (Math.min(v, max) / max) * plotH;
  // A label every few bands when there are many, so month names never overlap.
  const every = n > 12 ? Math.ceil(n / 12) : 1;
  const titleId = `${p.id}-title`;
  const descId = `${p.id}-desc`;
  const marks: Child[] = [];
  if (p.kind === 'bar') {
    p.points.forEach((pt, i) => {
      if (pt.value === null) return;
      const top = y(pt.value);
      const barW = Math.max(2, band * 0.6);
      marks.push(
        <rect
          class="chart-bar"
          x={(x(i) - barW / 2).toFixed(1)}
          y={top.toFixed(1)}
          width={barW.toFixed(1)}
          height={(PAD.top + plotH - top).toFixed(1)}
        />,
      );
      if (n <= 12)
        marks.push(
          <text class="chart-value" x={x(i).toFixed(1)} y={(top - 6).toFixed(1)} text-anchor="middle">
            {p.format(pt.value)}
          </text>,
        );
    });
  } else {
    // A line broken where a value is missing: each run of known values is its own polyline.
    const runs: string[][] = [[]];
    p.points.forEach((pt, i) => {
      if (pt.value === null) runs.push([]);
      else runs[runs.length - 1]!.push(`${x(i).toFixed(1)},${y(pt.value).toFixed(1)}`);
    });
    for (const run of runs.filter((r) => r.length > 0))
      marks.push(<polyline class="chart-line" points={run.join(' ')} />);
    p.points.forEach((pt, i) => {
      if (pt.value === null) return;
      marks.push(<circle class="chart-dot" cx={x(i).toFixed(1)} cy={y(pt.value).toFixed(1)} r="4" />);
    });
  }
  return (
    <svg
      class="chart-svg"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      focusable="false"
    >
      <title id={titleId}>{p.title}</title>
      <desc id={descId}>{p.desc}</desc>
      <line
        class="chart-axis"
        x1={PAD.left}
        x2={WIDTH - PAD.right}
        y1={PAD.top + plotH}
        y2={PAD.top + plotH}
      />
      {marks}
      {p.points.map((pt, i) =>
        i % every === 0 ? (
          <text class="chart-label" x={x(i).toFixed(1)} y={HEIGHT - PAD.bottom + 20} text-anchor="middle">
            {pt.label}
          </text>
        ) : null,
      )}
    </svg>
  );
}

/** The chart and, beside it (below on a phone), the table of the same numbers. */
export function ChartFigure(p: ChartProps & { dash: string }) {
  return (
    <figure class="chart" aria-labelledby={`${p.id}-caption`}>
      <figcaption class="chart-caption" id={`${p.id}-caption`}>
        {p.title}
      </figcaption>
      <div class="chart-body">
        {/* On a narrow screen the picture keeps a legible size and scrolls sideways in its own box (which
            takes the keyboard's focus for that) rather than shrinking its labels; the table has the numbers. */}
        <div class="chart-picture" tabindex={0} role="group" aria-labelledby={`${p.id}-caption`}>
          <ChartSvg {...p} />
        </div>
        <div class="chart-table">
          <Table
            caption={p.title}
            head={[...p.head]}
            rows={p.points.map((pt) => [pt.label, pt.value === null ? p.dash : p.format(pt.value)])}
            rowHeaders
            numeric={[1]}
          />
        </div>
      </div>
    </figure>
  );
}

/** A sentence for the chart's description: the largest value and the latest one. */
export function describe(
  points: readonly ChartPoint[],
  format: (value: number) => string,
  words: { empty: string; highest: string; latest: string },
): string {
  const known = points.filter((p): p is ChartPoint & { value: number } => p.value !== null);
  if (known.length === 0) return words.empty;
  const top = known.reduce((a, b) => (b.value > a.value ? b : a));
  const last = known[known.length - 1]!;
  return `${words.highest} ${top.label}: ${format(top.value)}; ${words.latest} ${last.label}: ${format(last.value)}.`;
}
