import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { kbAnswerHelped, letterSubmitted } from '../../src/exchange/contracts/index.ts';
import { redactPersonalData } from '../../src/shared/content/publication-check.ts';
import { rows } from '../../src/shared/db/database.ts';
import { searchTextOf } from '../../src/shared/search/zh-query.ts';
import { outbox } from '../../src/workbench/db/schema.ts';
import { findEntry, versionsOf } from '../../src/workbench/kb/kb.repository.ts';
import { kbTermDocs } from '../../src/workbench/kb/kb.tables.ts';
import * as kb from '../../src/workbench/kb/kb.service.ts';
import { findLetter } from '../../src/workbench/letters/letters.repository.ts';
import * as qa from '../../src/workbench/qa/qa.service.ts';
import { qaPublications } from '../../src/workbench/qa/qa.tables.ts';
import { loadCurrentStaff, type CurrentStaff } from '../../src/workbench/session.ts';
import { logIn, makeOfficer, startWorkbench, type Officer, type Workbench } from './support.ts';

let zone: Workbench;
let writer: Officer;
let leader: Officer;
before(async () => {
  zone = await startWorkbench();
  writer = await makeOfficer(zone, { unitCode: 'SF-HZ', role: 'letter-handler', enrolled: true });
  leader = await makeOfficer(zone, { unitCode: 'SF-HZ', role: 'approver', enrolled: true });
});
after(() => zone.close());

const by = { actor: 'test', actorUnit: null, sourceIp: null };
const staffOf = async (o: Officer): Promise<CurrentStaff> =>
  (await loadCurrentStaff(zone.services.db, o.id))!;
const sent = (type: string, stream: string) =>
  zone.services.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.type, type), eq(outbox.stream, stream)))
    .then((rows) => rows.map((r) => r.payload as Record<string, unknown>));

async function inUse(input: Partial<kb.EntryInput> & { question: string; answer: string }): Promise<string> {
  const me = await staffOf(writer);
  const id = await kb.createEntry(zone.services, me, by, {
    keywords: '',
    area: 'household',
    public: false,
    ...input,
  });
  await kb.submit(zone.services, me, by, (await findEntry(zone.services.db, id))!);
  await kb.review(zone.services, await staffOf(leader), by, (await findEntry(zone.services.db, id))!, {
    decision: 'approve',
  });
  return id;
}

describe('versions and review', () => {
  test('a second officer puts a version in use; the next version supersedes it and every version is kept', async () => {
    const me = await staffOf(writer);
    const id = await kb.createEntry(zone.services, me, by, {
      question: '新生儿如何办理落户？',
      answer: '携带出生医学证明和父母户口簿到派出所办理。',
      keywords: '落户、新生儿',
      area: 'household',
      public: true,
    });
    await kb.submit(zone.services, me, by, (await findEntry(zone.services.db, id))!);
    // Four eyes: the writer may hold the reviewer's duty too, and still not pass his own version.
    const both = await makeOfficer(zone, {
      unitCode: 'SF-HZ',
      assignments: [
        { role: 'letter-handler', unitCode: 'SF-HZ', scope: 'unit' },
        { role: 'approver', unitCode: 'SF-HZ', scope: 'unit' },
      ],
    });
    const self = await staffOf(both);
    const own = await kb.createEntry(zone.services, self, by, {
      question: '自己写的',
      answer: '自己审',
      keywords: '',
      area: 'other',
      public: false,
    });
    await kb.submit(zone.services, self, by, (await findEntry(zone.services.db, own))!);
    await assert.rejects(
      kb.review(zone.services, self, by, (await findEntry(zone.services.db, own))!, { decision: 'approve' }),
      (e: { code?: string }) => e.code === 'FORBIDDEN' || e.code === 'CONFLICT' || e.code === 'FOUR_EYES',
    );

    await kb.review(zone.services, await staffOf(leader), by, (await findEntry(zone.services.db, id))!, {
      decision: 'approve',
    });
    let entry = (await findEntry(zone.services.db, id))!;
    assert.equal(entry.currentVersion, 1);
    const [published] = await sent('kb.answer.published', `kb:${id}`);
    assert.equal(published?.version, 1);

    // The next version is a draft beside the one in use, then returned once with a comment, then approved.
    await kb.saveDraft(zone.services, me, by, entry, {
      question: '新生儿如何办理落户？',
      answer: '新生儿出生一个月内，携带出生医学证明、父母户口簿和身份证到派出所办理。',
      keywords: '落户、新生儿、出生证明',
      area: 'household',
      public: false,
    });
    entry = (await findEntry(zone.services.db, id))!;
    assert.deepEqual([entry.currentVersion, entry.latestVersion], [1, 2]);
    await kb.submit(zone.services, me, by, entry);
    await assert.rejects(
      kb.review(zone.services, await staffOf(leader), by, entry, { decision: 'return' }),
      (e: { code?: string }) => e.code === 'VALIDATION',
    );
    await kb.review(zone.services, await staffOf(leader), by, entry, {
      decision: 'return',
      comment: '补充时限',
    });
    await kb.submit(zone.services, me, by, entry);
    await kb.review(zone.services, await staffOf(leader), by, entry, { decision: 'approve' });
    entry = (await findEntry(zone.services.db, id))!;
    assert.equal(entry.currentVersion, 2);
    const versions = await versionsOf(zone.services.db, id);
    assert.deepEqual(
      versions.map((v) => [v.version, v.state]),
      [
        [2, 'in-use'],
        [1, 'superseded'],
      ],
    );
    // Version 2 is not public: the portal is told to stop offering the answer.
    const [withdrawn] = await sent('kb.answer.withdrawn', `kb:${id}`);
    assert.equal(withdrawn?.version, 1);
  });

  test('a public entry with personal data is refused at submission', async () => {
    const me = await staffOf(writer);
    const id = await kb.createEntry(zone.services, me, by, {
      question: '如何联系民警？',
      answer: '请致电张警官个人手机13912345678。',
      keywords: '',
      area: 'other',
      public: true,
    });
    await assert.rejects(
      kb.submit(zone.services, me, by, (await findEntry(zone.services.db, id))!),
      (e: { code?: string }) => e.code === 'VALIDATION',
    );
  });
});

describe('search', () => {
  test('the entry sharing the most of the question comes first, in Chinese without a segmenter', async () => {
    const passport = await inUse({
      question: '护照过期了怎么换发？',
      answer: '到出入境窗口申请换发普通护照。',
      area: 'exit-entry',
    });
    const fire = await inUse({
      question: '楼道堆放杂物怎么举报？',
      answer: '可拨打119或在网上举报火灾隐患。',
      area: 'fire',
    });
    const licence = await inUse({
      question: '驾驶证到期怎么换证？',
      answer: '到车管所或在交管网上办理换证。',
      area: 'traffic',
    });
    const me = await staffOf(writer);
    const found = await kb.listFor(zone.services, me, { q: '我的护照快过期了，换发要带什么' });
    assert.equal(found[0]?.id, passport);
    const other = await kb.listFor(zone.services, me, { q: '驾驶证换证' });
    assert.equal(other[0]?.id, licence);
    assert.ok(!other.some((l) => l.id === fire));
    assert.deepEqual(await kb.listFor(zone.services, me, { q: '请问' }), []);
  });

  test('a question of commonplace words and one rare word finds the entry with the rare word first', async () => {
    // Forty entries in use that share most of the question's pairs, loaded in one statement as a bulk load would.
    const { unitPath } = (await findEntry(
      zone.services.db,
      await inUse({ question: '占位', answer: '占位' }),
    ))!;
    await zone.services.db.execute(sql`
      WITH made AS (
        INSERT INTO kb_entries (id, unit_code, unit_path, current_version, latest_version, created_by, created_at,
          updated_at)
        SELECT gen_random_uuid(), 'SF-HZ', ${unitPath}, 1, 1, 'test', now(), now() FROM generate_series(1, 40)
        RETURNING id
      )
      INSERT INTO kb_versions (entry_id, version, question, answer, keywords, area, public, state, workflow_id,
        workflow_version, author_badge, search_text, search_vector, created_at, updated_at)
      SELECT id, 1, '居民身份证办理材料清单', '携带户口簿到派出所办理居民身份证。', '{}', 'household', false,
        'in-use', 'kb-version', 1, 'test', t.st, public.zh_search_tsv(t.st), now(), now()
      FROM made, (SELECT ${searchTextOf('居民身份证办理材料清单', [], '携带户口簿到派出所办理居民身份证。')} AS st) t`);
    const dogs = await inUse({ question: '烈性犬收容后如何领回？', answer: '携带登记证到收容所领回。' });
    const me = await staffOf(writer);
    const question = '居民身份证办理材料 烈性犬';
    const found = await kb.listFor(zone.services, me, { q: question });
    assert.equal(found[0]?.id, dogs);
    assert.ok(found.length > 40, 'the commonplace entries follow');
    // With a shortlist budget of five postings the rare pairs come first and the commoner ones, all together,
    // fill the page from a bounded shortlist.
    const small = await kb.listFor(zone.services, me, { q: question, budget: 5 });
    assert.equal(small[0]?.id, dogs);
    assert.ok(small.length > 1 && small.length <= 6, `${small.length} found`);
  });

  test('the counts of lexemes in use follow review, supersession and retirement', async () => {
    const count = async (term: string) =>
      (await zone.services.db.select().from(kbTermDocs).where(eq(kbTermDocs.term, term)))[0]?.docs ?? 0;
    const before = await count('鹦鹉');
    const id = await inUse({ question: '鹦鹉走失怎么办？', answer: '可在网上发布寻物启事。' });
    assert.equal(await count('鹦鹉'), before + 1);
    const me = await staffOf(writer);
    await kb.saveDraft(zone.services, me, by, (await findEntry(zone.services.db, id))!, {
      question: '宠物走失怎么办？',
      answer: '可在网上发布寻物启事。',
      keywords: '',
      area: 'other',
      public: false,
    });
    assert.equal(await count('鹦鹉'), before + 1, 'a draft beside the version in use changes nothing');
    await kb.submit(zone.services, me, by, (await findEntry(zone.services.db, id))!);
    await kb.review(zone.services, await staffOf(leader), by, (await findEntry(zone.services.db, id))!, {
      decision: 'approve',
    });
    assert.equal(await count('鹦鹉'), before);
    assert.equal(await count('宠物'), 1);
    await kb.retire(
      zone.services,
      await staffOf(leader),
      by,
      (await findEntry(zone.services.db, id))!,
      '过时',
    );
    assert.equal(await count('宠物'), 0);
    assert.deepEqual(await kb.listFor(zone.services, me, { q: '宠物' }), []);
    // Whatever the earlier tests did, the kept counts are the counts.
    const recount = await zone.services.db.execute(sql`
      SELECT term, count(*)::int AS docs FROM (
        SELECT t.term FROM kb_versions v, unnest(tsvector_to_array(v.search_vector)) AS t(term)
          WHERE v.state = 'in-use'
        UNION ALL SELECT '' FROM kb_versions WHERE state = 'in-use') x
      GROUP BY term`);
    const kept = await zone.services.db.select().from(kbTermDocs);
    assert.deepEqual(
      new Map(kept.filter((r) => r.docs !== 0).map((r) => [r.term, r.docs])),
      new Map(rows<{ term: string; docs: number }>(recount).map((r) => [r.term, Number(r.docs)])),
    );
  });

  test('a station reads the city bureau’s entries but not another branch’s', async () => {
    const city = await makeOfficer(zone, { unitCode: 'SF-0000', role: 'letter-handler' });
    const cityLeader = await makeOfficer(zone, { unitCode: 'SF-0000', role: 'approver' });
    const me = await staffOf(city);
    const id = await kb.createEntry(zone.services, me, by, {
      question: '全市通用的居住证口径',
      answer: '居住证在居住地派出所申领。',
      keywords: '居住证',
      area: 'household',
      public: false,
    });
    await kb.submit(zone.services, me, by, (await findEntry(zone.services.db, id))!);
    await kb.review(zone.services, await staffOf(cityLeader), by, (await findEntry(zone.services.db, id))!, {
      decision: 'approve',
    });
    const station = await staffOf(
      await makeOfficer(zone, { unitCode: 'SF-D01-P01', role: 'letter-handler' }),
    );
    assert.equal((await kb.listFor(zone.services, station, { q: '居住证' }))[0]?.id, id);
    const elsewhere = await staffOf(
      await makeOfficer(zone, { unitCode: 'SF-D01-P01', role: 'letter-handler' }),
    );
    const hz = await kb.listFor(zone.services, elsewhere, { q: '护照换发' });
    assert.equal(hz.length, 0, 'the household division’s entries are not the station’s');
  });
});

let serial = 0;
async function letterArrives(fields: Record<string, unknown>): Promise<string> {
  const letterNumber = `XJ-20261206-KBQA${'ABCDEFGH'[serial % 8]}${'ABCDEFGH'[Math.floor(serial / 8) % 8]}2${'234567'[serial++ % 6]}`;
  const handle = zone.inboxHandlers[letterSubmitted.type]!;
  const payload = {
    letterNumber,
    kind: 'consultation',
    topic: 'exit-entry',
    subject: '护照过期换发',
    body: '我的护照过期了，换发需要什么？',
    place: null,
    concernedUnit: null,
    publishAllowed: true,
    writer: { citizenRef: randomUUID(), name: '欧阳示范', mobile: '13800000042' },
    submittedAt: zone.services.now().toISOString(),
    ...fields,
  };
  const message = {
    messageId: randomUUID(),
    fromZone: 'portal' as const,
    stream: `letter:${letterNumber}`,
    seq: 1,
    type: letterSubmitted.type,
    version: 1,
  };
  await zone.services.db.transaction((tx) => handle(tx, payload, message));
  return letterNumber;
}

describe('replying from the knowledge base', () => {
  test('the letter page suggests entries and starts the reply from the one chosen', async () => {
    // An entry of the city bureau is shared with the exit-entry division the letter goes to.
    const cityWriter = await staffOf(
      await makeOfficer(zone, { unitCode: 'SF-0000', role: 'content-editor' }),
    );
    const cityLeader = await staffOf(await makeOfficer(zone, { unitCode: 'SF-0000', role: 'approver' }));
    const entryId = await kb.createEntry(zone.services, cityWriter, by, {
      question: '护照过期后如何换发？',
      answer: '请携带身份证到出入境窗口申请换发普通护照。',
      keywords: '护照、换发',
      area: 'exit-entry',
      public: false,
    });
    await kb.submit(zone.services, cityWriter, by, (await findEntry(zone.services.db, entryId))!);
    await kb.review(zone.services, cityLeader, by, (await findEntry(zone.services.db, entryId))!, {
      decision: 'approve',
    });
    const letterNumber = await letterArrives({});
    const letter = (await findLetter(zone.services.db, letterNumber))!;
    const handler = await makeOfficer(zone, {
      unitCode: letter.unitCode!,
      role: 'letter-handler',
      enrolled: true,
    });
    const client = await logIn(zone, handler);
    const claimed = await client.post(
      `/letters/${letterNumber}/claim`,
      {},
      { formUrl: `/letters/${letterNumber}` },
    );
    assert.equal(claimed.statusCode, 303);
    const page = await client.get(`/letters/${letterNumber}`);
    assert.match(page.body, /答复口径库建议/);
    const id = /\?kb=([0-9a-f-]{36})/.exec(page.body)?.[1];
    assert.equal(id, entryId);
    const started = await client.get(`/letters/${letterNumber}?kb=${id}`);
    assert.match(started.body, /<textarea[^>]*name="text"[^>]*>请携带身份证到出入境窗口申请换发普通护照。/);
  });
});

describe('public Q&A', () => {
  test('the publication check removes personal data before anything crosses', () => {
    const out = redactPersonalData(
      '当事人张伟驾驶苏E12345，家住幸福路12号3栋，身份证110101199003070011，电话13912345678。张伟说…',
      '2026-12-06',
      [{ text: '欧阳示范', category: 'name' }],
    );
    for (const gone of ['张伟', '苏E12345', '幸福路12号', '110101199003070011', '13912345678'])
      assert.ok(!out.text.includes(gone), `${gone} in ${out.text}`);
    assert.match(out.text, /张某/);
    assert.deepEqual(out.blocked, []);
  });

  test('a spokesperson publishes an answered letter without the writer’s name or mobile; tips never', async () => {
    const letterNumber = await letterArrives({
      body: '我是欧阳示范，电话13800000042，护照过期了怎么办？',
    });
    const letter = (await findLetter(zone.services.db, letterNumber))!;
    const handler = await makeOfficer(zone, {
      unitCode: letter.unitCode!,
      role: 'letter-handler',
      enrolled: true,
    });
    const client = await logIn(zone, handler);
    await client.post(`/letters/${letterNumber}/claim`, {}, { formUrl: `/letters/${letterNumber}` });
    const replied = await client.post(
      `/letters/${letterNumber}/reply`,
      { text: '欧阳示范您好，请到出入境窗口换发。' },
      { formUrl: `/letters/${letterNumber}` },
    );
    assert.equal(replied.statusCode, 303);

    const spokesperson = await makeOfficer(zone, {
      unitCode: 'SF-0000',
      role: 'network-spokesperson',
      scope: 'all',
      enrolled: true,
    });
    const web = await logIn(zone, spokesperson);
    const list = await web.get('/qa');
    assert.match(list.body, new RegExp(letterNumber));
    const preview = await web.get(`/qa/letters/${letterNumber}`);
    assert.equal(preview.statusCode, 200);
    assert.ok(!preview.body.includes('欧阳示范') && !preview.body.includes('13800000042'));
    // The spokesperson types the name back in: the check removes it again as he publishes.
    const published = await web.post(`/qa/letters/${letterNumber}`, {
      question: '护照过期换发\n我是欧阳示范，护照过期了怎么办？',
      answer: '欧阳示范您好，请到出入境窗口换发。',
    });
    assert.equal(published.statusCode, 303);
    // Nothing crosses until a second spokesperson approves it; the writer of the draft may not.
    const qaSent = () => zone.services.db.select().from(outbox).where(eq(outbox.type, 'qa.published'));
    assert.equal((await qaSent()).length, 0);
    const [draft] = await zone.services.db
      .select()
      .from(qaPublications)
      .where(eq(qaPublications.letterNumber, letterNumber));
    assert.equal(draft?.state, 'in-review');
    const own = await web.post(`/qa/${draft!.id}/review`, { decision: 'approve' });
    assert.equal(own.statusCode, 403);
    const second = await logIn(
      zone,
      await makeOfficer(zone, {
        unitCode: 'SF-0000',
        role: 'network-spokesperson',
        scope: 'all',
        enrolled: true,
      }),
    );
    const approved = await second.post(`/qa/${draft!.id}/review`, { decision: 'approve' });
    assert.equal(approved.statusCode, 303);
    const rows = await qaSent();
    const payload = JSON.stringify(rows.map((r) => r.payload));
    assert.match(payload, /出入境窗口换发/);
    assert.ok(!payload.includes('欧阳示范') && !payload.includes('13800000042'));

    const tip = await letterArrives({
      kind: 'tip',
      topic: 'public-order',
      subject: '举报赌博',
      body: '某处有人赌博',
    });
    await assert.rejects(
      qa.loadPublishable(zone.services, await staffOf(spokesperson), tip),
      (e: { code?: string }) => e.code === 'CONFLICT',
    );
    assert.equal((await web.get(`/qa/letters/${tip}`)).statusCode, 409);
  });
});

describe('answered-my-question count', () => {
  test('the entry keeps the highest total the portal sends, whatever the order', async () => {
    const id = await inUse({ question: '计数口径', answer: '计数答复', public: false });
    const handle = zone.inboxHandlers[kbAnswerHelped.type]!;
    const message = (n: number) => ({
      messageId: randomUUID(),
      fromZone: 'portal' as const,
      stream: `kb:${id}`,
      seq: n,
      type: kbAnswerHelped.type,
      version: 1,
    });
    for (const n of [3, 1, 2])
      await zone.services.db.transaction((tx) =>
        handle(tx, { entryId: id, count: n, countedAt: zone.services.now().toISOString() }, message(n)),
      );
    assert.equal((await findEntry(zone.services.db, id))?.helpedCount, 3);
  });
});
