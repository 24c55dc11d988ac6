import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { inflateRawSync } from 'node:zlib';
import { outbox } from '../../src/exchange/tables.ts';
import { caseActions, cases } from '../../src/workbench/cases/cases.tables.ts';
import { letters } from '../../src/workbench/letters/letters.tables.ts';
import {
  scheduleStatistics,
  STATISTICS_QUEUE,
  statisticsJob,
} from '../../src/workbench/statistics/statistics.service.ts';
import { runOneJob } from '../../src/shared/jobs/queue.ts';
import { openCase, SERVICES, startCaseWorkbench } from './cases.support.ts';
import { setClock, signedIn } from './supervision.support.ts';
import type { Workbench } from './support.ts';

let zone: Workbench;
before(async () => {
  zone = await startCaseWorkbench();
  // Thursday 10 December 2026, 10:00 in Beijing.
  setClock(zone, '2026-12-10T02:00:00Z');
  await plant();
});
after(async () => zone.close());

const pathOf: Record<string, string> = {
  'SF-D01-P01': 'SF-0000/SF-D01/SF-D01-P01',
  'SF-D01-P02': 'SF-0000/SF-D01/SF-D01-P02',
  'SF-D02-P01': 'SF-0000/SF-D02/SF-D02-P01',
};

/** A case of `item` at a station, submitted then, and closed in `end` at an instant if given. */
async function plantCase(
  unitCode: string,
  item: string,
  submittedAt: string,
  end?: { state: string; at: string; dueOn: string | null },
): Promise<void> {
  const { row } = await openCase(zone, item);
  await zone.services.db
    .update(cases)
    .set({
      unitCode,
      unitPath: pathOf[unitCode]!,
      submittedAt: new Date(submittedAt),
      ...(end
        ? { state: end.state, closed: true, dueOn: end.dueOn, updatedAt: new Date(end.at), stateDueOn: null }
        : {}),
    })
    .where(eq(cases.caseNumber, row.caseNumber));
  if (end)
    await zone.services.db.insert(caseActions).values({
      caseNumber: row.caseNumber,
      seq: 99,
      actor: 'T0001',
      unitCode,
      action: 'decide',
      fromState: 'approval',
      toState: end.state,
      data: {},
      at: new Date(end.at),
    });
}

let letterSeq = 0;
async function plantLetter(unitCode: string, receivedAt: string, state: string): Promise<void> {
  await zone.services.db.insert(letters).values({
    letterNumber: `XJ-TEST-${++letterSeq}`,
    kind: 'consultation',
    topic: 'household',
    subject: '咨询',
    body: '请问如何办理？',
    publishAllowed: false,
    anonymous: true,
    unitCode,
    unitPath: pathOf[unitCode]!,
    workflowId: 'letter',
    workflowVersion: 1,
    state,
    receivedAt: new Date(receivedAt),
    updatedAt: new Date(receivedAt),
  });
}

async function plant() {
  const certificate = SERVICES.certificate; // asks for no visit
  const permit = SERVICES.preApplication; // asks for one visit
  // November: one concluded on time after 7 days, one refused late after 20 days.
  await plantCase('SF-D01-P01', certificate, '2026-11-03T02:00:00Z', {
    state: 'completed',
    at: '2026-11-10T02:00:00Z',
    dueOn: '2026-11-20',
  });
  await plantCase('SF-D01-P01', certificate, '2026-11-05T02:00:00Z', {
    state: 'refused',
    at: '2026-11-25T02:00:00Z',
    dueOn: '2026-11-20',
  });
  // December: one open, one withdrawn (not a conclusion), and one sent late on 30 November UTC, which is
  // already 1 December in Beijing.
  await plantCase('SF-D01-P02', permit, '2026-12-01T02:00:00Z');
  await plantCase('SF-D01-P02', certificate, '2026-12-02T02:00:00Z', {
    state: 'withdrawn',
    at: '2026-12-03T02:00:00Z',
    dueOn: null,
  });
  await plantCase('SF-D01-P01', certificate, '2026-11-30T17:00:00Z');
  // Another district, and a case older than the twelve months: in neither district's figures.
  await plantCase('SF-D02-P01', certificate, '2026-12-01T02:00:00Z');
  await plantCase('SF-D01-P01', certificate, '2025-10-01T02:00:00Z');
  await plantLetter('SF-D01-P01', '2026-11-12T02:00:00Z', 'replied');
  await plantLetter('SF-D01-P01', '2026-12-02T02:00:00Z', 'replied');
  await plantLetter('SF-D01-P02', '2026-12-04T02:00:00Z', 'routed');
  await plantLetter('SF-D02-P01', '2026-12-04T02:00:00Z', 'replied');
}

interface LineJson {
  key: string;
  applications: number;
  concluded: number;
  onTimeRate: number | null;
  avgCycleDays: number | null;
  zeroVisitRate: number | null;
  oneVisitRate: number | null;
  letters: number;
  replyRate: number | null;
}
interface ViewJson {
  months: string[];
  total: LineJson;
  byMonth: LineJson[];
  byUnit: LineJson[];
  byService: LineJson[];
}

const numbers = (l: LineJson | undefined) =>
  l && [
    l.applications,
    l.concluded,
    l.onTimeRate,
    l.avgCycleDays,
    l.zeroVisitRate,
    l.oneVisitRate,
    l.letters,
    l.replyRate,
  ];

test('a district supervisor reads exact figures for his district by month, by station and by service', async () => {
  const district = await signedIn(zone, 'SF-D01', 'supervisor', 'subtree');
  const start = await district.client.get('/statistics');
  assert.deepEqual([start.statusCode, start.headers.location], [303, '/statistics/units/SF-D01']);
  // A language asked for in the address is kept on the way to the unit; another value is left behind.
  const startEnglish = await district.client.get('/statistics?lang=en');
  assert.match(String(startEnglish.headers.location), /^\/statistics\/units\/SF-D01\?(.*&)?lang=en/);
  const startOther = await district.client.get('/statistics?lang=fr&other=1');
  assert.deepEqual([startOther.statusCode, startOther.headers.location], [303, '/statistics/units/SF-D01']);
  const answer = await district.client.json('GET', '/statistics/units/SF-D01');
  assert.equal(answer.statusCode, 200, answer.body);
  const view = JSON.parse(answer.body) as ViewJson;
  assert.equal(view.months.length, 12);
  assert.deepEqual([view.months[0], view.months[11]], ['2026-01', '2026-12']);
  const month = (m: string) => view.byMonth.find((l) => l.key === m);
  // November: 2 applications, both concluded, 1 of 2 on time, (7 + 20) / 2 days, both ask for no visit.
  assert.deepEqual(numbers(month('2026-11')), [2, 2, 50, 13.5, 100, 100, 1, 100]);
  // December: the permit (one visit), the withdrawn case and the one sent at 01:00 Beijing time on 1 December.
  assert.deepEqual(numbers(month('2026-12')), [3, 0, null, null, 66.7, 100, 2, 50]);
  assert.deepEqual(numbers(month('2026-10')), [0, 0, null, null, null, null, 0, null]);
  assert.deepEqual(numbers(view.total), [5, 2, 50, 13.5, 80, 100, 3, 66.7]);
  const unit = (code: string) => view.byUnit.find((l) => l.key === code);
  assert.deepEqual(numbers(unit('SF-D01')), [0, 0, null, null, null, null, 0, null]);
  assert.deepEqual(numbers(unit('SF-D01-P01')), [3, 2, 50, 13.5, 100, 100, 2, 100]);
  assert.deepEqual(numbers(unit('SF-D01-P02')), [2, 0, null, null, 50, 100, 1, 0]);
  assert.deepEqual(
    view.byService.map((s) => [s.key, s.applications]),
    [
      [SERVICES.certificate, 4],
      [SERVICES.preApplication, 1],
    ],
  );

  // The page: each chart an image with its title and description, its numbers in a table beside it.
  const page = await district.client.get('/statistics/units/SF-D01');
  assert.equal(page.statusCode, 200);
  assert.match(
    page.body,
    /<svg class="chart-svg"[^>]*role="img"[^>]*aria-labelledby="chart-applications-title chart-applications-desc"/,
  );
  assert.match(page.body, /<title id="chart-on-time-title">每月按时办结率<\/title>/);
  assert.match(page.body, /<th scope="row">26-11<\/th><td class="cell--numeric">50.0%<\/td>/);
  assert.ok(!/style=/.test(page.body.split('<main')[1] ?? ''), 'no inline styles under the CSP');
  assert.match(page.body, /href="\/statistics\/units\/SF-D01-P01"/);
  assert.match(page.body, /href="\/statistics\/units\/SF-D01\?format=csv&amp;table=months"/);
  const english = await district.client.get('/statistics/units/SF-D01?lang=en');
  assert.match(english.body, /On-time rate per month/);
});

test('a station sees only itself; a unit out of reach answers as one that does not exist', async () => {
  const station = await signedIn(zone, 'SF-D01-P02', 'approver', 'unit');
  const own = JSON.parse((await station.client.json('GET', '/statistics/units/SF-D01-P02')).body) as ViewJson;
  assert.deepEqual(numbers(own.total), [2, 0, null, null, 50, 100, 1, 0]);
  const up = await station.client.json('GET', '/statistics/units/SF-D01');
  const none = await station.client.json('GET', '/statistics/units/SF-NONE');
  assert.deepEqual([up.statusCode, none.statusCode], [404, 404]);
  const codeOf = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;
  assert.deepEqual([codeOf(up.body), codeOf(none.body)], ['NOT_FOUND', 'NOT_FOUND']);
  const clerk = await signedIn(zone, 'SF-D01', 'window-clerk', 'subtree');
  assert.equal((await clerk.client.get('/statistics/units/SF-D01')).statusCode, 403);
});

test('every table downloads as CSV with a BOM, and all of them as an Excel workbook', async () => {
  const district = await signedIn(zone, 'SF-D01', 'supervisor', 'subtree');
  const csv = await district.client.get('/statistics/units/SF-D01?format=csv&table=units');
  assert.equal(csv.statusCode, 200);
  assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
  assert.match(
    String(csv.headers['content-disposition']),
    /^attachment; filename="statistics-SF-D01-units-2026-12\.csv"; filename\*=UTF-8''/,
  );
  assert.ok(csv.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'a UTF-8 BOM');
  const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(
    lines[0],
    '单位,申请件数,办结件数,按时办结率（%）,平均办理时长（天）,零跑动率（%）,最多跑一次率（%）,来信件数,信件答复率（%）',
  );
  assert.ok(
    lines.includes('中心区第一派出所,3,2,50,13.5,100,100,2,100') ||
      lines.some((l) => l.endsWith(',3,2,50,13.5,100,100,2,100')),
  );
  assert.ok(lines.includes('合计,5,2,50,13.5,80,100,3,66.7'));

  const xlsx = await district.client.get('/statistics/units/SF-D01?format=xlsx');
  assert.equal(xlsx.statusCode, 200);
  assert.equal(
    xlsx.headers['content-type'],
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  const parts = unzip(xlsx.rawPayload);
  assert.deepEqual(
    [...parts.keys()],
    [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/worksheets/sheet3.xml',
      'xl/worksheets/sheet4.xml',
    ],
  );
  assert.match(
    parts.get('xl/workbook.xml')!,
    /<sheet name="好差评（按评价渠道）" sheetId="4" r:id="rId4"\/>/,
  );
  assert.match(parts.get('xl/workbook.xml')!, /<sheet name="按月份" sheetId="1" r:id="rId1"\/>/);
  assert.match(
    parts.get('xl/worksheets/sheet1.xml')!,
    /<c r="A12" t="inlineStr"><is><t xml:space="preserve">2026-11<\/t><\/is><\/c><c r="B12"><v>2<\/v><\/c>/,
  );
});

test('the daily job sends the whole force’s figures to the portal once a Beijing day', async () => {
  await scheduleStatistics(zone.services);
  await scheduleStatistics(zone.services);
  const handlers = { [STATISTICS_QUEUE]: statisticsJob(zone.services) };
  let ran = 0;
  while (await runOneJob(zone.services.db, handlers)) ran++;
  assert.equal(ran, 1, 'one publication per day, however often it is scheduled');
  const sent = await zone.services.db.select().from(outbox).where(eq(outbox.type, 'statistics.published'));
  assert.equal(sent.length, 1);
  const payload = sent[0]!.payload as { asOf: string; total: LineJson; months: { month: string }[] };
  assert.equal(payload.asOf, '2026-12-10');
  assert.equal(payload.months.length, 12);
  // Both districts: five applications in SF-D01 and one in SF-D02.
  assert.deepEqual([payload.total.applications, payload.total.letters], [6, 4]);
});

/** The entries of a zip archive, by name, as text. */
function unzip(bytes: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (bytes.readUInt32LE(at) === 0x04034b50) {
    const method = bytes.readUInt16LE(at + 8);
    const size = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extra = bytes.readUInt16LE(at + 28);
    const name = bytes.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    const data = bytes.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + size);
    out.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 30 + nameLength + extra + size;
  }
  return out;
}
