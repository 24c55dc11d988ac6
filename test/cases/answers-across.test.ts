import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import pino from 'pino';
import { randomUUID } from 'node:crypto';
import { qaPublished } from '../../src/exchange/contracts/index.ts';
import { keyringFrom, startRelay, type Relay } from '../../src/exchange/runtime.ts';
import { outbox } from '../../src/exchange/tables.ts';
import { DEMO_KB, seedKnowledgeBase } from '../../src/workbench/kb/kb.seed.ts';
import { kbEntries, kbVersions } from '../../src/workbench/kb/kb.tables.ts';
import { DEMO_QA, seedPublicQa } from '../../src/workbench/qa/qa.seed.ts';
import { withdraw } from '../../src/workbench/qa/qa.review.ts';
import { qaPublications } from '../../src/workbench/qa/qa.tables.ts';
import { seedDirectory } from '../../src/workbench/org/org.publish.ts';
import { demoOfficer } from '../../src/workbench/staff/demo-officer.ts';
import { seedWorkbench } from '../../src/workbench/seed.ts';
import { FormClient } from '../helpers/browser-like.ts';
import { registerCitizen } from '../helpers/citizens.ts';
import { startTestZone, testPublicKeys, type TestZone } from '../helpers/zones.ts';
import { deliver } from '../portal/cases.fixture.ts';
import { startWorkbench, type Workbench } from '../workbench/support.ts';

// The portal's answers side, the whole way: the demo knowledge base and Q&A are written, reviewed and
// published in the workbench, the relay carries them, and the portal offers them as instant answers and Q&A
// pages; "this answered my question" is counted and its total crosses back.

let portal: TestZone;
let workbench: Workbench;
let relay: Relay;

async function cross(): Promise<void> {
  await workbench.signOutbox();
  await portal.signOutbox();
  await relay.runOnce();
  await portal.processInbox();
  await workbench.processInbox();
}

before(async () => {
  portal = await startTestZone('portal');
  workbench = await startWorkbench();
  await workbench.database.db.delete(outbox);
  relay = startRelay(
    portal.database.db,
    workbench.database.db,
    keyringFrom(testPublicKeys),
    pino({ level: 'silent' }),
    60_000,
  );
  await seedWorkbench(workbench.services);
  await seedDirectory(workbench.services);
  await seedKnowledgeBase(workbench.services);
  await seedPublicQa(workbench.services);
  await cross();
});
after(async () => {
  await relay.stop();
  await Promise.all([portal.close(), workbench.close()]);
});

const visitor = () => new FormClient(portal.app);
const passport = DEMO_KB.find((e) => e.question.startsWith('护照过期'))!;

describe('the demo answers', () => {
  test('every demo entry is in use after a second officer’s review, and every Q&A published by the other spokesperson; a second seed adds nothing', async () => {
    const db = workbench.services.db;
    const inUse = await db.select({ n: count() }).from(kbVersions).where(eq(kbVersions.state, 'in-use'));
    assert.equal(inUse[0]?.n, DEMO_KB.length);
    const versions = await db.select().from(kbVersions);
    assert.ok(versions.every((v) => v.authorBadge === 'SF5101' && v.reviewedBy === 'SF6001'));
    const published = await db.select().from(qaPublications);
    assert.equal(published.length, DEMO_QA.length);
    assert.ok(
      published.every(
        (q) => q.state === 'published' && q.draftedBy === 'SF7801' && q.publishedBy === 'SF7802',
      ),
    );
    await seedKnowledgeBase(workbench.services);
    await seedPublicQa(workbench.services);
    assert.equal((await db.select({ n: count() }).from(kbEntries))[0]?.n, DEMO_KB.length);
    assert.equal((await db.select({ n: count() }).from(qaPublications))[0]?.n, DEMO_QA.length);
  });
});

describe('instant answers', () => {
  test('a question finds the answer sharing most of it first, with the step to write when it does not help', async () => {
    const page = await visitor().get(
      `/interaction/answers?q=${encodeURIComponent('我的护照过期了，怎么换发')}`,
    );
    assert.equal(page.statusCode, 200);
    const first = /<ol class="list">\s*<li>\s*<h2>([^<]+)<\/h2>/.exec(page.body)?.[1];
    assert.equal(first, passport.question);
    assert.match(page.body, /这解答了我的问题/);
    assert.match(page.body, /href="\/interaction\/write\/consultation\?subject=%E6%88%91/);

    const none = await visitor().get(`/interaction/answers?q=${encodeURIComponent('天气预报')}`);
    assert.match(none.body, /没有找到相关答复/);
    const empty = await visitor().get('/interaction/answers');
    assert.ok(!empty.body.includes('<ol class="list">'));
    assert.ok(!empty.body.includes('没有找到相关答复'));
  });

  test('in English, the page and its buttons speak English', async () => {
    const page = await visitor().get(`/interaction/answers?lang=en&q=${encodeURIComponent('驾驶证换证')}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Answers to similar questions/);
    assert.match(page.body, /This answered my question/);
    assert.match(page.body, /Not answered: write a consultation/);
  });

  test('“this answered my question” is counted: a visitor each time, a signed-in citizen once; the total reaches the workbench', async () => {
    const q = encodeURIComponent('身份证丢了怎么补办');
    const page = await visitor().get(`/interaction/answers?q=${q}`);
    const entryId = /\/interaction\/answers\/([0-9a-f-]{36})\/helped/.exec(page.body)?.[1];
    assert.ok(entryId);
    const formUrl = `/interaction/answers?q=${q}`;
    const thanks = await visitor().post(
      `/interaction/answers/${entryId}/helped`,
      { q: '身份证丢了怎么补办' },
      { formUrl },
    );
    assert.equal(thanks.statusCode, 200);
    assert.match(thanks.body, /很高兴为您解答/);
    const citizen = await registerCitizen(portal);
    for (let i = 0; i < 2; i++)
      assert.equal(
        (await citizen.client.post(`/interaction/answers/${entryId}/helped`, {}, { formUrl })).statusCode,
        200,
      );
    await cross();
    const [entry] = await workbench.services.db.select().from(kbEntries).where(eq(kbEntries.id, entryId!));
    assert.equal(entry?.helpedCount, 2);

    const missing = await visitor().post(
      '/interaction/answers/00000000-0000-4000-8000-000000000000/helped',
      {},
      { formUrl },
    );
    assert.equal(missing.statusCode, 404);
  });
});

describe('public Q&A pages', () => {
  test('the list shows the published questions, each with its page, in both languages', async () => {
    const list = await visitor().get('/qa');
    assert.equal(list.statusCode, 200);
    for (const demo of DEMO_QA)
      assert.ok(list.body.includes(demo.question.split('\n')[0]!), demo.letterNumber);
    const id = /href="\/qa\/([0-9a-f-]{36})"/.exec(list.body)?.[1];
    assert.ok(id);
    const one = await visitor().get(`/qa/${id}`);
    assert.equal(one.statusCode, 200);
    const row = (
      await workbench.services.db.select().from(qaPublications).where(eq(qaPublications.id, id!))
    )[0]!;
    assert.ok(one.body.includes(row.answer.slice(0, 20)));
    const english = await visitor().get(`/qa/${id}?lang=en`);
    assert.equal(english.statusCode, 200);
    assert.match(english.body, /lang="en"/);
    assert.equal((await visitor().get('/qa/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  });

  test('the English pages name the answering unit by the directory’s English name, the Chinese pages by its Chinese one', async () => {
    const [row] = await workbench.services.db
      .select()
      .from(qaPublications)
      .where(eq(qaPublications.unitCode, 'SF-CRJ'))
      .limit(1);
    assert.ok(row);
    const en = (await visitor().get('/qa?lang=en')).body;
    assert.match(en, / · Household Registration Division/);
    assert.match(en, / · Exit-Entry Administration Division/);
    assert.doesNotMatch(en, /户政管理支队|出入境管理支队/);
    const zh = (await visitor().get('/qa')).body;
    assert.match(zh, / · 出入境管理支队/);
    assert.doesNotMatch(zh, /Exit-Entry Administration Division/);
    const one = (await visitor().get(`/qa/${row.id}?lang=en`)).body;
    assert.match(one, /<h2>Answer from Exit-Entry Administration Division<\/h2>/);
    assert.match((await visitor().get(`/qa/${row.id}`)).body, /<h2>出入境管理支队的答复<\/h2>/);
  });

  test('an answer published before it carried the unit’s code is still taken, and shows the name it came with', async () => {
    const id = randomUUID();
    await deliver(portal, qaPublished, {
      id,
      topic: 'household',
      question: '户口迁移需要多久？\n想问户口迁移一般多久能办好。',
      answer: '材料齐全的，一般当场办结。',
      unitName: '户政管理支队',
      askedOn: '2026-11-02',
      publishedAt: portal.services.now().toISOString(),
    });
    const en = (await visitor().get(`/qa/${id}?lang=en`)).body;
    assert.match(en, /<h2>Answer from <span lang="zh-CN">户政管理支队<\/span><\/h2>/);
  });

  test('a withdrawn question leaves the list and its page', async () => {
    const [row] = await workbench.services.db.select().from(qaPublications).limit(1);
    const spokesperson = (await demoOfficer(workbench.services, 'SF7801'))!;
    await withdraw(workbench.services, spokesperson.me, spokesperson.by, row!);
    await cross();
    assert.equal((await visitor().get(`/qa/${row!.id}`)).statusCode, 404);
    assert.ok(!(await visitor().get('/qa')).body.includes(`/qa/${row!.id}`));
  });
});
