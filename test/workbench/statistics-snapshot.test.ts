import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { caseActions, cases } from '../../src/workbench/cases/cases.tables.ts';
import { letters } from '../../src/workbench/letters/letters.tables.ts';
import { ratings } from '../../src/workbench/ratings/ratings.tables.ts';
import { rootUnit, subtreeOf, unitInfo } from '../../src/workbench/supervision/supervision.repository.ts';
import { presentStatistics } from '../../src/workbench/statistics/statistics.presenter.ts';
import { unitStatistics, statisticsJob } from '../../src/workbench/statistics/statistics.service.ts';
import { storedStatistics } from '../../src/workbench/statistics/statistics.snapshot.ts';
import { statisticsRuns } from '../../src/workbench/statistics/statistics.tables.ts';
import { openCase, SERVICES } from './cases.support.ts';
import { setClock, signedIn } from './supervision.support.ts';
import { csrf, type Workbench } from './support.ts';
import { startCaseWorkbench } from './cases.support.ts';

// The statistics pages read a precomputed snapshot: its figures are exactly the live computation's, for any
// unit and any reach; the page says when it was taken; a case that arrives later shows only once a new
// snapshot is taken (on request, the nightly run, or the first view of a new Beijing day).

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
  'SF-D01': 'SF-0000/SF-D01',
};

async function plantCase(unitCode: string, item: string, submittedAt: string, closedAt?: string) {
  const { row } = await openCase(zone, item);
  await zone.services.db
    .update(cases)
    .set({
      unitCode,
      unitPath: pathOf[unitCode]!,
      submittedAt: new Date(submittedAt),
      ...(closedAt
        ? { state: 'completed', closed: true, dueOn: '2026-11-20', updatedAt: new Date(closedAt) }
        : {}),
    })
    .where(eq(cases.caseNumber, row.caseNumber));
  if (closedAt)
    await zone.services.db.insert(caseActions).values({
      caseNumber: row.caseNumber,
      seq: 99,
      actor: 'T0001',
      unitCode,
      action: 'complete',
      fromState: 'result-issued',
      toState: 'completed',
      data: {},
      at: new Date(closedAt),
    });
  return row.caseNumber;
}

let seq = 0;
async function plantLetter(unitCode: string | null, receivedAt: string, state: string) {
  await zone.services.db.insert(letters).values({
    letterNumber: `XJ-SNAP-${++seq}`,
    kind: 'consultation',
    topic: 'household',
    subject: '咨询',
    body: '请问如何办理？',
    publishAllowed: false,
    anonymous: true,
    unitCode,
    unitPath: unitCode ? pathOf[unitCode]! : null,
    workflowId: 'letter',
    workflowVersion: 1,
    state,
    receivedAt: new Date(receivedAt),
    updatedAt: new Date(receivedAt),
  });
}

async function plantRating(
  unitCode: string | null,
  level: number,
  channel: 'web' | 'sms' | 'window',
  at: string,
) {
  await zone.services.db.insert(ratings).values({
    id: randomUUID(),
    subjectKind: 'case',
    subjectNumber: `SNAP-${++seq}`,
    level,
    reasons: [],
    defaulted: false,
    channel,
    ratedAt: new Date(at),
    unitCode,
    unitPath: unitCode ? pathOf[unitCode]! : 'SF-0000',
    setAside: level === 1,
    receivedAt: new Date(at),
  });
}

async function plant() {
  await plantCase('SF-D01-P01', SERVICES.certificate, '2026-11-03T02:00:00Z', '2026-11-10T02:00:00Z');
  await plantCase('SF-D01-P01', SERVICES.certificate, '2026-11-05T02:00:00Z', '2026-11-25T02:00:00Z');
  await plantCase('SF-D01-P02', SERVICES.preApplication, '2026-12-01T02:00:00Z');
  await plantCase('SF-D01', SERVICES.certificate, '2026-11-30T17:00:00Z');
  await plantCase('SF-D02-P01', SERVICES.certificate, '2026-12-01T02:00:00Z', '2026-12-08T02:00:00Z');
  await plantCase('SF-D01-P01', SERVICES.certificate, '2025-10-01T02:00:00Z');
  await plantLetter('SF-D01-P01', '2026-11-12T02:00:00Z', 'replied');
  await plantLetter('SF-D01-P02', '2026-12-04T02:00:00Z', 'routed');
  await plantLetter('SF-D02-P01', '2026-12-04T02:00:00Z', 'replied');
  await plantRating('SF-D01-P01', 5, 'web', '2026-11-11T02:00:00Z');
  await plantRating('SF-D01-P01', 2, 'window', '2026-11-30T18:00:00Z');
  await plantRating('SF-D01-P02', 1, 'sms', '2026-12-05T02:00:00Z');
  await plantRating('SF-D02-P01', 4, 'window', '2026-12-09T02:00:00Z');
  // No unit was found for these: they belong to no unit's figures, and must not stop the snapshot.
  await plantLetter(null, '2026-12-04T02:00:00Z', 'received');
  await plantRating(null, 3, 'web', '2026-12-04T02:00:00Z');
}

// Everything but the time they were computed at (the clock runs on between the two).
const both = (view: Awaited<ReturnType<typeof unitStatistics>>) => ({
  ...presentStatistics(view),
  asOf: undefined,
  ratings: view.ratings,
});

test('the snapshot’s figures equal the live computation for every unit and reach', async () => {
  const root = (await rootUnit(zone.services.db))!;
  const everything = await subtreeOf(zone.services.db, root.path);
  const cuts: [string, (path: string) => boolean][] = [
    ['the whole force', () => true],
    ['one district', (p) => p.startsWith('SF-0000/SF-D01')],
    ['one station only', (p) => p === 'SF-0000/SF-D01/SF-D01-P01'],
    ['a district without one of its stations', (p) => p !== 'SF-0000/SF-D01/SF-D01-P02'],
  ];
  for (const code of ['SF-0000', 'SF-D01', 'SF-D01-P01', 'SF-D02']) {
    const unit = (await unitInfo(zone.services.db, code))!;
    for (const [label, reach] of cuts) {
      const counted = everything.filter((u) => u.path.startsWith(unit.path) && reach(u.path));
      const live = await unitStatistics(zone.services.db, zone.services.now(), unit, counted);
      const stored = await storedStatistics(zone.services, unit, counted);
      assert.deepEqual(both(stored), both(live), `${code}, ${label}`);
    }
  }
  // Not vacuous: the force's figures count what was planted.
  const force = await storedStatistics(zone.services, root, everything);
  assert.deepEqual([force.total.applications, force.total.concluded, force.total.letters], [5, 3, 3]);
  assert.deepEqual(
    force.ratings.map((r) => [r.channel, r.counted, r.setAside]),
    [
      ['web', 1, 0],
      ['sms', 0, 1],
      ['window', 2, 0],
      ['total', 3, 1],
    ],
  );
});

test('the page says when the figures were computed; new work shows once they are computed again', async () => {
  const district = await signedIn(zone, 'SF-D01', 'supervisor', 'subtree');
  const page = '/statistics/units/SF-D01';
  const applications = async () =>
    (JSON.parse((await district.client.json('GET', page)).body) as { total: { applications: number } }).total
      .applications;
  const before = await applications();
  const first = await district.client.get(page);
  assert.match(first.body, /数据截至 <time datetime="[^"]+">2026年12月10日/);
  assert.match((await district.client.get(`${page}?lang=en`)).body, /Figures as of <time/);

  zone.advance(5 * 60_000);
  await plantCase('SF-D01-P02', SERVICES.certificate, zone.services.now().toISOString());
  assert.equal(await applications(), before, 'the snapshot does not move on its own within the day');
  const token = csrf(first.body);
  const refreshed = await district.client.post(`${page}/refresh`, {}, { csrf: token });
  assert.equal(refreshed.statusCode, 303);
  assert.equal(refreshed.headers.location, page);
  assert.match((await district.client.get(page)).body, /统计数据已重新计算/);
  assert.equal(await applications(), before + 1);
  const again = await district.client.post(`${page}/refresh`, {}, { csrf: token });
  assert.equal(again.statusCode, 303);
  assert.match((await district.client.get(page)).body, /一分钟内计算过/);

  // Another district's unit is not there to refresh.
  const foreign = await district.client.post('/statistics/units/SF-D02/refresh', {}, { csrf: token });
  assert.equal(foreign.statusCode, 404);

  // The first view of the next Beijing day computes them again.
  await plantCase('SF-D01-P02', SERVICES.certificate, zone.services.now().toISOString());
  zone.advance(86_400_000);
  const nextDay = await signedIn(zone, 'SF-D01', 'supervisor', 'subtree');
  const view = JSON.parse((await nextDay.client.json('GET', page)).body) as {
    asOf: string;
    total: { applications: number };
  };
  assert.equal(view.total.applications, before + 2);
  assert.equal(view.asOf.slice(0, 10), '2026-12-11');
});

test('the nightly run takes the snapshot the pages read', async () => {
  let district = await signedIn(zone, 'SF-D01', 'supervisor', 'subtree');
  const total = async () =>
    (
      JSON.parse((await district.client.json('GET', '/statistics/units/SF-D01')).body) as {
        total: { applications: number };
      }
    ).total.applications;
  const before = await total();
  zone.advance(3_600_000);
  await plantCase('SF-D01-P01', SERVICES.certificate, zone.services.now().toISOString());
  const ranAt = zone.services.now().getTime();
  await zone.services.db.transaction((tx) =>
    statisticsJob(zone.services)(tx, { id: 0, queue: 'statistics.publish', payload: {}, attempts: 0 }),
  );
  const [run] = await zone.services.db.select().from(statisticsRuns);
  assert.ok(run && run.asOf.getTime() >= ranAt && run.asOf.getTime() < ranAt + 60_000);
  // (An hour idle ended the session.)
  district = await signedIn(zone, 'SF-D01', 'supervisor', 'subtree');
  assert.equal(await total(), before + 1);
});
