import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { attachment, defuse, toCsv } from '../../src/shared/export/csv.ts';
import { crc32, toXlsx } from '../../src/shared/export/xlsx.ts';
import { ChartSvg } from '../../src/shared/ui/charts/chart.tsx';
import { renderFragment } from '../../src/shared/ui/render.ts';

test('a text cell a spreadsheet would run as a formula is defused; numbers and plain text are not', () => {
  for (const bad of ['=1+1', '+86 138', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")'])
    assert.equal(defuse(bad), `'${bad}`, bad);
  for (const fine of ['示范市公安局', 'a=b', '1-2', '']) assert.equal(defuse(fine), fine);
  const csv = toCsv(
    ['单位', '件数'],
    [
      ['=cmd|calc', -3],
      ['有"引号", 和逗号', 1.5],
      ['两行\n文字', null],
    ],
  );
  assert.equal(csv, '\uFEFF单位,件数\r\n\'=cmd|calc,-3\r\n"有""引号"", 和逗号",1.5\r\n"两行\n文字",\r\n');
});

test('a download is named in UTF-8 with an ASCII fallback', () => {
  assert.equal(
    attachment('统计-按月份.csv', 'statistics-months.csv'),
    `attachment; filename="statistics-months.csv"; filename*=UTF-8''%E7%BB%9F%E8%AE%A1-%E6%8C%89%E6%9C%88%E4%BB%BD.csv`,
  );
});

test('the workbook is a zip whose entries inflate to the sheets, text defused and escaped', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  const bytes = toXlsx([
    {
      name: 'A/B:表',
      head: ['名称', '数'],
      rows: [
        ['<&>', 2],
        ['=1+1', null],
      ],
    },
  ]);
  assert.equal(bytes.readUInt32LE(0), 0x04034b50);
  assert.equal(bytes.readUInt32LE(bytes.length - 22), 0x06054b50);
  const entries = new Map<string, string>();
  for (let at = 0; bytes.readUInt32LE(at) === 0x04034b50;) {
    const size = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    const name = bytes.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    const data = bytes.subarray(at + 30 + nameLength, at + 30 + nameLength + size);
    const text = inflateRawSync(data);
    assert.equal(crc32(text), bytes.readUInt32LE(at + 14), `${name}: its checksum`);
    entries.set(name, text.toString('utf8'));
    at += 30 + nameLength + size;
  }
  assert.match(entries.get('xl/workbook.xml')!, /<sheet name="A B 表"/);
  const sheet = entries.get('xl/worksheets/sheet1.xml')!;
  assert.match(
    sheet,
    /<c r="A2" t="inlineStr"><is><t xml:space="preserve">&lt;&amp;&gt;<\/t><\/is><\/c><c r="B2"><v>2<\/v><\/c>/,
  );
  assert.match(sheet, /<t xml:space="preserve">'=1\+1<\/t>/);
});

test('a chart is one image named by its title and description, with a gap where a value is missing', () => {
  const svg = renderFragment(
    ChartSvg({
      id: 'c',
      kind: 'line',
      title: '按时办结率',
      desc: '最高 11 月：90%',
      points: [
        { label: '10', value: 80 },
        { label: '11', value: null },
        { label: '12', value: 90 },
      ],
      format: (v) => `${v}%`,
      head: ['月份', '比率'],
      max: 100,
    }),
  );
  assert.match(
    svg,
    /^<svg class="chart-svg" viewBox="0 0 640 240" role="img" aria-labelledby="c-title c-desc"/,
  );
  assert.match(svg, /<title id="c-title">按时办结率<\/title><desc id="c-desc">最高 11 月：90%<\/desc>/);
  assert.equal(svg.match(/<polyline/g)?.length, 2, 'the line breaks at the missing month');
  assert.ok(!svg.includes('style='), 'no inline style: the CSP allows none');
});
