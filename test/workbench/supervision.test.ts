import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../src/shared/audit/audit.tables.ts';
import { historyOf } from '../../src/workbench/cases/cases.repository.ts';
import { scheduleEscalation } from '../../src/workbench/supervision/supervision.escalation.ts';
import { urgingEscalations } from '../../src/workbench/supervision/supervision.tables.ts';
import { startCaseWorkbench } from './cases.support.ts';
import { caseAt, setClock, signedIn } from './supervision.support.ts';
import type { Workbench } from './support.ts';

let zone: Workbench;
before(async () => {
  zone = await startCaseWorkbench();
});
after(async () => zone.close());

interface Figures {
  open: number;
  amber: number;
  red: number;
}
interface UnitViewJson {
  total: Figures;
  own: Figures;
  children: (Figures & { key: string })[];
  byService: (Figures & { key: string })[];
  byStep: (Figures & { key: string })[];
  byOfficer: (Figures & { key: string })[];
}

const codeOf = (body: string) => (JSON.parse(body) as { error?: { code?: string } }).error?.code;
const figures = (f: Figures | undefined) => f && [f.open, f.amber, f.red];

test('a district supervisor sees his stations’ work in hand, due soon and overdue, and follows a number to the cases', async () => {
  // Monday 2 November 2026 in Beijing.
  setClock(zone, '2026-11-02T02:00:00Z');
  const green = await caseAt(zone, 'SF-D01-P01', { since: '2026-11-01', due: '2026-11-30' });
  const amber = await caseAt(zone, 'SF-D01-P01', { since: '2026-10-20', due: '2026-11-04' });
  const red = await caseAt(zone, 'SF-D01-P02', { since: '2026-10-10', due: '2026-10-30' });
  const elsewhere = await caseAt(zone, 'SF-D02-P01', { since: '2026-10-10', due: '2026-10-30' });

  const district = await signedIn(zone, 'SF-D01', 'supervisor', 'subtree');
  const start = await district.client.get('/supervision');
  assert.deepEqual([start.statusCode, start.headers.location], [303, '/supervision/units/SF-D01']);
  // A language asked for in the address is kept on the way to the unit.
  const english = await district.client.get('/supervision?lang=en');
  assert.equal(english.headers.location, '/supervision/units/SF-D01?lang=en');
  const startOther = await district.client.get('/supervision?lang=fr&other=1');
  assert.deepEqual([startOther.statusCode, startOther.headers.location], [303, '/supervision/units/SF-D01']);

  const answer = await district.client.json('GET', '/supervision/units/SF-D01');
  assert.equal(answer.statusCode, 200, answer.body);
  const view = JSON.parse(answer.body) as UnitViewJson;
  // Other tests' cases sit at SF-ZA, outside this district: the figures are exactly these three.
  assert.deepEqual(figures(view.total), [3, 1, 1]);
  assert.deepEqual(figures(view.own), [0, 0, 0]);
  assert.deepEqual(figures(view.children.find((c) => c.key === 'SF-D01-P01')), [2, 1, 0]);
  assert.deepEqual(figures(view.children.find((c) => c.key === 'SF-D01-P02')), [1, 0, 1]);
  assert.deepEqual(
    figures(view.byService.find((s) => s.key === 'no-criminal-record-certificate')),
    [3, 1, 1],
  );
  assert.deepEqual(figures(view.byStep.find((s) => s.key === 'submitted')), [3, 1, 1]);
  assert.deepEqual(figures(view.byOfficer.find((s) => s.key === '')), [3, 1, 1]);

  // The page: every number a link to its list, the list's rows links to the cases.
  const page = await district.client.get('/supervision/units/SF-D01');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /href="\/supervision\/units\/SF-D01-P02\/cases\?tone=red">1<\/a>/);
  const list = await district.client.get('/supervision/units/SF-D01-P02/cases?tone=red');
  assert.equal(list.statusCode, 200);
  assert.ok(list.body.includes(`href="/cases/${red}"`), 'the overdue case links to its page');
  assert.ok(!list.body.includes(green) && !list.body.includes(amber) && !list.body.includes(elsewhere));
  const amberList = JSON.parse(
    (await district.client.json('GET', '/supervision/units/SF-D01/cases?tone=amber')).body,
  ) as { items: { ref: string; tone: string }[] };
  assert.deepEqual(
    amberList.items.map((i) => [i.ref, i.tone]),
    [[amber, 'amber']],
  );

  // Another district, a unit that does not exist: the same 404.
  const other = await district.client.json('GET', '/supervision/units/SF-D02');
  const none = await district.client.json('GET', '/supervision/units/SF-NONE');
  assert.deepEqual([other.statusCode, codeOf(other.body)], [none.statusCode, codeOf(none.body)]);
  assert.equal(other.statusCode, 404);
  assert.equal((await district.client.json('GET', '/supervision/units/SF-0000')).statusCode, 404);

  // A station leader with his own unit only: his station, nothing of the district's other station.
  const leader = await signedIn(zone, 'SF-D01-P01', 'approver', 'unit');
  const own = JSON.parse(
    (await leader.client.json('GET', '/supervision/units/SF-D01-P01')).body,
  ) as UnitViewJson;
  assert.deepEqual(figures(own.total), [2, 1, 0]);
  assert.equal((await leader.client.json('GET', '/supervision/units/SF-D01')).statusCode, 404);
});

test('an urging is answered by the station with a reason and a promised date, on the case history and in the audit log', async () => {
  setClock(zone, '2026-11-02T02:00:00Z');
  const caseNumber = await caseAt(zone, 'SF-D01-P01', { since: '2026-10-10', due: '2026-10-30' });
  const district = await signedIn(zone, 'SF-D01', 'supervisor', 'subtree');
  const station = await signedIn(zone, 'SF-D01-P01', 'window-clerk', 'unit');

  const refused = await district.client.json(
    'POST',
    '/supervision/units/SF-D01/urge',
    { cases: caseNumber, replyDays: '20', message: '' },
    district.token,
  );
  assert.equal(refused.statusCode, 422, refused.body);
  const fields = (JSON.parse(refused.body) as { error: { fields: { field: string }[] } }).error.fields;
  assert.deepEqual(fields.map((f) => f.field).sort(), ['message', 'replyDays']);

  const sent = await district.client.json(
    'POST',
    '/supervision/units/SF-D01/urge',
    { cases: [caseNumber], replyDays: '2', message: '该案已超期，请说明原因并尽快办结。' },
    district.token,
  );
  assert.equal(sent.statusCode, 200, sent.body);
  const [urged] = (JSON.parse(sent.body) as { urged: { id: string; state: string }[] }).urged;
  assert.ok(urged);
  assert.equal(urged.state, 'awaiting-answer');

  // The station sees it among its urgings; the district's own officer cannot answer what he sent.
  const listed = JSON.parse((await station.client.json('GET', '/urgings')).body) as {
    urgings: { id: string; replyDueOn: string }[];
  };
  assert.deepEqual(
    listed.urgings.filter((u) => u.id === urged.id).map((u) => u.replyDueOn),
    ['2026-11-04'],
  );
  const own = await district.client.json(
    'POST',
    `/urgings/${urged.id}/answer`,
    { reason: '自己答复', promisedOn: '2026-11-10' },
    district.token,
  );
  assert.equal(own.statusCode, 403, own.body);

  const late = await station.client.json(
    'POST',
    `/urgings/${urged.id}/answer`,
    { reason: '', promisedOn: '2026-10-01' },
    station.token,
  );
  assert.equal(late.statusCode, 422, late.body);
  const answered = await station.client.json(
    'POST',
    `/urgings/${urged.id}/answer`,
    { reason: '申请人补充材料未到，已电话联系。', promisedOn: '2026-11-06' },
    station.token,
  );
  assert.equal(answered.statusCode, 200, answered.body);
  assert.equal((JSON.parse(answered.body) as { state: string }).state, 'answered');
  const again = await station.client.json(
    'POST',
    `/urgings/${urged.id}/answer`,
    { reason: '再答复一次', promisedOn: '2026-11-06' },
    station.token,
  );
  assert.equal(again.statusCode, 409, again.body);

  // A station of another district does not learn the urging exists.
  const stranger = await signedIn(zone, 'SF-D02-P01', 'window-clerk', 'unit');
  const hidden = await stranger.client.json('GET', `/urgings/${urged.id}`);
  const missing = await stranger.client.json('GET', '/urgings/00000000-0000-4000-8000-000000000000');
  assert.deepEqual([hidden.statusCode, codeOf(hidden.body)], [missing.statusCode, codeOf(missing.body)]);
  assert.equal(hidden.statusCode, 404);

  const history = await historyOf(zone.services.db, caseNumber);
  assert.deepEqual(
    history.slice(-2).map((h) => [h.action, h.actor, h.toState]),
    [
      ['urge', district.badgeNo, 'submitted'],
      ['urge-answer', station.badgeNo, 'submitted'],
    ],
  );
  const audited = await zone.services.db
    .select({ action: auditLog.action, actor: auditLog.actor })
    .from(auditLog)
    .where(eq(auditLog.target, `urging:${urged.id}`));
  assert.deepEqual(
    audited.map((a) => [a.action, a.actor]),
    [
      ['supervision.urging.send', district.badgeNo],
      ['supervision.urging.answer', station.badgeNo],
    ],
  );
});

test('an unanswered urging escalates on the first working day after its reply date, past the National Day holiday', async () => {
  // Tuesday 29 September 2026: one working day to answer gives Wednesday 30 September; 1–7 October are the
  // holiday, so the urging escalates on Thursday 8 October and not before.
  setClock(zone, '2026-09-29T02:00:00Z');
  const caseNumber = await caseAt(zone, 'SF-D01-P02', { since: '2026-09-01', due: '2026-09-28' });
  const district = await signedIn(zone, 'SF-D01', 'supervisor', 'subtree');
  const sent = await district.client.json(
    'POST',
    '/supervision/units/SF-D01/urge',
    { cases: caseNumber, replyDays: '1', message: '请于明日前答复。' },
    district.token,
  );
  assert.equal(sent.statusCode, 200, sent.body);
  const [urged] = (JSON.parse(sent.body) as { urged: { id: string }[] }).urged;
  assert.ok(urged);

  const escalationsOf = () =>
    zone.services.db
      .select({ unit: urgingEscalations.toUnitCode, role: urgingEscalations.toRole })
      .from(urgingEscalations)
      .where(eq(urgingEscalations.urgingId, urged.id));
  for (const at of ['2026-09-30T15:00:00Z', '2026-10-01T02:00:00Z', '2026-10-07T15:30:00Z']) {
    setClock(zone, at);
    await scheduleEscalation(zone.services);
    await zone.drainJobs();
    assert.deepEqual(await escalationsOf(), [], `not yet at ${at}`);
  }
  setClock(zone, '2026-10-07T16:30:00Z'); // half past midnight, 8 October in Beijing
  await scheduleEscalation(zone.services);
  await zone.drainJobs();
  assert.deepEqual(
    (await escalationsOf()).sort((a, b) => a.role.localeCompare(b.role)),
    [
      { unit: 'SF-0000', role: 'discipline-inspector' },
      { unit: 'SF-0000', role: 'supervisor' },
    ],
  );
  const history = await historyOf(zone.services.db, caseNumber);
  assert.deepEqual([history.at(-1)?.action, history.at(-1)?.actor], ['urge-escalate', 'system']);
  const audited = await zone.services.db
    .select({ actor: auditLog.actor })
    .from(auditLog)
    .where(
      and(eq(auditLog.target, `urging:${urged.id}`), eq(auditLog.action, 'supervision.urging.escalate')),
    );
  assert.deepEqual(
    audited.map((a) => a.actor),
    ['system'],
  );

  // The city's discipline inspection reads it, and its reading is audited; a district's does not see it.
  const inspector = await signedIn(zone, 'SF-0000', 'discipline-inspector', 'subtree');
  const read = JSON.parse((await inspector.client.json('GET', '/supervision/inspection')).body) as {
    escalated: { id: string; state: string; fromUnitCode: string }[];
    unitNames: Record<string, { zh: string; en: string }>;
  };
  assert.deepEqual(
    read.escalated.filter((u) => u.id === urged.id).map((u) => u.state),
    ['escalated'],
  );
  const page = await inspector.client.get('/supervision/inspection');
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes(caseNumber));
  // Units by their names, the code beside.
  const from = read.escalated.find((u) => u.id === urged.id)!.fromUnitCode;
  const fromName = read.unitNames[from]?.zh;
  assert.ok(fromName, 'the urging unit’s name is known');
  assert.ok(page.body.includes(`${fromName} <span class="hint nowrap">${from}</span>`), 'named, code beside');
  const readings = await zone.services.db
    .select({ actor: auditLog.actor })
    .from(auditLog)
    .where(eq(auditLog.action, 'supervision.inspection.read'));
  assert.equal(readings.filter((r) => r.actor === inspector.badgeNo).length, 2);
  const district2 = await signedIn(zone, 'SF-D02', 'discipline-inspector', 'subtree');
  const theirs = JSON.parse((await district2.client.json('GET', '/supervision/inspection')).body) as {
    escalated: { id: string }[];
  };
  assert.ok(!theirs.escalated.some((u) => u.id === urged.id));
  // Discipline inspection only reads: it cannot urge.
  const tried = await inspector.client.json(
    'POST',
    '/supervision/units/SF-D01/urge',
    { cases: caseNumber, replyDays: '1', message: '催办' },
    inspector.token,
  );
  assert.equal(tried.statusCode, 403);

  // The escalated urging can still be answered.
  const station = await signedIn(zone, 'SF-D01-P02', 'reviewer', 'unit');
  const answered = await station.client.json(
    'POST',
    `/urgings/${urged.id}/answer`,
    { reason: '节前人手不足。', promisedOn: '2026-10-09' },
    station.token,
  );
  assert.equal(answered.statusCode, 200, answered.body);
});

test('the third urging of one case escalates as it is sent', async () => {
  setClock(zone, '2026-11-02T02:00:00Z');
  const caseNumber = await caseAt(zone, 'SF-D01-P01', { since: '2026-10-10', due: '2026-10-30' });
  const district = await signedIn(zone, 'SF-D01', 'supervisor', 'subtree');
  const states: string[] = [];
  for (let i = 0; i < 3; i++) {
    const sent = await district.client.json(
      'POST',
      '/supervision/units/SF-D01/urge',
      { cases: caseNumber, replyDays: '3', message: `第${i + 1}次催办` },
      district.token,
    );
    assert.equal(sent.statusCode, 200, sent.body);
    states.push((JSON.parse(sent.body) as { urged: { state: string }[] }).urged[0]!.state);
  }
  assert.deepEqual(states, ['awaiting-answer', 'awaiting-answer', 'escalated']);
});

test('urging every case of a list, as a form, and a refused form keeps what was typed', async () => {
  setClock(zone, '2026-11-02T02:00:00Z');
  const a = await caseAt(zone, 'SF-D01-P02', { since: '2026-10-01', due: '2026-10-20' });
  const district = await signedIn(zone, 'SF-D01', 'supervisor', 'subtree');
  const page = await district.client.get('/supervision/units/SF-D01-P02/cases?tone=red');
  assert.ok(page.body.includes('name="replyDays"'), 'the supervisor is offered the urging form');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const refused = await district.client.post(
    '/supervision/units/SF-D01-P02/urge',
    { tone: 'red', all: '1', replyDays: '2', message: '' },
    { csrf: token },
  );
  assert.equal(refused.statusCode, 422);
  assert.ok(refused.body.includes('请填写催办事由'));
  const done = await district.client.post(
    '/supervision/units/SF-D01-P02/urge',
    { tone: 'red', all: '1', replyDays: '2', message: '清单内案件均已超期，请逐件答复。' },
    { csrf: token },
  );
  assert.equal(done.statusCode, 303, done.body);
  assert.equal(done.headers.location, '/supervision/units/SF-D01-P02/cases?tone=red');
  const history = await historyOf(zone.services.db, a);
  assert.equal(history.at(-1)?.action, 'urge');
});
