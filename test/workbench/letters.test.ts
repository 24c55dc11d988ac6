import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { attachmentSubmitted, letterSubmitted } from '../../src/exchange/contracts/index.ts';
import { auditLog } from '../../src/shared/audit/audit.tables.ts';
import { deliver } from './cases.support.ts';
import { outbox } from '../../src/workbench/db/schema.ts';
import { findLetter } from '../../src/workbench/letters/letters.repository.ts';
import { logIn, makeOfficer, startWorkbench, type Workbench } from './support.ts';

let zone: Workbench;
before(async () => {
  zone = await startWorkbench();
});
after(() => zone.close());

/** Puts the zone's clock at a Beijing moment. */
function at(iso: string): void {
  zone.advance(new Date(iso).getTime() - zone.services.now().getTime());
}

let serial = 0;
const newNumber = () =>
  `XJ-20260930-${'ABCDEFGH'.slice(0, 6)}${'234567'[serial % 6]}${'ABCDEFGHIJKLMNOP'[++serial % 16]}`;

async function arrives(fields: Partial<Record<string, unknown>>): Promise<string> {
  const letterNumber = newNumber();
  const payload = {
    letterNumber,
    kind: 'consultation',
    topic: 'household',
    subject: '落户咨询',
    body: '孩子落户需要什么材料？',
    place: null,
    concernedUnit: null,
    publishAllowed: true,
    writer: { citizenRef: randomUUID(), name: '李示范', mobile: '13800000001' },
    submittedAt: zone.services.now().toISOString(),
    ...fields,
  };
  const handle = zone.inboxHandlers[letterSubmitted.type];
  assert.ok(handle);
  const message = {
    messageId: randomUUID(),
    fromZone: 'portal' as const,
    stream: `letter:${letterNumber}`,
    seq: serial,
    type: letterSubmitted.type,
    version: 1,
  };
  await zone.services.db.transaction((tx) => handle(tx, payload, message));
  // Redelivered: still one letter.
  await zone.services.db.transaction((tx) => handle(tx, payload, { ...message, messageId: randomUUID() }));
  return letterNumber;
}

const told = (letterNumber: string) =>
  zone.services.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.stream, `letter:${letterNumber}`), eq(outbox.type, 'letter.status.changed')))
    .then((rows) =>
      rows.map((r) => r.payload as Record<string, unknown>).sort((a, b) => Number(a.seq) - Number(b.seq)),
    );

describe('intake', () => {
  test('routes by the rules and sets the deadline in working days across the National Day holiday', async () => {
    at('2026-09-30T02:00:00Z');
    const simple = await arrives({});
    const row = await findLetter(zone.services.db, simple);
    assert.equal(row?.unitCode, 'SF-HZ');
    assert.equal(row.state, 'open-simple');
    // 1–7 October are holidays; Saturday 10 October is a make-up working day: the 8th, 9th and 10th.
    assert.equal(row.dueOn, '2026-10-10');
    const [step] = await told(simple);
    assert.deepEqual(
      [step?.seq, step?.status, step?.step, step?.dueOn],
      [1, 'in-progress', 'routed', '2026-10-10'],
    );

    const complex = await findLetter(
      zone.services.db,
      await arrives({ kind: 'help', topic: 'other', place: '清江区' }),
    );
    assert.equal(complex?.unitCode, 'SF-D02');
    assert.equal(complex.dueOn, '2026-10-13');
  });

  test('a complaint about a unit goes above it, and the tip is never publishable', async () => {
    const number = await arrives({
      kind: 'complaint',
      topic: 'public-order',
      place: '明湖区湖滨路',
      concernedUnit: '明湖分局的民警',
    });
    const row = await findLetter(zone.services.db, number);
    assert.equal(row?.accusedUnitCode, 'SF-D01');
    assert.equal(row.unitCode, 'SF-0000');
    assert.equal(row.routedBy, 'above-accused');
    const tip = await findLetter(
      zone.services.db,
      await arrives({ kind: 'tip', topic: 'fire', publishAllowed: true, writer: null }),
    );
    assert.equal(tip?.publishAllowed, false);
    assert.equal(tip.anonymous, true);
    assert.equal(tip.writerSealed, null);
  });
});

describe('handling', () => {
  test('the unit’s handler claims and replies; the writer is told; another unit sees nothing', async () => {
    at('2026-09-30T02:00:00Z');
    const number = await arrives({ subject: '身份证补办' });
    const handler = await makeOfficer(zone, { unitCode: 'SF-HZ', role: 'letter-handler', enrolled: true });
    const client = await logIn(zone, handler);
    const queue = await client.get('/letters');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /身份证补办/);
    assert.match(queue.body, /tag--green/);
    const page = await client.get(`/letters/${number}`);
    // The mobile is masked until an officer shows it, for a reason that is audited.
    assert.match(page.body, /李示范 138\*\*\*\*0001/);
    assert.doesNotMatch(page.body, /13800000001/);
    assert.equal(
      (await client.post(`/letters/${number}/claim`, {}, { formUrl: `/letters/${number}` })).statusCode,
      303,
    );
    const empty = await client.post(
      `/letters/${number}/reply`,
      { text: ' ' },
      { formUrl: `/letters/${number}` },
    );
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /请填写答复内容/);
    const replied = await client.post(
      `/letters/${number}/reply`,
      { text: '请携带户口簿到户籍窗口办理。<script>alert(1)</script>' },
      { formUrl: `/letters/${number}` },
    );
    assert.equal(replied.statusCode, 303);
    const row = await findLetter(zone.services.db, number);
    assert.equal(row?.state, 'replied');
    const steps = await told(number);
    assert.deepEqual(
      steps.map((s) => [s.seq, s.status]),
      [
        [1, 'in-progress'],
        [2, 'replied'],
      ],
    );
    assert.equal(steps[1]?.dueOn, null);
    const shown = await client.get(`/letters/${number}`);
    assert.ok(shown.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.doesNotMatch(shown.body, /action="[^"]*\/reply"/, 'an answered letter is not answered twice');

    const elsewhere = await logIn(
      zone,
      await makeOfficer(zone, { unitCode: 'SF-D02', role: 'letter-handler', enrolled: true }),
    );
    assert.equal((await elsewhere.get(`/letters/${number}`)).statusCode, 404);
    assert.doesNotMatch((await elsewhere.get('/letters')).body, /身份证补办/);
  });

  test('forwarding never reaches the accused unit; a forwarded letter overdue surfaces to the supervisor', async () => {
    at('2026-11-02T02:00:00Z');
    const number = await arrives({
      kind: 'complaint',
      topic: 'police-conduct',
      concernedUnit: '湖滨派出所',
      subject: '出警太慢',
    });
    const row = await findLetter(zone.services.db, number);
    assert.equal(row?.unitCode, 'SF-DC');
    const handler = await logIn(
      zone,
      await makeOfficer(zone, { unitCode: 'SF-DC', role: 'letter-handler', enrolled: true }),
    );
    assert.match((await handler.get('/')).body, /待领取的来信<\/a><span class="todo-count">[1-9]/);
    await handler.post(`/letters/${number}/claim`, {}, { formUrl: `/letters/${number}` });
    const refused = await handler.post(
      `/letters/${number}/forward`,
      { unitCode: 'SF-D01-P01', reason: '请核查' },
      { formUrl: `/letters/${number}` },
    );
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /不能转给它办理/);
    const forwarded = await handler.post(
      `/letters/${number}/forward`,
      { unitCode: 'SF-D01', reason: '请分局核查出警情况' },
      { formUrl: `/letters/${number}` },
    );
    assert.equal(forwarded.statusCode, 303);
    const moved = await findLetter(zone.services.db, number);
    assert.deepEqual([moved?.state, moved?.unitCode, moved?.claimedBy], ['forwarded', 'SF-D01', null]);
    // 15 working days from Monday 2 November 2026.
    assert.equal(moved?.dueOn, '2026-11-23');

    const watcher = await makeOfficer(zone, {
      unitCode: 'SF-D01',
      role: 'supervisor',
      scope: 'subtree',
      enrolled: true,
    });
    assert.doesNotMatch((await (await logIn(zone, watcher)).get('/letters?view=overdue')).body, /出警太慢/);
    at('2026-11-24T02:00:00Z');
    // Three weeks later: a fresh sign-in, the last one long idle.
    const supervisor = await logIn(zone, watcher);
    const overdue = await supervisor.get('/letters?view=overdue');
    assert.match(overdue.body, /出警太慢/);
    assert.match(overdue.body, /tag--red/);
    // Nobody has to look for it: the start page of the supervisor and of discipline inspection says so in red.
    const inspector = await logIn(
      zone,
      await makeOfficer(zone, {
        unitCode: 'SF-D01',
        role: 'discipline-inspector',
        scope: 'subtree',
        enrolled: true,
      }),
    );
    for (const watching of [supervisor, inspector]) {
      const home = (await watching.get('/')).body;
      assert.match(home, /href="\/letters\?view=overdue">在办来信<\/a>/);
      assert.match(home, /tag--red">[1-9]\d*件已超期/);
    }
    // The supervisor watches; he does not answer.
    assert.equal(
      (await supervisor.post(`/letters/${number}/claim`, {}, { formUrl: '/letters' })).statusCode,
      403,
    );
  });

  test('a handed-off letter tells the writer why', async () => {
    const number = await arrives({ kind: 'suggestion', topic: 'other', subject: '路灯不亮' });
    const handler = await logIn(
      zone,
      await makeOfficer(zone, { unitCode: 'SF-ZA', role: 'letter-handler', enrolled: true }),
    );
    await handler.post(`/letters/${number}/claim`, {}, { formUrl: `/letters/${number}` });
    const done = await handler.post(
      `/letters/${number}/transfer`,
      { target: '12345', reason: '路灯维护属市政部门职责，已转12345。' },
      { formUrl: `/letters/${number}` },
    );
    assert.equal(done.statusCode, 303);
    const steps = await told(number);
    assert.deepEqual([steps.at(-1)?.status, steps.at(-1)?.step], ['transferred', 'transferred-12345']);
  });
});

describe('the writer and the photos', () => {
  test('the mobile is shown whole only for an audited reason', async () => {
    const number = await arrives({ subject: '查看手机号' });
    const handler = await makeOfficer(zone, { unitCode: 'SF-HZ', role: 'letter-handler', enrolled: true });
    const client = await logIn(zone, handler);
    const form = { formUrl: `/letters/${number}` };
    const refused = await client.post(`/letters/${number}/reveal`, { revealReason: ' ' }, form);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /请写明查看手机号的理由/);
    assert.doesNotMatch(refused.body, /13800000001/);
    const shown = await client.post(`/letters/${number}/reveal`, { revealReason: '电话联系核实' }, form);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /李示范 13800000001/);
    assert.equal(shown.headers['cache-control'], 'no-store');
    const [audit] = await zone.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'letter.writer.reveal'), eq(auditLog.target, `letter:${number}`)));
    assert.equal(audit?.actor, handler.badgeNo);
    assert.deepEqual(audit.detail, { personalData: ['mobile'], reason: '电话联系核实' });
    // Reading the page again shows it masked.
    assert.doesNotMatch((await client.get(`/letters/${number}`)).body, /13800000001/);
  });

  test('photos the letter names are served to its readers only; a point typed is shown', async () => {
    const photoId = randomUUID();
    const number = await arrives({
      kind: 'tip',
      topic: 'fire',
      place: '示范路1号',
      writer: null,
      location: { latitude: 30.52, longitude: 114.31 },
      photos: [{ id: photoId, name: 'photo-1.png', mediaType: 'image/png', size: 4 }],
    });
    const handler = await makeOfficer(zone, { unitCode: 'SF-XF', role: 'letter-handler', enrolled: true });
    const client = await logIn(zone, handler);
    assert.match((await client.get(`/letters/${number}`)).body, /照片 1 正在传输/);
    await deliver(zone, attachmentSubmitted, {
      attachmentId: photoId,
      citizenRef: randomUUID(),
      purpose: 'tip-evidence',
      file: { name: 'photo-1.png', declaredType: 'image/png', data: Buffer.from('png!').toString('base64') },
    });
    const page = await client.get(`/letters/${number}`);
    assert.match(page.body, new RegExp(`<img src="/letters/${number}/photos/${photoId}"`));
    assert.match(page.body, /30\.52, 114\.31/);
    const photo = await client.get(`/letters/${number}/photos/${photoId}`);
    assert.equal(photo.statusCode, 200);
    assert.equal(photo.headers['content-type'], 'image/png');
    assert.equal(photo.headers['content-security-policy'], 'sandbox');
    assert.equal(photo.body, 'png!');
    // Another letter's reader, or a photo id the letter does not name: not found.
    const other = await arrives({ subject: '另一封' });
    assert.equal((await client.get(`/letters/${other}/photos/${photoId}`)).statusCode, 404);
    const elsewhere = await makeOfficer(zone, { unitCode: 'SF-HZ', role: 'letter-handler', enrolled: true });
    const stranger = await logIn(zone, elsewhere);
    assert.equal((await stranger.get(`/letters/${number}/photos/${photoId}`)).statusCode, 404);
  });
});

describe('reclassification', () => {
  test('a consultation that is a complaint is routed again, never to the accused, with a new deadline', async () => {
    at('2026-09-30T02:00:00Z');
    const number = await arrives({ concernedUnit: '明湖分局' });
    const handler = await makeOfficer(zone, { unitCode: 'SF-HZ', role: 'letter-handler', enrolled: true });
    const client = await logIn(zone, handler);
    const form = { formUrl: `/letters/${number}` };
    const refused = await client.post(`/letters/${number}/reclassify`, { kind: 'consultation' }, form);
    assert.equal(refused.statusCode, 422);
    const done = await client.post(
      `/letters/${number}/reclassify`,
      { kind: 'complaint', reclassifyReason: '实为投诉民警态度' },
      form,
    );
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));
    const row = await findLetter(zone.services.db, number);
    assert.equal(row?.kind, 'complaint');
    assert.equal(row.accusedUnitCode, 'SF-D01');
    assert.notEqual(row.unitCode, 'SF-D01');
    assert.equal(row.state, 'open-complex');
    assert.equal(row.dueOn, '2026-10-13');
    const steps = await told(number);
    const last = steps.at(-1);
    assert.deepEqual([last?.step, last?.kind, last?.message], ['reclassified', 'complaint', undefined]);
    const [audit] = await zone.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'letter.reclassify'), eq(auditLog.target, `letter:${number}`)));
    assert.equal((audit?.detail as { reason: string }).reason, '实为投诉民警态度');
  });
});
