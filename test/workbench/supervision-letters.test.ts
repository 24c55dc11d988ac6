import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { todayInShanghai } from '../../src/shared/calendar/working-days.ts';
import { letterActions, letters } from '../../src/workbench/letters/letters.tables.ts';
import { scheduleEscalation } from '../../src/workbench/supervision/supervision.escalation.ts';
import { liveTally, type TallyRow } from '../../src/workbench/supervision/supervision.sources.ts';
import { retakeTallies, storedTally } from '../../src/workbench/supervision/supervision.tallies.ts';
import { urgingEscalations } from '../../src/workbench/supervision/supervision.tables.ts';
import { startCaseWorkbench } from './cases.support.ts';
import { caseAt, setClock, signedIn } from './supervision.support.ts';
import type { Workbench } from './support.ts';

// Letters are supervised like cases: counted in the view, listed, urged, answered and escalated on working
// days; and the view's precomputed tallies always equal a count made there and then, at most a minute behind.

let zone: Workbench;
before(async () => {
  zone = await startCaseWorkbench();
});
after(async () => zone.close());

const paths: Record<string, string> = {
  'SF-D01-P01': 'SF-0000/SF-D01/SF-D01-P01',
  'SF-D01-P02': 'SF-0000/SF-D01/SF-D01-P02',
  'SF-D02-P01': 'SF-0000/SF-D02/SF-D02-P01',
};
let serial = 0;

/** An open letter at a station, received on `received` (a Beijing noon) and due on `due`. */
async function letterAt(
  unitCode: string,
  times: { received: string; due: string },
  more: Partial<typeof letters.$inferInsert> = {},
): Promise<string> {
  const letterNumber = `XJ-20261001-SUP${String(++serial).padStart(3, '0')}`;
  const receivedAt = new Date(`${times.received}T04:00:00Z`);
  await zone.services.db.insert(letters).values({
    letterNumber,
    kind: 'complaint',
    topic: 'household',
    subject: '办证太慢',
    body: '材料交了很久没有消息。',
    publishAllowed: false,
    anonymous: true,
    unitCode,
    unitPath: paths[unitCode],
    workflowId: 'letter',
    workflowVersion: 1,
    state: 'open-complex',
    dueOn: times.due,
    receivedAt,
    updatedAt: receivedAt,
    ...more,
  });
  return letterNumber;
}

const key = (r: TallyRow) =>
  [r.source, r.unitCode, r.service, r.workflowId, r.step, r.officer ?? ''].join('|');
const sorted = (rows: TallyRow[]) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
const everyUnit = ['SF-D01', 'SF-D01-P01', 'SF-D01-P02', 'SF-D02-P01', 'SF-ZA'];
const liveAt = async () =>
  sorted(await liveTally(zone.services.db, everyUnit, todayInShanghai(zone.services.now())));

test('the view’s precomputed tallies equal a live count, are retaken after a minute, and recolour at midnight', async () => {
  setClock(zone, '2026-11-02T02:00:00Z');
  await caseAt(zone, 'SF-D01-P01', { since: '2026-10-20', due: '2026-11-04' });
  await caseAt(zone, 'SF-D02-P01', { since: '2026-10-10', due: '2026-10-30' });
  await letterAt('SF-D01-P02', { received: '2026-10-26', due: '2026-11-03' });
  await letterAt('SF-D01-P02', { received: '2026-10-20', due: '2026-10-27' });
  await letterAt('SF-D01-P01', { received: '2026-10-20', due: '2026-10-27' }, { state: 'replied' });
  const live = async () =>
    sorted(await liveTally(zone.services.db, everyUnit, todayInShanghai(zone.services.now())));

  assert.deepEqual(sorted(await storedTally(zone.services, everyUnit)), await live());
  const letterLines = (await live()).filter((r) => r.source === 'letter');
  assert.deepEqual(
    letterLines.map((r) => [r.unitCode, r.service, r.open, r.amber, r.red]),
    [['SF-D01-P02', 'letter-complaint', 2, 1, 1]],
  );

  // New work within the minute may not show yet; a minute on, it does.
  await caseAt(zone, 'SF-D01-P02', { since: '2026-10-01', due: '2026-10-02' });
  zone.advance(30_000);
  const within = sorted(await storedTally(zone.services, everyUnit));
  zone.advance(31_000);
  assert.notDeepEqual(within, await live());
  assert.deepEqual(sorted(await storedTally(zone.services, everyUnit)), await live());

  // Past Beijing midnight the colours move with the day, whatever the tallies' age.
  setClock(zone, '2026-11-03T16:00:30Z');
  const next = sorted(await storedTally(zone.services, everyUnit));
  assert.deepEqual(next, await live());
  const letter = next.find((r) => r.source === 'letter');
  assert.deepEqual(letter && [letter.open, letter.amber, letter.red], [2, 0, 2]);
});

test('the view is kept with the tallies it was counted from, and a retake shows the new ones, even at the same instant', async () => {
  setClock(zone, '2026-11-16T02:00:00Z');
  const district = await signedIn(zone, 'SF-D01', 'supervisor', 'subtree');
  const view = async () =>
    JSON.parse((await district.client.json('GET', '/supervision/units/SF-D01')).body) as {
      total: { open: number };
      children: { key: string; open: number }[];
    };
  const before = await view();
  const pageBefore = (await district.client.get('/supervision/units/SF-D01')).body;

  // Within the minute the view stays with its tallies; taken again (here without the clock moving), it follows.
  await caseAt(zone, 'SF-D01-P01', { since: '2026-11-10', due: '2026-11-30' });
  assert.equal((await view()).total.open, before.total.open);
  await zone.services.db.transaction((tx) => retakeTallies(tx, zone.services.now(), 0));
  const after = await view();
  assert.equal(after.total.open, before.total.open + 1);
  const station = (v: typeof after) => v.children.find((c) => c.key === 'SF-D01-P01')?.open ?? 0;
  assert.equal(station(after), station(before) + 1);
  const pageAfter = (await district.client.get('/supervision/units/SF-D01')).body;
  assert.notEqual(pageAfter, pageBefore);
  assert.ok(pageAfter.includes(`>${after.total.open}</a>`));
  assert.deepEqual(sorted(await storedTally(zone.services, everyUnit)), await liveAt());
});

test('a district supervisor counts, lists and urges letters; the station answers on the letter’s history', async () => {
  setClock(zone, '2026-11-09T02:00:00Z');
  const district = await signedIn(zone, 'SF-D01', 'supervisor', 'subtree');
  const station = await signedIn(zone, 'SF-D01-P02', 'window-clerk', 'unit');
  const late = await letterAt('SF-D01-P02', { received: '2026-10-28', due: '2026-11-04' });

  const view = JSON.parse((await district.client.json('GET', '/supervision/units/SF-D01')).body) as {
    byService: { key: string; red: number }[];
    byStep: { key: string; label: { en: string } }[];
  };
  assert.ok((view.byService.find((s) => s.key === 'letter-complaint')?.red ?? 0) >= 1);
  assert.equal(view.byStep.find((s) => s.key === 'open-complex')?.label.en, 'Open (complex)');
  const list = JSON.parse(
    (await district.client.json('GET', '/supervision/units/SF-D01/cases?service=letter-complaint&tone=red'))
      .body,
  ) as { items: { ref: string; href: string; source: string }[] };
  assert.deepEqual(
    list.items.filter((i) => i.ref === late).map((i) => [i.source, i.href]),
    [['letter', `/letters/${late}`]],
  );
  const page = await district.client.get('/supervision/units/SF-D01/cases?tone=red');
  assert.ok(page.body.includes(`/letters/${late}`));

  const sent = await district.client.json(
    'POST',
    '/supervision/units/SF-D01/urge',
    { cases: late, replyDays: '2', message: '来信已超期，请说明原因。' },
    district.token,
  );
  assert.equal(sent.statusCode, 200, sent.body);
  const [urged] = (JSON.parse(sent.body) as { urged: { id: string }[] }).urged;
  assert.ok(urged);
  const answered = await station.client.json(
    'POST',
    `/urgings/${urged.id}/answer`,
    { reason: '需要调取档案。', promisedOn: '2026-11-12' },
    station.token,
  );
  assert.equal(answered.statusCode, 200, answered.body);
  const history = await zone.services.db
    .select({ action: letterActions.action, text: letterActions.text })
    .from(letterActions)
    .where(eq(letterActions.letterNumber, late));
  assert.deepEqual(
    history.map((h) => [h.action, h.text]),
    [
      ['urge', '来信已超期，请说明原因。'],
      ['urge-answer', '需要调取档案。'],
    ],
  );
});

test('an unanswered urging on a letter escalates on the first working day after its reply date, past the holiday', async () => {
  // Tuesday 29 September 2026: reply by Wednesday 30 September; 1–7 October are the National Day holiday.
  setClock(zone, '2026-09-29T02:00:00Z');
  const late = await letterAt('SF-D01-P01', { received: '2026-09-10', due: '2026-09-25' });
  const district = await signedIn(zone, 'SF-D01', 'supervisor', 'subtree');
  const sent = await district.client.json(
    'POST',
    '/supervision/units/SF-D01/urge',
    { cases: late, replyDays: '1', message: '请于明日前答复。' },
    district.token,
  );
  assert.equal(sent.statusCode, 200, sent.body);
  const [urged] = (JSON.parse(sent.body) as { urged: { id: string }[] }).urged;
  assert.ok(urged);
  const escalations = () =>
    zone.services.db
      .select({
        unit: urgingEscalations.toUnitCode,
        role: urgingEscalations.toRole,
        rule: urgingEscalations.ruleId,
      })
      .from(urgingEscalations)
      .where(eq(urgingEscalations.urgingId, urged.id));
  for (const at of ['2026-09-30T15:00:00Z', '2026-10-03T02:00:00Z', '2026-10-07T15:30:00Z']) {
    setClock(zone, at);
    await scheduleEscalation(zone.services);
    await zone.drainJobs();
    assert.deepEqual(await escalations(), [], `not yet at ${at}`);
  }
  setClock(zone, '2026-10-07T16:30:00Z'); // 8 October in Beijing, the first working day after
  await scheduleEscalation(zone.services);
  await zone.drainJobs();
  assert.deepEqual(
    (await escalations()).sort((a, b) => a.role.localeCompare(b.role)),
    [
      { unit: 'SF-0000', role: 'discipline-inspector', rule: 'letter-unanswered' },
      { unit: 'SF-0000', role: 'supervisor', rule: 'letter-unanswered' },
    ],
  );
  const history = await zone.services.db
    .select({ action: letterActions.action, actor: letterActions.actor })
    .from(letterActions)
    .where(eq(letterActions.letterNumber, late));
  assert.deepEqual(history.at(-1), { action: 'urge-escalate', actor: 'system' });
});
