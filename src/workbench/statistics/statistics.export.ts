import type { Cell } from '../../shared/export/csv.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import type { TableId } from './statistics.schema.ts';
import { word, type StatisticsWord } from './statistics.messages.ts';
import type { Line, StatisticsView } from './statistics.view.ts';

// The statistics' tables as rows of cells: the page shows them, the CSV and Excel exports write them. Rates
// and averages are numbers (a percentage, days) so a spreadsheet can compute with them; none is an empty cell.

export interface FigureTable {
  id: TableId;
  title: string;
  head: string[];
  rows: Cell[][];
}

const figureColumns: readonly StatisticsWord[] = [
  'col.applications',
  'col.concluded',
  'col.onTimeRate',
  'col.avgCycleDays',
  'col.zeroVisitRate',
  'col.oneVisitRate',
  'col.letters',
  'col.replyRate',
];

/** The number cells of a line, in the order of `figureColumns`. */
export function figureCells(line: Line): Cell[] {
  return [
    line.applications,
    line.concluded,
    line.onTimeRate,
    line.avgCycleDays,
    line.zeroVisitRate,
    line.oneVisitRate,
    line.letters,
    line.replyRate,
  ];
}

const labelOf = (lang: Lang, line: Line) => (lang === 'en' ? line.label.en : line.label.zh);

export function figureTables(view: StatisticsView, lang: Lang): FigureTable[] {
  const head = (first: StatisticsWord) => [word(lang, first), ...figureColumns.map((c) => word(lang, c))];
  const totalRow = [word(lang, 'total'), ...figureCells(view.total)];
  return [
    {
      id: 'months',
      title: word(lang, 'table.months'),
      head: head('col.month'),
      rows: [...view.byMonth.map((l) => [l.key, ...figureCells(l)]), totalRow],
    },
    {
      id: 'units',
      title: word(lang, 'table.units'),
      head: head('col.unit'),
      rows: [...view.byUnit.map((l) => [labelOf(lang, l), ...figureCells(l)]), totalRow],
    },
    {
      id: 'services',
      title: word(lang, 'table.services'),
      head: head('col.service'),
      rows: view.byService.map((l) => [labelOf(lang, l), ...figureCells(l)]),
    },
    {
      id: 'ratings',
      title: word(lang, 'table.ratings'),
      head: (
        [
          'col.channel',
          'col.ratings',
          'col.averageLevel',
          'col.bad',
          'col.defaulted',
          'col.setAside',
        ] as const
      ).map((c) => word(lang, c)),
      rows: view.ratings.map((l) => [
        word(lang, l.channel === 'total' ? 'total' : `channel.${l.channel}`),
        l.counted,
        l.averageLevel,
        l.bad,
        l.defaulted,
        l.setAside,
      ]),
    },
  ];
}

/** A download's name: the unit, the table and the last month, e.g. 统计-SF-D01-按月份-2026-12.csv. */
export function downloadName(
  view: StatisticsView,
  table: { id: string; title: string },
  ext: string,
): { utf8: string; ascii: string } {
  const month = view.months[view.months.length - 1] ?? '';
  const safe = view.unit.code.replace(/[^A-Za-z0-9-]/g, '');
  return {
    utf8: `统计-${safe}-${table.title}-${month}.${ext}`,
    ascii: `statistics-${safe}-${table.id}-${month}.${ext}`,
  };
}
