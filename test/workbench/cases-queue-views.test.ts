import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { listQueue, unitCodesIn } from '../../src/workbench/cases/cases.repository.ts';
import { cases } from '../../src/workbench/cases/cases.tables.ts';
import { loadCurrentStaff } from '../../src/workbench/session.ts';
import { reachOf } from '../../src/workbench/staff/staff.policy.ts';
import { officerAt, openCase, SERVICES, startCaseWorkbench, step } from './cases.support.ts';
import type { Workbench } from './support.ts';

// The queue's views an officer opens all day, each read through an index of its own: his unit's unclaimed
// cases, the cases he holds, and the units he reaches, known from his assignments without asking again.

let zone: Workbench;
before(async () => {
  zone = await startCaseWorkbench();
});
after(async () => zone.close());

test('the units an officer reaches are the same whether his assignments name them or the units table does', async () => {
  const clerk = await officerAt(zone, 'SF-ZA', 'window-clerk');
  const supervisor = await officerAt(zone, 'SF-D01', 'supervisor', 'subtree');
  for (const who of [clerk, supervisor]) {
    const me = await loadCurrentStaff(zone.services.db, who.officer.id);
    assert.ok(me);
    const reach = reachOf(me, 'cases.read');
    const known = await unitCodesIn(zone.services.db, reach, me.assignments);
    const asked = await unitCodesIn(zone.services.db, reach);
    assert.deepEqual(
      known === 'all' ? known : [...known].sort(),
      asked === 'all' ? asked : [...asked].sort(),
    );
  }
  const clerkReach = reachOf((await loadCurrentStaff(zone.services.db, clerk.officer.id))!, 'cases.read');
  assert.deepEqual(await unitCodesIn(zone.services.db, clerkReach, []), ['SF-ZA']);
  // A path the assignments do not name is looked up, not guessed.
  assert.deepEqual(
    await unitCodesIn(zone.services.db, { all: false, exact: ['SF-0000/SF-ZA'], subtrees: [] }, [
      { unitCode: 'SF-CRJ', unitPath: 'SF-0000/SF-CRJ' },
    ]),
    ['SF-ZA'],
  );
});

test('unclaimed and held cases of a unit come in due order, whoever holds the cases due before them', async () => {
  const clerk = await officerAt(zone, 'SF-ZA', 'window-clerk');
  const opened: string[] = [];
  for (let i = 0; i < 5; i++) opened.push((await openCase(zone, SERVICES.certificate)).row.caseNumber);
  // Spread the due dates, then let the clerk take the three due first.
  for (const [i, caseNumber] of opened.entries())
    await zone.services.db
      .update(cases)
      .set({ stateDueOn: `2030-01-0${i + 1}` })
      .where(eq(cases.caseNumber, caseNumber));
  for (const caseNumber of opened.slice(0, 3))
    assert.equal((await step(clerk, caseNumber, 'claim')).statusCode, 200);

  const ours = (rows: { caseNumber: string }[]) =>
    rows.map((r) => r.caseNumber).filter((n) => opened.includes(n));
  const unclaimed = await listQueue(zone.services.db, { units: ['SF-ZA'], claimedBy: null }, { limit: 500 });
  assert.deepEqual(ours(unclaimed), opened.slice(3));
  const held = await listQueue(
    zone.services.db,
    { units: ['SF-ZA'], claimedBy: clerk.officer.badgeNo },
    { limit: 500 },
  );
  assert.deepEqual(ours(held), opened.slice(0, 3));
  // Keyset paging through the held cases gives the same order, one by one.
  const paged: string[] = [];
  let after: { due: string | null; caseNumber: string } | undefined;
  for (;;) {
    const [row] = await listQueue(
      zone.services.db,
      { units: ['SF-ZA'], claimedBy: clerk.officer.badgeNo },
      { after, limit: 1 },
    );
    if (!row) break;
    paged.push(row.caseNumber);
    after = { due: row.stateDueOn, caseNumber: row.caseNumber };
  }
  assert.deepEqual(
    paged,
    held.map((r) => r.caseNumber),
  );
});
