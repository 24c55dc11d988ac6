import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { countByState, type QueueFilter } from '../../src/workbench/cases/cases.repository.ts';
import { cases } from '../../src/workbench/cases/cases.tables.ts';
import { claimAndAct, officerAt, openCase, SERVICES, startCaseWorkbench, step } from './cases.support.ts';
import type { Workbench } from './support.ts';

// The queue's counts come from counters the database keeps beside the cases; whatever moves a case (intake,
// a claim, a step, a reassignment, a case closing, a direct update), they must equal counting the cases.

let zone: Workbench;
before(async () => {
  zone = await startCaseWorkbench();
});
after(async () => zone.close());

/** The same figures counted from the cases themselves, as the queue did before it kept counts. */
async function counted(filter: QueueFilter): Promise<Record<string, number>> {
  const parts: SQL[] = [eq(cases.closed, false)];
  if (filter.units !== 'all') parts.push(inArray(cases.unitCode, filter.units.length ? filter.units : ['']));
  if (filter.claimedBy !== undefined)
    parts.push(sql`coalesce(${cases.claimedBy}, '') = ${filter.claimedBy ?? ''}`);
  const found = await zone.services.db
    .select({ state: cases.state, n: sql<number>`count(*)::int` })
    .from(cases)
    .where(and(...parts))
    .groupBy(cases.state);
  return Object.fromEntries(found.map((r) => [r.state, Number(r.n)]));
}

async function assertCountsHold(badges: string[]): Promise<void> {
  const filters: QueueFilter[] = [
    { units: 'all' },
    { units: 'all', claimedBy: null },
    { units: ['SF-ZA'] },
    { units: ['SF-ZA', 'SF-CRJ'], claimedBy: null },
    { units: [] },
    ...badges.map((badge) => ({ units: 'all' as const, claimedBy: badge })),
  ];
  for (const filter of filters)
    assert.deepEqual(
      await countByState(zone.services.db, filter),
      await counted(filter),
      JSON.stringify(filter),
    );
}

test('the kept counts follow intake, claims, steps, reassignment and closing', async () => {
  const clerk = await officerAt(zone, 'SF-ZA', 'window-clerk');
  const colleague = await officerAt(zone, 'SF-ZA', 'window-clerk');
  const supervisor = await officerAt(zone, 'SF-ZA', 'supervisor');
  const badges = [clerk.officer.badgeNo, colleague.officer.badgeNo];

  const opened = [];
  for (let i = 0; i < 4; i++) opened.push((await openCase(zone, SERVICES.certificate)).row.caseNumber);
  const licence = (await openCase(zone, SERVICES.licence)).row.caseNumber;
  await assertCountsHold(badges);
  const before = await countByState(zone.services.db, { units: ['SF-ZA'] });
  assert.ok((before.submitted ?? 0) >= 4, 'the new cases are counted as waiting');

  const [first = '', second = '', third = '', fourth = ''] = opened;
  await claimAndAct(clerk, first, 'accept');
  assert.equal((await step(clerk, second, 'claim')).statusCode, 200);
  await assertCountsHold(badges);

  const moved = await step(supervisor, second, 'assign', { badgeNo: colleague.officer.badgeNo });
  assert.equal(moved.statusCode, 200, moved.body);
  await claimAndAct(colleague, third, 'not-accept', {
    message: '不属于本机关职权范围',
    legalBasis: '《中华人民共和国行政许可法》第三十二条',
  });
  await assertCountsHold(badges);

  // Writes outside the steps are counted too: the counters live in the database, not in the routes.
  await zone.services.db
    .update(cases)
    .set({ state: 'accepted', claimedBy: clerk.officer.badgeNo })
    .where(eq(cases.caseNumber, fourth));
  await zone.services.db.update(cases).set({ closed: true }).where(eq(cases.caseNumber, licence));
  await zone.services.db.update(cases).set({ itemName: '无变化' }).where(eq(cases.caseNumber, first));
  await assertCountsHold(badges);
});

test('the queue page shows the kept counts for the officer’s units and his own cases', async () => {
  const clerk = await officerAt(zone, 'SF-ZA', 'window-clerk');
  const { row } = await openCase(zone, SERVICES.certificate);
  assert.equal((await step(clerk, row.caseNumber, 'claim')).statusCode, 200);
  const counts = async (query: string) =>
    ((await clerk.client.json('GET', `/cases${query}`)).json() as { counts: Record<string, number> }).counts;
  assert.deepEqual(await counts(''), await counted({ units: ['SF-ZA'] }));
  assert.deepEqual(await counts('?claim=mine'), { submitted: 1 });
  assert.deepEqual(await counts('?claim=unclaimed'), await counted({ units: ['SF-ZA'], claimedBy: null }));
});
