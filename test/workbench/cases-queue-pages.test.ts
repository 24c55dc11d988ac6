import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { officerAt, openCase, startCaseWorkbench } from './cases.support.ts';
import type { Workbench } from './support.ts';

// The officer's queue pages by keyset: every case once, in due order, whatever the page, with the filters and
// the counts kept on every page.

let zone: Workbench;
before(async () => {
  zone = await startCaseWorkbench();
});
after(async () => zone.close());

interface QueueJson {
  counts: Record<string, number>;
  cases: { caseNumber: string; state: string; stateDueOn: string | null }[];
  first: boolean;
  next: string | null;
}

/** Copies of one opened case: dated in a few groups (ties on the due date), and some with no deadline running. */
async function fillQueue(template: string, dated: number, undated: number): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 1; i <= dated + undated; i++) {
    const number = `SF-JJ-20261101-${String(i).padStart(6, '0')}`;
    numbers.push(number);
    const due = i <= dated ? `2026-12-${String(10 + (i % 4)).padStart(2, '0')}` : null;
    const state = due ? 'submitted' : 'missing-materials';
    await zone.services.db.execute(sql`
      INSERT INTO cases SELECT * FROM json_populate_record(NULL::cases, (
        SELECT (to_jsonb(c) || jsonb_build_object(
          'case_number', ${number}::text, 'application_id', gen_random_uuid(),
          'state', ${state}::text, 'state_due_on', ${due}::date))::json
        FROM cases c WHERE case_number = ${template}))`);
  }
  return numbers;
}

async function walk(who: Awaited<ReturnType<typeof officerAt>>, filter: string): Promise<QueueJson[]> {
  const pages: QueueJson[] = [];
  let after: string | null = '';
  while (after !== null) {
    const url = `/cases?${filter}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    const res = await who.client.json('GET', url);
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json() as QueueJson;
    pages.push(page);
    after = page.next;
  }
  return pages;
}

test('more than two pages: every case once, due first then by number, the undated last', async () => {
  const { row } = await openCase(zone, 'licence-renewal-on-expiry');
  await zone.services.db.execute(
    sql`UPDATE cases SET state_due_on = '2026-12-09' WHERE case_number = ${row.caseNumber}`,
  );
  const copies = await fillQueue(row.caseNumber, 104, 7);
  const clerk = await officerAt(zone, 'SF-JJ', 'window-clerk');

  const pages = await walk(clerk, 'claim=');
  assert.deepEqual(
    pages.map((p) => [p.first, p.cases.length]),
    [
      [true, 50],
      [false, 50],
      [false, 12],
    ],
  );
  const seen = pages.flatMap((p) => p.cases);
  const expected = [
    { caseNumber: row.caseNumber, stateDueOn: '2026-12-09' },
    ...copies
      .map((caseNumber, i) => ({
        caseNumber,
        stateDueOn: i < 104 ? `2026-12-${String(10 + ((i + 1) % 4)).padStart(2, '0')}` : null,
      }))
      .sort((a, b) =>
        a.stateDueOn === b.stateDueOn
          ? a.caseNumber.localeCompare(b.caseNumber)
          : a.stateDueOn === null
            ? 1
            : b.stateDueOn === null
              ? -1
              : a.stateDueOn.localeCompare(b.stateDueOn),
      ),
  ];
  assert.deepEqual(
    seen.map((c) => [c.caseNumber, c.stateDueOn]),
    expected.map((c) => [c.caseNumber, c.stateDueOn]),
  );
  // The counts are the whole queue's on every page.
  for (const page of pages) assert.deepEqual(page.counts, { submitted: 105, 'missing-materials': 7 });

  // A filter holds across pages: only the undated state, in number order, one page.
  const waiting = await walk(clerk, 'state=missing-materials');
  assert.deepEqual(
    waiting.flatMap((p) => p.cases.map((c) => c.caseNumber)),
    copies.slice(104),
  );
});

test('the page links keep the filters; a cursor that cannot be one is refused', async () => {
  const clerk = await officerAt(zone, 'SF-JJ', 'window-clerk');
  const first = await clerk.client.get('/cases?state=submitted');
  assert.equal(first.statusCode, 200);
  const next = /href="([^"]*after=[^"]*)" rel="next"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
  assert.ok(next?.includes('state=submitted'), next);
  // A page of the queue with the filter kept.
  const second = await clerk.client.get(next ?? '');
  assert.equal(second.statusCode, 200);
  assert.match(second.body, /rel="first"/);
  assert.equal((await clerk.client.json('GET', '/cases?after=1%3B%20DROP')).statusCode, 422);
});
